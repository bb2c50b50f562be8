// Running PostgreSQL's programs as an unprivileged owner: the server refuses to run as root, and
// tests run as root in CI. Shared by the throwaway server, its standbys and PgBouncer.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether this process runs as root (then servers run as {@link serverOwner}). */
export const isRoot = process.getuid?.() === 0;

function passwdLine(name) {
  return readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((line) => line.startsWith(`${name}:`));
}

/** As root, the system user the servers run as (`postgres`, else `nobody`); otherwise undefined. */
export function serverOwner() {
  if (!isRoot) return undefined;
  const name = existsSync('/etc/passwd') && passwdLine('postgres') ? 'postgres' : 'nobody';
  const [, , uid, gid] = passwdLine(name).split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

/** The process options that run a program as `owner` with a UTF-8 locale. */
function ownerOptions(owner, env = {}) {
  return {
    ...(owner && { uid: owner.uid, gid: owner.gid }),
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', ...env },
  };
}

/** Runs programs of `binDir` as `owner`: blocking, or side by side (the standbys start together). */
export function ownerRunner(binDir, owner) {
  return {
    sync: (file, args) =>
      execFileSync(join(binDir, file), args, { stdio: ['ignore', 'pipe', 'pipe'], ...ownerOptions(owner) }),
    async: (file, args, env = {}) =>
      new Promise((resolve, reject) => {
        execFile(join(binDir, file), args, ownerOptions(owner, env), (error, stdout, stderr) =>
          error ? reject(Object.assign(error, { stderr })) : resolve(stdout),
        );
      }),
  };
}

/** Single-quoted for sh. */
export function shellQuote(text) {
  return `'${String(text).replaceAll("'", "'\\''")}'`;
}
