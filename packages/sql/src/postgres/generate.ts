import type { SchemaModule } from '@strata/core';
import { PgDialect } from 'drizzle-orm/pg-core';
import { loadDrizzleKit } from '../shared/ddl.js';
import type { GenerationDialect } from '../shared/generate.js';
import type { Snapshot } from '../shared/snapshot.js';
import { upgradePgSnapshot } from './legacy-snapshot.js';
import { compilePgSchema } from './table.js';

const dialect = new PgDialect();

/**
 * Migration generation for PostgreSQL (servers, Neon, PGlite): drizzle-kit's PostgreSQL snapshots and diffs.
 *
 * @example
 * ```ts
 * await generateMigration({ dialect: pgGeneration, schema, previous });
 * ```
 */
export const pgGeneration: GenerationDialect = {
  name: 'pg',
  snapshot: async (schema: SchemaModule) =>
    (await loadDrizzleKit()).generateDrizzleJson(compilePgSchema(schema).tables) as Snapshot,
  empty: async () => (await loadDrizzleKit()).generateDrizzleJson({}) as Snapshot,
  diff: async (from, to) => (await loadDrizzleKit()).generateMigration(from as never, to as never),
  escapeName: (identifier) => dialect.escapeName(identifier),
  upgrade: upgradePgSnapshot,
};
