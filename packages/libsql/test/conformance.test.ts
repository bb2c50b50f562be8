// Strata's conformance suite on libSQL, in memory and on a file, next to better-sqlite3: the
// cross-engine workload at the end must give the same results on all three. better-sqlite3 is the
// reference; `ENGINES` without sqlite skips it (the libSQL runs need no server and always run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@strata/libsql';
import { openTestDatabase, runConformanceSuite } from '@strata/testing';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'strata-libsql-conformance-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Read here rather than through engineCases(), which refuses an ENGINES list naming libsql (an
// engine the test harness does not know yet).
const selected = process.env.ENGINES?.split(',').map((name) => name.trim());
const sqliteSkip =
  selected && !selected.includes('sqlite') ? `not selected by ENGINES=${process.env.ENGINES}` : undefined;

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
