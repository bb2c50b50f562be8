import { z } from 'zod';
import type { NewRow } from '../schema/row.js';
import { type AnyTable, getTableInfo } from '../schema/table.js';
import { valueProblem } from '../schema/validate-default.js';
import { QueryError } from './query-error.js';

/**
 * A zod schema for untyped create (`'create'`) or update (`'update'`) input of `table`, derived
 * from its columns: unknown fields (`__proto__` and `constructor` included) are refused, required
 * fields (not null, no default) must be present on create, and every value is checked by the same
 * rules the repository applies (`valueProblem`), so what passes here is what `create`/`update`
 * accept. Each issue's message names the table, the field and the problem.
 *
 * @example
 * ```ts
 * const parsed = inputSchema(post, 'create').safeParse(await request.json());
 * if (!parsed.success) return new Response(parsed.error.issues[0]?.message, { status: 400 }); // table "post", field "title": expects a string, got a number
 * await db.repos.post.create(parsed.data);
 * ```
 */
export function inputSchema<T extends AnyTable>(table: T, mode: 'create'): z.ZodType<NewRow<T>>;
export function inputSchema<T extends AnyTable>(table: T, mode: 'update'): z.ZodType<Partial<NewRow<T>>>;
export function inputSchema(table: AnyTable, mode: 'create' | 'update'): z.ZodType {
  const info = getTableInfo(table);
  const place = (field: string) => `table "${info.name}", field "${field}"`;
  const shape: Record<string, z.ZodType> = {};
  for (const [field, column] of Object.entries(info.columns)) {
    const { config } = column;
    const required = mode === 'create' && config.notNull && config.default === undefined;
    const value = z.unknown().superRefine((input, context) => {
      if (input === undefined) {
        if (required) context.addIssue({ code: 'custom', message: `${place(field)}: is required` });
        return;
      }
      if (input === null) {
        if (config.notNull) context.addIssue({ code: 'custom', message: `${place(field)}: cannot be null` });
        return;
      }
      const problem = valueProblem(config, input);
      if (problem) context.addIssue({ code: 'custom', message: `${place(field)}: ${problem}` });
    });
    // A field with a default (or nullable, or any field of an update) may be left out.
    shape[field] = required ? value : value.optional();
  }
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `table "${info.name}": unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.code === 'invalid_type'
          ? `table "${info.name}": ${mode} needs an object of field values`
          : undefined,
  });
}

/**
 * Untyped input (a parsed request body) as `table`'s typed create or update values, checked by
 * {@link inputSchema}'s rules; anything wrong is a `QueryError` naming the table and the first
 * field at fault (the error a repository write would throw), so one handler maps one error type.
 *
 * @example
 * ```ts
 * const values = parseInput(post, 'create', await request.json()); // NewRow<typeof post>
 * await db.repos.post.create(values);
 * ```
 */
export function parseInput<T extends AnyTable>(table: T, mode: 'create', input: unknown): NewRow<T>;
export function parseInput<T extends AnyTable>(table: T, mode: 'update', input: unknown): Partial<NewRow<T>>;
export function parseInput(table: AnyTable, mode: 'create' | 'update', input: unknown): unknown {
  const parsed = (mode === 'create' ? inputSchema(table, 'create') : inputSchema(table, 'update')).safeParse(input);
  if (parsed.success) return parsed.data;
  const name = getTableInfo(table).name;
  const [issue] = parsed.error.issues;
  const keys = issue && 'keys' in issue ? (issue.keys as string[]) : [];
  const field = typeof issue?.path[0] === 'string' ? issue.path[0] : keys[0];
  // The schema's messages lead with the place; QueryError adds it again from its own fields.
  const problem = (issue?.message ?? 'invalid input').replace(/^table "[^"]*"(?:, field "[^"]*")?: /, '');
  throw new QueryError(problem, field === undefined ? { table: name } : { table: name, field });
}
