// npm start: Strata Studio over the two-database example — auth (Better Auth's tables) and app
// data (collections and entries) — both in embedded PGlite, migrated and seeded with readable
// rows, from data-directory snapshots after the first run. Prints the URL and start-up figures.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '@strata/pglite';
import { migrate } from '@strata/sql/migrate';
import { startStudio } from '@strata/studio';
import * as app from '../../two-databases/src/schema/app.js';
import * as auth from '../../two-databases/src/schema/auth.js';
import { seedDemo } from './seed.js';
import { installedVersion, readSnapshot, snapshotKey, writeSnapshot } from './snapshot.js';

const started = performance.now();
const migrations = fileURLToPath(new URL('../../two-databases/migrations', import.meta.url));
const pglite = installedVersion('@electric-sql/pglite');
const key = await snapshotKey(
  [
    join(migrations, 'auth/pg/meta/_journal.json'),
    join(migrations, 'app/pg/meta/_journal.json'),
    fileURLToPath(new URL('./seed.ts', import.meta.url)),
  ],
  pglite,
);

async function openDemo() {
  const [authSnapshot, appSnapshot] = await Promise.all([readSnapshot('auth', key), readSnapshot('app', key)]);
  if (authSnapshot && appSnapshot) {
    const [authDb, appDb] = await Promise.all([
      createDatabase({ schema: auth, loadDataDir: authSnapshot }),
      createDatabase({ schema: app, loadDataDir: appSnapshot }),
    ]);
    return { authDb, appDb, built: false };
  }
  // First run: migrate and seed through Strata, then keep both data directories for next time.
  const [authDb, appDb] = await Promise.all([createDatabase({ schema: auth }), createDatabase({ schema: app })]);
  await migrate(authDb, { folder: join(migrations, 'auth') });
  await migrate(appDb, { folder: join(migrations, 'app') });
  await seedDemo(authDb, appDb);
  await writeSnapshot('auth', key, authDb.client);
  await writeSnapshot('app', key, appDb.client);
  return { authDb, appDb, built: true };
}

const { authDb, appDb, built } = await openDemo();
const ready = performance.now();
const studio = await startStudio({
  port: Number(process.env.PORT ?? 0),
  databases: [
    { name: 'auth', db: authDb, migrations: join(migrations, 'auth') },
    { name: 'app', db: appDb, migrations: join(migrations, 'app') },
  ],
});
const memory = process.memoryUsage();
console.log(`\nStrata Studio: ${studio.url}\n`);
console.log(
  `databases ready in ${Math.round(ready - started)} ms${built ? ' (first run: migrated, seeded and saved as snapshots)' : ' (from snapshots)'}, ` +
    `serving ${Math.round(performance.now() - started)} ms after start of main; ` +
    `process up ${Math.round(process.uptime() * 1000)} ms, RSS ${Math.round(memory.rss / 2 ** 20)} MiB, heap ${Math.round(memory.heapUsed / 2 ** 20)} MiB`,
);
console.log('Ctrl+C stops.');

const stop = async () => {
  await studio.close();
  await Promise.all([authDb.close(), appDb.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
