/**
 * `@strata/core`: the neutral schema language, row types and errors. No driver, no ORM, no
 * Node-only import: it runs in Node and in the browser.
 */

export { DatabaseClosedError, isStrataError, SchemaError, StrataError } from './errors.js';
export { generateId } from './id.js';
export * from './schema/index.js';
