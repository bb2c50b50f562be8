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
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-postgres.mjs <command> [args...]');
  process.exit(2);
}

const engines = (process.env.ENGINES ?? 'pglite,sqlite,postgres').split(',').map((e) => e.trim());
const needsServer = engines.includes('postgres') && !process.env.STRATA_TEST_POSTGRES_URL;

function run() {
  const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

if (!needsServer) process.exit(await run());

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

// As root, run the server as an unprivileged system user.
const isRoot = process.getuid?.() === 0;
const owner = isRoot ? userIds(existsSync('/etc/passwd') && hasUser('postgres') ? 'postgres' : 'nobody') : undefined;

function hasUser(name) {
  return readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .some((line) => line.startsWith(`${name}:`));
}
function userIds(name) {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

function asOwner(file, fileArgs, options = {}) {
  return execFileSync(join(binDir, file), fileArgs, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(owner && { uid: owner.uid, gid: owner.gid }),
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
    ...options,
  });
}

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
  asOwner('initdb', [
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
  asOwner('pg_ctl', startArgs(dataDir, join(base, 'server.log'), port, '-c wal_keep_size=256MB'));
} catch (error) {
  const log = join(base, 'server.log');
  console.error(String(error.stderr ?? error), existsSync(log) ? readFileSync(log, 'utf8') : '');
  stop();
  process.exit(1);
}

const version = asOwner('postgres', ['--version']).toString().trim();
process.env.STRATA_TEST_POSTGRES_URL = `postgres://strata:${password}@127.0.0.1:${port}/postgres`;
process.env.STRATA_TEST_POSTGRES_LOG = join(base, 'server.log');
console.log(`with-postgres: ${version} on 127.0.0.1:${port} (data in ${dataDir})`);
await startStandbys();
await startPgbouncer();
const code = await run();
stop();
process.exit(code);

function findPgbouncer() {
  return ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'].find((file) => existsSync(file));
}

// PgBouncer in transaction mode, as the hosted poolers run it: a server connection is lent for one
// transaction at a time, so named prepared statements and session settings do not survive. It
// logs in to the server with the same user and password (scram-sha-256 both ways), and refuses
// startup parameters it does not know, as a default PgBouncer does.
async function startPgbouncer() {
  let binary = findPgbouncer();
  if (!binary && isRoot) {
    try {
      execFileSync('bash', [join(dirname(fileURLToPath(import.meta.url)), 'install-postgres.sh')], {
        stdio: 'inherit',
      });
    } catch {
      // reported below
    }
    binary = findPgbouncer();
  }
  if (!binary) {
    const message = "pgbouncer is not installed (Debian's 'pgbouncer' package): pooler tests are skipped";
    if (process.env.CI) {
      console.error(`with-postgres: ${message.replace(': pooler tests are skipped', '')}, which CI requires`);
      stop();
      process.exit(1);
    }
    console.log(`with-postgres: ${message}`);
    return;
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
    stop();
    process.exit(1);
  }
  stopPgbouncer = () => {
    if (!existsSync(files.pid)) return;
    try {
      process.kill(Number(readFileSync(files.pid, 'utf8').trim()), 'SIGTERM'); // immediate shutdown
    } catch {
      // already gone
    }
  };
  process.env.STRATA_TEST_PGBOUNCER_URL = `postgres://strata:${password}@127.0.0.1:${bouncerPort}/postgres`;
  console.log(
    `with-postgres: ${execFileSync(binary, ['--version']).toString().split('\n')[0]} (transaction pooling) on 127.0.0.1:${bouncerPort}`,
  );
}

/** Runs a server binary as the owner, without blocking: the two standbys are made side by side. */
function asOwnerAsync(file, fileArgs, env = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      join(binDir, file),
      fileArgs,
      {
        ...(owner && { uid: owner.uid, gid: owner.gid }),
        env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', ...env },
      },
      (error, stdout, stderr) => (error ? reject(Object.assign(error, { stderr })) : resolve(stdout)),
    );
  });
}

/** Single-quoted for sh. */
function quote(text) {
  return `'${String(text).replaceAll("'", "'\\''")}'`;
}

// Streaming standbys for the read replica tests: a base backup of the running server, written
// with its recovery settings (-R: standby.signal and primary_conninfo, password included), each
// started on its own port. initdb's pg_hba allows replication connections over 127.0.0.1 with the
// same scram password, and the strata user is a superuser, so it may replicate.
async function startStandbys() {
  /** Replay delay of the delayed standby: long enough for a test to see a write missing there. */
  const STANDBY_DELAY_MS = 1500;
  if (!existsSync(join(binDir, 'pg_basebackup'))) {
    console.log(`with-postgres: no pg_basebackup in ${binDir}: read replica tests against real standbys are skipped`);
    if (process.env.CI && !process.env.STRATA_POSTGRES_BIN_DIR) {
      console.error("with-postgres: CI requires the standbys (Debian's postgresql package ships pg_basebackup)");
      stop();
      process.exit(1);
    }
    return;
  }
  const started = performance.now();
  const standby = async (name, extra) => {
    const dir = join(base, name);
    const log = join(base, `${name}.log`);
    const standbyPort = await freePort();
    await asOwnerAsync(
      'pg_basebackup',
      [
        '-D',
        dir,
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'strata',
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '--no-sync',
      ],
      { PGPASSWORD: password },
    );
    standbyDirs.push(dir);
    const args = startArgs(dir, log, standbyPort, extra);
    await asOwnerAsync('pg_ctl', args);
    return { dir, log, args, url: `postgres://strata:${password}@127.0.0.1:${standbyPort}/postgres` };
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
    stop();
    process.exit(1);
  }
  // Tests run as root and the server refuses to: the script switches to the owner first.
  const ownerPrefix = owner
    ? existsSync('/usr/bin/setpriv')
      ? `setpriv --reuid=${owner.uid} --regid=${owner.gid} --clear-groups --`
      : `runuser -u ${owner.name} --`
    : '';
  const pgCtl = `${ownerPrefix} ${quote(join(binDir, 'pg_ctl'))}`.trim();
  const control = join(base, 'standby-control.sh');
  writeFileSync(
    control,
    [
      '#!/bin/sh',
      '# Stops (fast shutdown) or starts the plain test standby; written by scripts/with-postgres.mjs.',
      'set -e',
      'export LC_ALL=C.UTF-8 LANG=C.UTF-8',
      'case "$1" in',
      `  stop) exec ${pgCtl} -D ${quote(plain.dir)} -m fast -w -t 60 stop ;;`,
      `  start) exec ${pgCtl} ${plain.args.map(quote).join(' ')} ;;`,
      '  *) echo "usage: $0 stop|start" >&2; exit 2 ;;',
      'esac',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  process.env.STRATA_TEST_STANDBY_URL = plain.url;
  process.env.STRATA_TEST_DELAYED_STANDBY_URL = delayed.url;
  process.env.STRATA_TEST_STANDBY_DELAY_MS = String(STANDBY_DELAY_MS);
  process.env.STRATA_TEST_STANDBY_CONTROL = control;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `with-postgres: standbys on ${new URL(plain.url).port} and ${new URL(delayed.url).port} (replay delay ${STANDBY_DELAY_MS} ms), ready in ${seconds}s`,
  );
}
