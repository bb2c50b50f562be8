// Streaming standbys of the throwaway server for the read replica tests: a base backup of the
// running server written with its recovery settings (-R: standby.signal and primary_conninfo,
// password included), each started on its own port. initdb's pg_hba allows replication
// connections over 127.0.0.1 with the same scram password, and the strata user is a superuser, so
// it may replicate.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellQuote } from './owner.mjs';

/** Replay delay of the delayed standby: long enough for a test to see a write missing there. */
export const STANDBY_DELAY_MS = 1500;

/**
 * Makes and starts a plain standby and one delaying replay by {@link STANDBY_DELAY_MS}; returns
 * the environment variables the tests read (see with-postgres.mjs), or undefined when `binDir`
 * has no pg_basebackup (the npm-shipped servers). `register(dir)` hands each standby's data
 * directory to the caller's stop; `fail()` stops everything and exits.
 */
export async function startStandbys({ base, binDir, port, password, owner, run, startArgs, freePort, register, fail }) {
  if (!existsSync(join(binDir, 'pg_basebackup'))) {
    console.log(`with-postgres: no pg_basebackup in ${binDir}: read replica tests against real standbys are skipped`);
    if (process.env.CI && !process.env.STRATA_POSTGRES_BIN_DIR) {
      console.error("with-postgres: CI requires the standbys (Debian's postgresql package ships pg_basebackup)");
      fail();
    }
    return undefined;
  }
  const started = performance.now();
  const standby = async (name, extra) => {
    const dir = join(base, name);
    const standbyPort = await freePort();
    const backup = ['-D', dir, '-h', '127.0.0.1', '-p', String(port), '-U', 'strata', '-R', '-X', 'stream'];
    await run.async('pg_basebackup', [...backup, '-c', 'fast', '--no-sync'], { PGPASSWORD: password });
    register(dir);
    const args = startArgs(dir, join(base, `${name}.log`), standbyPort, extra);
    await run.async('pg_ctl', args);
    return { dir, args, url: `postgres://strata:${password}@127.0.0.1:${standbyPort}/postgres` };
  };
  let plain;
  let delayed;
  try {
    [plain, delayed] = await Promise.all([
      standby('standby', ''),
      standby('standby-delayed', `-c recovery_min_apply_delay=${STANDBY_DELAY_MS}ms`),
    ]);
  } catch (error) {
    console.error(`with-postgres: a standby did not start: ${String(error.stderr || error.message)}`);
    for (const name of ['standby.log', 'standby-delayed.log']) {
      if (existsSync(join(base, name))) console.error(readFileSync(join(base, name), 'utf8'));
    }
    fail();
  }
  const control = writeControlScript(join(base, 'standby-control.sh'), { binDir, owner, plain });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `with-postgres: standbys on ${new URL(plain.url).port} and ${new URL(delayed.url).port} (replay delay ${STANDBY_DELAY_MS} ms), ready in ${seconds}s`,
  );
  return {
    STRATA_TEST_STANDBY_URL: plain.url,
    STRATA_TEST_DELAYED_STANDBY_URL: delayed.url,
    STRATA_TEST_STANDBY_DELAY_MS: String(STANDBY_DELAY_MS),
    STRATA_TEST_STANDBY_CONTROL: control,
  };
}

/**
 * `<script> stop|start` for the plain standby. Tests run as root and the server refuses to: the
 * script switches to the owner first.
 */
function writeControlScript(path, { binDir, owner, plain }) {
  const ownerPrefix = owner
    ? existsSync('/usr/bin/setpriv')
      ? `setpriv --reuid=${owner.uid} --regid=${owner.gid} --clear-groups --`
      : `runuser -u ${owner.name} --`
    : '';
  const pgCtl = `${ownerPrefix} ${shellQuote(join(binDir, 'pg_ctl'))}`.trim();
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      '# Stops (fast shutdown) or starts the plain test standby; written by scripts/with-postgres.mjs.',
      'set -e',
      'export LC_ALL=C.UTF-8 LANG=C.UTF-8',
      'case "$1" in',
      `  stop) exec ${pgCtl} -D ${shellQuote(plain.dir)} -m fast -w -t 60 stop ;;`,
      `  start) exec ${pgCtl} ${plain.args.map(shellQuote).join(' ')} ;;`,
      '  *) echo "usage: $0 stop|start" >&2; exit 2 ;;',
      'esac',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return path;
}
