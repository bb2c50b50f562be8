// PgBouncer in transaction mode in front of the throwaway server, as the hosted poolers run it: a
// server connection is lent for one transaction at a time, so named prepared statements and
// session settings do not survive. It logs in to the server with the same user and password
// (scram-sha-256 both ways), and refuses startup parameters it does not know, as a default
// PgBouncer does.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRoot } from './owner.mjs';

function findPgbouncer() {
  return ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'].find((file) => existsSync(file));
}

/** Debian's pgbouncer, installed first when missing and this process may (root). */
function pgbouncerBinary() {
  const found = findPgbouncer();
  if (found || !isRoot) return found;
  try {
    const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'install-postgres.sh');
    execFileSync('bash', [script], { stdio: 'inherit' });
  } catch {
    // reported by the caller
  }
  return findPgbouncer();
}

/**
 * Starts PgBouncer for the server on `port` and returns its URL and how to stop it, or undefined
 * when pgbouncer is not installed (then pooler tests are named skips; `fail()` under CI).
 * `freePort`, `owner`, `base` (the temp folder) and `password` are the server's.
 */
export async function startPgbouncer({ base, port, password, owner, freePort, fail }) {
  const binary = pgbouncerBinary();
  if (!binary) {
    if (process.env.CI) {
      console.error("with-postgres: pgbouncer is not installed (Debian's 'pgbouncer' package), which CI requires");
      fail();
    }
    console.log("with-postgres: pgbouncer is not installed (Debian's 'pgbouncer' package): pooler tests are skipped");
    return undefined;
  }
  const bouncerPort = await freePort();
  const dir = join(base, 'pgbouncer');
  mkdirSync(dir);
  const files = {
    users: join(dir, 'userlist.txt'),
    config: join(dir, 'pgbouncer.ini'),
    log: join(dir, 'pgbouncer.log'),
    pid: join(dir, 'pgbouncer.pid'),
  };
  writeFileSync(files.users, `"strata" "${password}"\n`, { mode: 0o600 });
  writeFileSync(
    files.config,
    [
      '[databases]',
      `* = host=127.0.0.1 port=${port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${bouncerPort}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${files.users}`,
      'pool_mode = transaction',
      'max_client_conn = 1000',
      'default_pool_size = 20',
      `logfile = ${files.log}`,
      `pidfile = ${files.pid}`,
      '',
    ].join('\n'),
  );
  if (owner) for (const path of [dir, files.users, files.config]) chownSync(path, owner.uid, owner.gid);
  try {
    execFileSync(binary, ['-d', files.config], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(owner && { uid: owner.uid, gid: owner.gid }),
    });
  } catch (error) {
    console.error(String(error.stderr ?? error), existsSync(files.log) ? readFileSync(files.log, 'utf8') : '');
    fail();
  }
  const version = execFileSync(binary, ['--version']).toString().split('\n')[0];
  console.log(`with-postgres: ${version} (transaction pooling) on 127.0.0.1:${bouncerPort}`);
  return {
    url: `postgres://strata:${password}@127.0.0.1:${bouncerPort}/postgres`,
    stop: () => {
      if (!existsSync(files.pid)) return;
      try {
        process.kill(Number(readFileSync(files.pid, 'utf8').trim()), 'SIGTERM'); // immediate shutdown
      } catch {
        // already gone
      }
    },
  };
}
