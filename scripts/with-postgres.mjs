#!/usr/bin/env node
// Runs a command with a throwaway PostgreSQL server: a temp data directory, a free loopback
// port, an unprivileged owner (PostgreSQL refuses to run as root), and a stop by pid at exit,
// on failure and on Ctrl-C too. The server's URL reaches the command as STRATA_TEST_POSTGRES_URL,
// its log file as STRATA_TEST_POSTGRES_LOG. When Debian's pgbouncer is installed, a PgBouncer in
// transaction mode runs in front of it (as Supabase's and Neon's poolers do), reached through
// STRATA_TEST_PGBOUNCER_URL; without it, pooler tests are named skips (an error in CI).
//
// Usage: node scripts/with-postgres.mjs <command> [args...]
import { execFileSync, spawn } from 'node:child_process';
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

function stop() {
  if (stopped) return;
  stopped = true;
  stopPgbouncer();
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown: nothing here is worth keeping
      for (let i = 0; i < 100; i++) {
        process.kill(pid, 0);
        execFileSync('sleep', ['0.05']);
      }
      process.kill(pid, 'SIGKILL');
    } catch {
      // the server is gone
    }
  }
  rmSync(base, { recursive: true, force: true });
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
  // Test-only settings: durability is traded for speed; the reliability suite uses its own server.
  asOwner('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(base, 'server.log'),
    '-w',
    '-t',
    '60',
    'start',
    '-o',
    `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
  ]);
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
