/**
 * `@strata/d1`: Strata on Cloudflare D1, through a Worker's D1 binding and Drizzle's D1 driver.
 *
 * @example
 * ```ts
 * import { createDatabase } from '@strata/d1';
 * import * as schema from './schema.js';
 * const db = await createDatabase({ schema, binding: env.DB });
 * ```
 */
export { D1_MAX_PARAMETERS, TRANSACTION_UNSUPPORTED } from './d1-adapter.js';
export type { D1Binding, D1ResultLike, D1StatementLike } from './d1-binding.js';
export { createDatabase, type D1DatabaseOptions, type D1StrataDatabase } from './d1-database.js';
