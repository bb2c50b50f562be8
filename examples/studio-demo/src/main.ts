// npm start: Strata Studio over the two-database example — auth (Better Auth's tables) and app
// data (collections and entries) — both in embedded PGlite, migrated and seeded with readable
// rows, from data-directory snapshots after the first run. Prints the URL and start-up figures.
//
// Only Node built-ins and the demo's own snapshot helpers are imported statically: the PGlite
// instances start from their snapshots first, and Strata, the schemas and the Studio load (and
// are transpiled) while PostgreSQL starts. `app` rows link to their user in `auth` by `userId`
// (the Studio's convention for a database holding Better Auth's user table).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BootedPglite, bootFromSnapshots, demoStartParams } from './boot.js';
import { installedVersion, snapshotKey, snapshotPath, writeSnapshot } from './snapshot.js';

const started = performance.now();
const migrations = fileURLToPath(new URL('../../two-databases/migrations', import.meta.url));
const key = await snapshotKey(
  [
    join(migrations, 'auth/pg/meta/_journal.json'),
    join(migrations, 'app/pg/meta/_journal.json'),
    fileURLToPath(new URL('./seed.ts', import.meta.url)),
  ],
  installedVersion('@electric-sql/pglite'),
);
const authFile = snapshotPath('auth', key);
const appFile = snapshotPath('app', key);
const booting: Promise<BootedPglite> | undefined =
  authFile && appFile ? bootFromSnapshots({ auth: authFile, app: appFile }) : undefined;
// Awaited below, after the imports: a failure must not count as unhandled meanwhile.
booting?.catch(() => {});

const [{ createDatabase }, { startStudio }, app, auth] = await Promise.all([
  import('@strata/pglite'),
  import('@strata/studio'),
  import('../../two-databases/src/schema/app.js'),
  import('../../two-databases/src/schema/auth.js'),
]);

async function openDemo() {
  if (booting) {
    const clients = await booting;
    // The instances are this file's (started above): Strata does not close them, stop() does.
    const [authDb, appDb] = await Promise.all([
      createDatabase({ schema: auth, client: clients.auth }),
      createDatabase({ schema: app, client: clients.app }),
    ]);
    return { authDb, appDb, clients: [clients.auth, clients.app], built: false };
  }
  // First run: migrate and seed through Strata, then keep both data directories for next time.
  const [{ migrate }, { seedDemo }, { PGlite }] = await Promise.all([
    import('@strata/sql/migrate'),
    import('./seed.js'),
    import('@electric-sql/pglite'),
  ]);
  const pglite = { startParams: demoStartParams(PGlite) };
  const [authDb, appDb] = await Promise.all([
    createDatabase({ schema: auth, pglite }),
    createDatabase({ schema: app, pglite }),
  ]);
  await migrate(authDb, { folder: join(migrations, 'auth') });
  await migrate(appDb, { folder: join(migrations, 'app') });
  await seedDemo(authDb, appDb);
  await writeSnapshot('auth', key, authDb.client);
  await writeSnapshot('app', key, appDb.client);
  return { authDb, appDb, clients: [], built: true };
}

const { authDb, appDb, clients, built } = await openDemo();
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
  await Promise.all(clients.map((client) => client.close()));
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
