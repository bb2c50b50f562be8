/**
 * `@strata/sql`: the shared Drizzle implementation of Strata. Dialect compilers live in the
 * `@strata/sql/postgres` and `@strata/sql/sqlite` entry points; engine packages build on them.
 */
export { type ConditionTarget, compileCondition } from './shared/condition.js';
export { type EngineName, type EngineParts, loadDriver, openDatabase, type StrataDatabase } from './shared/database.js';
export { loadDrizzleKit } from './shared/ddl.js';
export { type DatabaseErrorContext, mapDatabaseError } from './shared/errors.js';
export type { Plan, PlanExecutor } from './shared/plan.js';
export { redactUrl } from './shared/redact.js';
export type { CompiledSchema } from './shared/schema-compiler.js';
