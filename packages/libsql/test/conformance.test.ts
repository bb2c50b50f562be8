// Strata's conformance suite on libSQL, in memory and on a file, next to better-sqlite3: the
// cross-engine workload at the end must give the same results on all three. better-sqlite3 is the
// reference; `ENGINES` without sqlite skips it (the libSQL runs need no server and always run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@strata/libsql';
import { engineCases, openTestDatabase, runConformanceSuite } from '@strata/testing';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'strata-libsql-conformance-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sqliteSkip = engineCases().find((c) => c.engine === 'sqlite')?.skip;

runConformanceSuite({
  engines: [
    { engine: 'sqlite', skip: sqliteSkip },
    { engine: 'libsql', skip: undefined },
    { engine: 'libsql-file', skip: undefined },
  ],
  open: (engine, schema) => {
    if (engine === 'sqlite') return openTestDatabase('sqlite', schema);
    // Each open is a new, empty database: a fresh file for every one.
    const url = engine === 'libsql' ? ':memory:' : `file:${join(dir, `db-${++files}.db`)}`;
    return createDatabase({ schema, url });
  },
});
