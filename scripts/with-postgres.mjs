#!/usr/bin/env node
// Runs a command with a throwaway PostgreSQL server: a temp data directory, a free loopback
// port, an unprivileged owner (PostgreSQL refuses to run as root), and a stop by pid at exit,
// on failure and on Ctrl-C too. The server's URL reaches the command as STRATA_TEST_POSTGRES_URL,
// its log file as STRATA_TEST_POSTGRES_LOG. When Debian's pgbouncer is installed, a PgBouncer in
// transaction mode runs in front of it (as Supabase's and Neon's poolers do), reached through
// STRATA_TEST_PGBOUNCER_URL; without it, pooler tests are named skips (an error in CI).
//
// Two streaming standbys of that server follow it (pg_basebackup -R -X stream, same user and
// password), for the read replica tests; each has its own port and is stopped with the server:
//   STRATA_TEST_STANDBY_URL          a plain hot standby (replays as soon as WAL arrives)
//   STRATA_TEST_DELAYED_STANDBY_URL  a hot standby with recovery_min_apply_delay (STANDBY_DELAY_MS
//                                    below), so replication lag is visible to a test
//   STRATA_TEST_STANDBY_DELAY_MS     that delay, in ms
//   STRATA_TEST_STANDBY_CONTROL      a generated shell script, `<script> stop|start`, that stops
//                                    (fast shutdown) or starts the plain standby as the server's
//                                    owner, and waits until it is done (tests run as root)
// Servers without pg_basebackup (the npm-shipped ones of STRATA_POSTGRES_BIN_DIR) get none, with
// a printed line, and the standby tests are named skips; with Debian's binaries in CI a missing
// standby fails the run.
//
// Usage: node scripts/with-postgres.mjs <command> [args...]
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ownerRunner, serverOwner } from './test-servers/owner.mjs';
import { startPgbouncer } from './test-servers/pgbouncer.mjs';
import { startStandbys } from './test-servers/standbys.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-postgres.mjs <command> [args...]');
  process.exit(2);
}

const engines = (process.env.ENGINES ?? 'pglite,sqlite,postgres').split(',').map((e) => e.trim());
const needsServer = engines.includes('postgres') && !process.env.STRATA_TEST_POSTGRES_URL;

function runCommand() {
  const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

if (!needsServer) process.exit(await runCommand());

function findBinDir() {
  // Another server's binaries (the version compatibility job points this at npm-shipped ones).
  const override = process.env.STRATA_POSTGRES_BIN_DIR;
  if (override) {
    if (!existsSync(join(override, 'postgres')))
      throw new Error(`STRATA_POSTGRES_BIN_DIR: no postgres binary in ${override}`);
    return override;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

let binDir = findBinDir();
if (!binDir) {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'install-postgres.sh');
  execFileSync('bash', [script], { stdio: 'inherit' });
  binDir = findBinDir();
}
if (!binDir) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');

/**
 * pg_ctl's arguments to start the server of a data directory. Test-only settings: durability is
 * traded for speed; the reliability suite uses its own server. (The standbys keep WAL the
 * primary may recycle: wal_keep_size lets a standby stopped by a test catch up when restarted.)
 */
function startArgs(dir, log, serverPort, extra) {
  const settings = `-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${extra}`;
  return ['-D', dir, '-l', log, '-w', '-t', '60', 'start', '-o', `-p ${serverPort} -k ${base} ${settings}`];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// As root, run the servers as an unprivileged system user.
const owner = serverOwner();
const run = ownerRunner(binDir, owner);

const base = mkdtempSync(join(tmpdir(), 'strata-pg-'));
const dataDir = join(base, 'data');
if (owner) chownSync(base, owner.uid, owner.gid);
const port = await freePort();
let stopped = false;
let stopPgbouncer = () => {};
/** Data directories of the standbys started so far: stopped before the server. */
const standbyDirs = [];

function stop() {
  if (stopped) return;
  stopped = true;
  stopPgbouncer();
  stopServers([...standbyDirs, dataDir]);
  rmSync(base, { recursive: true, force: true });
}

function fail() {
  stop();
  process.exit(1);
}

/** Stops the servers of these data directories by pid (whoever started them last), side by side. */
function stopServers(dirs) {
  const pids = [];
  for (const dir of dirs) {
    const pidFile = join(dir, 'postmaster.pid');
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown: nothing here is worth keeping
      pids.push(pid);
    } catch {
      // the server is gone
    }
  }
  for (let i = 0; i < 100 && pids.some(running); i++) execFileSync('sleep', ['0.05']);
  for (const pid of pids.filter(running)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone in between
    }
  }
}

/**
 * Whether a process still runs. A server started by pg_ctl is nobody's child here, and an exited
 * one can stay a zombie until whoever inherited it reaps it: that counts as gone.
 */
function running(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true; // no /proc: trust the signal
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stop();
    process.exit(130);
  });
}
process.on('exit', stop);

// A real password over TCP (scram-sha-256), so authentication failures can be tested too.
const password = randomBytes(12).toString('hex');
const passwordFile = join(base, 'password');
writeFileSync(passwordFile, password, { mode: 0o600 });
if (owner) chownSync(passwordFile, owner.uid, owner.gid);

try {
  run.sync('initdb', [
    '-D',
    dataDir,
    '-U',
    'strata',
    `--pwfile=${passwordFile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--no-sync',
  ]);
  run.sync('pg_ctl', startArgs(dataDir, join(base, 'server.log'), port, '-c wal_keep_size=256MB'));
} catch (error) {
  const log = join(base, 'server.log');
  console.error(String(error.stderr ?? error), existsSync(log) ? readFileSync(log, 'utf8') : '');
  fail();
}

const version = run.sync('postgres', ['--version']).toString().trim();
process.env.STRATA_TEST_POSTGRES_URL = `postgres://strata:${password}@127.0.0.1:${port}/postgres`;
process.env.STRATA_TEST_POSTGRES_LOG = join(base, 'server.log');
console.log(`with-postgres: ${version} on 127.0.0.1:${port} (data in ${dataDir})`);
const server = { base, port, password, owner, freePort, fail };
const standbys = await startStandbys({
  ...server,
  binDir,
  run,
  startArgs,
  register: (dir) => standbyDirs.push(dir),
});
Object.assign(process.env, standbys);
const pgbouncer = await startPgbouncer(server);
if (pgbouncer) {
  stopPgbouncer = pgbouncer.stop;
  process.env.STRATA_TEST_PGBOUNCER_URL = pgbouncer.url;
}
const code = await runCommand();
stop();
process.exit(code);
