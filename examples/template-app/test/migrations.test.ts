// The seed's sync test asked "do both schema files have the same tables and columns?". Here the
// question is answered by the engines: each one's migrations, applied from the folder, build the
// DOMAIN's tables with the same columns, leave nothing pending or drifted, and roll back cleanly.
import { migrate, migrationStatus, rollback } from '@strata/cli/migrate';
import { dumpSchema } from '@strata/sql';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MIGRATIONS_FOLDER } from '../src/database.js';
import { DOMAIN } from '../src/domain.config.js';
import { type OpenedEngine, openEngine } from './open-engine.js';

const { primary, entry } = DOMAIN.entities;

/** Table → column names, sorted: what the two hand-kept schema files had to agree on. */
const expectedColumns = {
  [entry.tableName]: ['amount', 'created_at', primary.foreignKey, 'id', 'note', 'occurred_on', 'user_id'].sort(),
  [primary.tableName]: [
    'created_at',
    'deleted_at',
    'id',
    'is_enabled',
    'name',
    'settings',
    'status',
    'updated_at',
    'user_id',
    'version',
  ],
};

for (const { engine, skip } of engineCases()) {
  describe.skipIf(skip !== undefined)(`migrations on ${engine}${skip ? ` (${skip})` : ''}`, () => {
    let opened: OpenedEngine | undefined;

    beforeAll(async () => {
      opened = await openEngine(engine);
    });
    afterAll(() => opened?.close());

    test('the folder builds the DOMAIN tables with the same columns as on every engine', async () => {
      const db = opened?.db;
      if (!db) throw new Error('not opened');
      const { tables } = await dumpSchema(db);
      const columns = Object.fromEntries(
        Object.entries(tables).map(([name, table]) => [name, Object.keys(table.columns).sort()]),
      );
      expect(columns).toEqual(expectedColumns);
    });

    test('nothing is pending, changed or drifted after migrating', async () => {
      const db = opened?.db;
      if (!db) throw new Error('not opened');
      const status = await migrationStatus(db, { folder: MIGRATIONS_FOLDER });
      expect(status.states.map((state) => [state.id, state.state])).toEqual([['0001_init', 'applied']]);
      expect({ pending: status.pending, problems: status.problems, drift: status.drift }).toEqual({
        pending: 0,
        problems: [],
        drift: [],
      });
    });

    test('rolls back to empty and migrates again to the same tables', async () => {
      const db = opened?.db;
      if (!db) throw new Error('not opened');
      const before = await dumpSchema(db);
      await rollback(db, { folder: MIGRATIONS_FOLDER, to: 0 });
      expect((await dumpSchema(db)).tables).toEqual({});
      await migrate(db, { folder: MIGRATIONS_FOLDER });
      expect(await dumpSchema(db)).toEqual(before);
    });
  });
}
