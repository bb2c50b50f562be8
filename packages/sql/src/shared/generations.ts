import type { MigrationDialect } from '@strata/core';
import { pgGeneration } from '../postgres/generate.js';
import { sqliteGeneration } from '../sqlite/generate.js';
import type { GenerationDialect } from './generate.js';

/**
 * drizzle-kit's side of migration generation, by dialect (each dialect's own file supplies it).
 *
 * @example
 * ```ts
 * await generateMigration({ dialect: GENERATION[db.dialect], schema, previous });
 * ```
 */
export const GENERATION: Readonly<Record<MigrationDialect, GenerationDialect>> = {
  pg: pgGeneration,
  sqlite: sqliteGeneration,
};
