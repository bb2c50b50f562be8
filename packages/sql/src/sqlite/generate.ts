import type { SchemaModule } from '@strata/core';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { loadDrizzleKit } from '../shared/ddl.js';
import type { GenerationDialect } from '../shared/generate.js';
import type { Snapshot } from '../shared/snapshot.js';
import { upgradeSQLiteSnapshot } from './legacy-snapshot.js';
import { compileSQLiteSchema } from './table.js';

const dialect = new SQLiteSyncDialect();

/**
 * drizzle-kit wraps table rebuilds in `PRAGMA foreign_keys` statements that do nothing inside a
 * migration's transaction; Strata's runner switches enforcement itself, around the transaction.
 */
const FOREIGN_KEYS_PRAGMA = /^PRAGMA foreign_keys\s*=\s*(ON|OFF);?$/i;

/**
 * Migration generation for SQLite: drizzle-kit's SQLite snapshots and diffs.
 *
 * @example
 * ```ts
 * await generateMigration({ dialect: sqliteGeneration, schema, previous });
 * ```
 */
export const sqliteGeneration: GenerationDialect = {
  name: 'sqlite',
  snapshot: async (schema: SchemaModule) =>
    (await (await loadDrizzleKit()).generateSQLiteDrizzleJson(compileSQLiteSchema(schema).tables)) as Snapshot,
  empty: async () => (await (await loadDrizzleKit()).generateSQLiteDrizzleJson({})) as Snapshot,
  diff: async (from, to) =>
    (await (await loadDrizzleKit()).generateSQLiteMigration(from as never, to as never)).filter(
      (statement) => !FOREIGN_KEYS_PRAGMA.test(statement.trim()),
    ),
  escapeName: (identifier) => dialect.escapeName(identifier),
  upgrade: upgradeSQLiteSnapshot,
};
