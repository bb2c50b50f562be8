/**
 * `@strata/studio`: a local web app over a project's Strata databases — tables and rows through
 * the repository, edits with undo, migrations, a read-only SQL console. `strata studio` starts it
 * from `strata.config.ts`; `startStudio` starts it from code.
 *
 * @example
 * ```ts
 * import { startStudio } from '@strata/studio';
 * const studio = await startStudio({ databases: [{ name: 'app', db }] });
 * console.log(studio.url);
 * ```
 */
export type { ColumnInfo, RelationLink, TableDescription } from './catalog.js';
export type { StudioLink } from './links.js';
export { type StudioHandle, type StudioOptions, startStudio } from './studio.js';
export type { StudioDatabase } from './types.js';
