import { type AnyColumn, type AnyTable, collectSchema, type SchemaModule, type TableRelations } from '@strata/core';
import { relations, type Table } from 'drizzle-orm';
import type { DrizzleTable } from './table-compiler.js';

/** A schema compiled for one dialect. */
export interface CompiledSchema {
  /** Drizzle tables by export name. */
  readonly tables: Record<string, DrizzleTable>;
  /** Tables and Drizzle relations by export name: the `schema` option of `drizzle()`. */
  readonly drizzleSchema: Record<string, unknown>;
}

function compileRelations(declared: TableRelations, compileTable: (table: AnyTable) => DrizzleTable) {
  const column = (c: AnyColumn) => compileTable(c.placement?.table as AnyTable)[c.placement?.key ?? ''];
  return relations(compileTable(declared.table) as unknown as Table, ({ one, many }) => {
    const result: Record<string, ReturnType<typeof one> | ReturnType<typeof many>> = {};
    for (const [name, relation] of Object.entries(declared.build())) {
      const target = compileTable(relation.target) as unknown as Table;
      if (relation.kind === 'many') {
        result[name] = many(target, { relationName: relation.relationName as string });
      } else if (relation.fields && relation.references) {
        result[name] = one(target, {
          fields: relation.fields.map(column) as never,
          references: relation.references.map(column) as never,
          relationName: relation.relationName as string,
        });
      } else {
        result[name] = one(target, { relationName: relation.relationName as string } as never);
      }
    }
    return result;
  });
}

/**
 * Compiles every table and relation of a schema module with one dialect's table compiler.
 *
 * @example
 * ```ts
 * const { tables, drizzleSchema } = compileSchema(schema, compilePgTable);
 * ```
 */
export function compileSchema(module: SchemaModule, compileTable: (table: AnyTable) => DrizzleTable): CompiledSchema {
  const collected = collectSchema(module);
  const tables: Record<string, DrizzleTable> = {};
  const drizzleSchema: Record<string, unknown> = {};
  for (const [name, table] of collected.tables) {
    tables[name] = compileTable(table);
    drizzleSchema[name] = tables[name];
  }
  for (const [name, declared] of collected.relations) {
    drizzleSchema[name] = compileRelations(declared, compileTable);
  }
  return { tables, drizzleSchema };
}
