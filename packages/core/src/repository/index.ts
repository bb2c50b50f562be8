export type { AdapterCapabilities, AdapterRow, DatabaseAdapter, OrderTerm, ReadQuery } from './contract.js';
export { normalizeOrder, type OrderBy } from './order.js';
export { QueryError } from './query-error.js';
export {
  type CursorOrderBy,
  type CursorPage,
  type DeletedRowsOption,
  type FindManyOptions,
  type FindPageOptions,
  type IdOf,
  MAX_FILTER_VALUES,
  type NotNullField,
  type Page,
  type PaginateOptions,
  Repository,
  type UpsertOptions,
} from './repository.js';
export { createDataScope, type DataScope, type RepositoriesOf, type TablesOf } from './scope.js';
export { type ForUserOptions, forUser, type ScopedNewRow, type ScopedRepository } from './scoped.js';
export { uniformFields } from './uniform-fields.js';
export { inputSchema, parseInput } from './validator.js';
export { checkedValue, columnOf, type FieldFilter, normalizeWhere, type Where } from './where.js';
