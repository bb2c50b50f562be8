import { type AnyColumn, type Condition, type ConditionVisitor, visitCondition } from '@strata/core';
import { type DriverValueEncoder, is, Param, Placeholder, sql } from 'drizzle-orm';

/**
 * Query plans: the SQL text of a query shape, built by Drizzle once and reused. Building a
 * Drizzle query costs tens of microseconds per call, more than a prepared statement takes to
 * run; a plan keeps the text (and the engine's prepared statement) per shape, and each call only
 * extracts its values.
 */

/**
 * A call's values in slot order, each with the column whose encoder turns it into a driver value
 * (`undefined`: bound as it is).
 */
export interface SlotValues {
  value(index: number): unknown;
  column(index: number): AnyColumn | undefined;
}

/**
 * Slots filled one by one. Two parallel arrays rather than an object per value: fewer objects for
 * the collector on every call.
 */
export class Slots implements SlotValues {
  readonly #values: unknown[] = [];
  readonly #columns: (AnyColumn | undefined)[] = [];

  get length(): number {
    return this.#values.length;
  }

  /** Appends a value; returns its slot index. */
  push(value: unknown, column: AnyColumn | undefined): number {
    this.#columns.push(column);
    return this.#values.push(value) - 1;
  }

  value(index: number): unknown {
    return this.#values[index];
  }

  column(index: number): AnyColumn | undefined {
    return this.#columns[index];
  }
}

/**
 * The slots of a multi-row INSERT whose rows all have the fields `keys`, read from the rows
 * themselves: slot `r × keys.length + k` is field `keys[k]` of row `r`. A bulk insert of 10,000
 * rows would otherwise copy 60,000 values into slots before copying them again into parameters.
 * The values are read when the statement runs, which on a single-connection engine can be after
 * a transaction ahead of it: the rows must stay as they are until then (the repository hands
 * the adapter its own validated copies).
 */
export class RowSlots implements SlotValues {
  readonly #rows: readonly Readonly<Record<string, unknown>>[];
  readonly #keys: readonly string[];
  readonly #keyColumns: readonly (AnyColumn | undefined)[];

  constructor(
    rows: readonly Readonly<Record<string, unknown>>[],
    keys: readonly string[],
    keyColumns: readonly (AnyColumn | undefined)[],
  ) {
    this.#rows = rows;
    this.#keys = keys;
    this.#keyColumns = keyColumns;
  }

  value(index: number): unknown {
    const width = this.#keys.length;
    const row = this.#rows[Math.floor(index / width)] as Readonly<Record<string, unknown>>;
    return row[this.#keys[index % width] as string];
  }

  column(index: number): AnyColumn | undefined {
    return this.#keyColumns[index % this.#keys.length];
  }
}

/** Stands for slot `index` while a plan is built: compiled to a Drizzle placeholder. */
export class SlotToken {
  constructor(readonly index: number) {}
}

/** The name of slot `index`'s placeholder. */
export const slotName = (index: number): string => `s${index}`;

const fieldOf = (column: AnyColumn) => column.placement?.key ?? '?';

/**
 * Walks a condition: returns its shape key (operators, fields, list lengths — no values) and
 * appends its values to `slots` in a fixed order. Runs on every call, so it allocates little.
 */
export function conditionKey(condition: Condition | undefined, slots: Slots): string {
  return condition ? visitCondition(condition, SHAPE_KEY, slots) : '-';
}

const SHAPE_KEY: ConditionVisitor<string, Slots> = {
  comparison: (node, slots) => {
    slots.push(node.value, node.column);
    return `${node.op}(${fieldOf(node.column)})`;
  },
  list: (node, slots) => {
    for (const value of node.values) slots.push(value, node.column);
    return `${node.op}(${fieldOf(node.column)},${node.values.length})`;
  },
  nullCheck: (node) => `${node.op}(${fieldOf(node.column)})`,
  textMatch: (node, slots) => {
    slots.push(node.value, undefined);
    return `${node.op}${node.ignoreCase ? 'I' : ''}(${fieldOf(node.column)})`;
  },
  group: (node, slots) => {
    let key = `${node.op}[`;
    for (const part of node.conditions) key += `${visitCondition(part, SHAPE_KEY, slots)},`;
    return `${key}]`;
  },
  negation: (node, slots) => `not(${visitCondition(node.condition, SHAPE_KEY, slots)})`,
};

/** Appends a condition's values to `slots` in `conditionKey`'s order, without building a key. */
export function conditionValues(condition: Condition | undefined, slots: Slots): void {
  if (condition) visitCondition(condition, VALUES, slots);
}

const VALUES: ConditionVisitor<void, Slots> = {
  comparison: (node, slots) => {
    slots.push(node.value, node.column);
  },
  list: (node, slots) => {
    for (const value of node.values) slots.push(value, node.column);
  },
  nullCheck: () => {},
  textMatch: (node, slots) => {
    slots.push(node.value, undefined);
  },
  group: (node, slots) => {
    for (const part of node.conditions) visitCondition(part, VALUES, slots);
  },
  negation: (node, slots) => visitCondition(node.condition, VALUES, slots),
};

/**
 * The condition with each value replaced by a token for slot `first + i`, walking in the same
 * order as `conditionKey`. Only needed when a shape is built.
 */
export function tokenizeCondition(condition: Condition | undefined, first: number): Condition | undefined {
  return condition && visitCondition(condition, TOKENIZED, { next: first });
}

/** The next slot to hand out while tokenizing. */
interface TokenCounter {
  next: number;
}

const TOKENIZED: ConditionVisitor<Condition, TokenCounter> = {
  comparison: (node, counter) => ({ ...node, value: new SlotToken(counter.next++) }),
  list: (node, counter) => ({ ...node, values: node.values.map(() => new SlotToken(counter.next++)) }),
  nullCheck: (node) => node,
  textMatch: (node, counter) => ({ ...node, value: new SlotToken(counter.next++) as never }),
  group: (node, counter) => ({
    op: node.op,
    conditions: node.conditions.map((part) => visitCondition(part, TOKENIZED, counter)),
  }),
  negation: (node, counter) => ({ op: 'not', condition: visitCondition(node.condition, TOKENIZED, counter) }),
};

/** Binds a token as its placeholder; anything else as a normal parameter. */
export function bindSlot(value: unknown, encoder: DriverValueEncoder<unknown, unknown> | undefined) {
  return value instanceof SlotToken ? sql.placeholder(slotName(value.index)) : sql.param(value, encoder);
}

/** A query shape ready to run: SQL text, where each parameter comes from, how to read rows. */
export interface Plan {
  readonly text: string;
  /** For each parameter: the slot it takes its value from. */
  readonly params: readonly number[];
  /** The returned columns in order: JS key and the decoder of its driver value. */
  readonly fields: readonly { readonly key: string; readonly decode: (value: unknown) => unknown }[];
  /**
   * The same statement with all its rows returned as one JSON array of row arrays (one row, one
   * column), for a driver that reads many rows slowly: PGlite decodes every protocol row in
   * JavaScript, while `JSON.parse` reads the lot at once. Values come as the driver gives them:
   * numbers, booleans, text and JSON as JSON; values JSON cannot carry exactly (64-bit integers,
   * timestamps, dates) as their text. Only bulk inserts have one.
   */
  readonly aggregated?: string;
  /** An engine's prepared statement for this text, created on first use. */
  statement?: unknown;
}

/**
 * Reads the parameter list of a Drizzle query built with slot placeholders. Returns `undefined`
 * when any parameter is not a placeholder (a value Drizzle computed while building, such as a
 * `$defaultFn` result): such a query must not be reused.
 */
export function planParams(params: readonly unknown[]): number[] | undefined {
  const indexes: number[] = [];
  for (const param of params) {
    // Drizzle wraps a placeholder given as an insert or update value in a Param.
    const placeholder = is(param, Param) ? param.value : param;
    if (!is(placeholder, Placeholder) || !/^s\d+$/.test(placeholder.name)) return undefined;
    indexes.push(Number(placeholder.name.slice(1)));
  }
  return indexes;
}

/** Longest statement text kept in the cache, in characters. */
const MAX_PLAN_TEXT = 1_000_000;

/** A bounded map of plans: past the limit the oldest shape goes (shapes are few in practice). */
export class PlanCache {
  readonly #plans = new Map<string, Plan | null>();

  constructor(readonly limit = 500) {}

  get(key: string): Plan | null | undefined {
    return this.#plans.get(key);
  }

  /** Stores a plan, or `null` for a shape that cannot be planned (so it is not tried again). */
  set(key: string, plan: Plan | null): void {
    // A huge statement (a giant multi-row insert) is not worth keeping in memory.
    if (plan && plan.text.length > MAX_PLAN_TEXT) return;
    this.#plans.set(key, plan);
    if (this.#plans.size > this.limit) this.#plans.delete(this.#plans.keys().next().value as string);
  }
}

/** How an engine runs a plan's text directly on its driver, with driver-ready parameters. */
export interface PlanExecutor {
  /** Runs a statement that returns rows; rows come back as arrays in the plan's field order. */
  rows(plan: Plan, params: unknown[]): Promise<unknown[][]> | unknown[][];
  /** The first row only, when the driver can stop there (optional; `rows` otherwise). */
  first?(plan: Plan, params: unknown[]): Promise<unknown[] | undefined> | unknown[] | undefined;
  /** Runs a statement that returns no rows; resolves to the number of rows it touched. */
  run(plan: Plan, params: unknown[]): Promise<number> | number;
}
