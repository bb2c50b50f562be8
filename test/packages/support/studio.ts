// `strata studio` in an installed app: started as a user starts it, talked to over HTTP as a
// browser would (the token from the printed URL, then its cookie), stopped with a signal.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import ts from 'typescript';
import type { App } from './apps.js';

/** A `strata studio` process and what it printed. */
export interface StudioProcess {
  /** The printed URL, with its token. */
  readonly url: URL;
  readonly origin: string;
  readonly token: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const PRINTED_URL = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/;

/**
 * Starts `strata studio <args>` in the app and waits for the URL it prints. The app's own
 * `node_modules/.bin/strata` is run (what `npx strata` runs): `npx` puts a shell between itself
 * and the command, and does not pass a signal on to it, so Ctrl+C in a terminal (which signals
 * the whole process group) is what reaches the CLI — here, the signal goes to the CLI itself.
 *
 * @example
 * ```ts
 * const studio = await startStudioProcess(app, ['--port', '0'], { DATABASE_URL: 'sqlite:./app.sqlite3' });
 * ```
 */
export async function startStudioProcess(
  app: App,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 60_000,
): Promise<StudioProcess> {
  const child = spawn(join(app.dir, 'node_modules/.bin/strata'), ['studio', ...args], {
    cwd: app.dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const found = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    const check = () => {
      const match = PRINTED_URL.exec(printed)?.[0];
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      resolve(PRINTED_URL.exec(printed)?.[0]);
    });
  });
  if (!found) {
    child.kill('SIGKILL');
    throw new Error(`strata studio printed no URL:\n${printed}`);
  }
  const url = new URL(found);
  return {
    url,
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    child,
    output: () => printed,
    exited,
  };
}

/** Stops the process with a signal, as Ctrl+C does; a process that does not end is killed and reported. */
export async function stopStudioProcess(
  studio: StudioProcess,
  signal: NodeJS.Signals = 'SIGINT',
  timeoutMs = 20_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  studio.child.kill(signal);
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  const ended = await Promise.race([studio.exited, timer]);
  if (ended === 'timeout') {
    studio.child.kill('SIGKILL');
    throw new Error(`strata studio did not stop within ${timeoutMs} ms of ${signal}:\n${studio.output()}`);
  }
  return ended;
}

/** What a page's import map says: bare specifier → URL. */
function importMapOf(html: string): Record<string, string> {
  const json = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error(`the page has no import map:\n${html}`);
  return (JSON.parse(json) as { imports: Record<string, string> }).imports;
}

/** One file the page loads, as served. */
export interface ServedFile {
  readonly path: string;
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
}

/**
 * Every file the Studio's page loads, fetched as the browser would: its stylesheet and script,
 * the import map's modules, then every module those import (relative URLs, and bare specifiers
 * through the import map), transitively.
 *
 * @example
 * ```ts
 * const files = await pageFiles(studio.origin, html, { cookie });
 * ```
 */
export async function pageFiles(origin: string, html: string, headers: Record<string, string>): Promise<ServedFile[]> {
  const imports = importMapOf(html);
  const queue = [
    ...[...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string),
    ...Object.values(imports),
  ];
  const served = new Map<string, ServedFile>();
  while (queue.length > 0) {
    const path = new URL(queue.shift() as string, origin).pathname;
    if (served.has(path)) continue;
    const response = await fetch(new URL(path, origin), { headers });
    const body = Buffer.from(await response.arrayBuffer());
    const file = { path, status: response.status, type: response.headers.get('content-type') ?? '', body };
    served.set(path, file);
    if (response.status !== 200 || !file.type.startsWith('text/javascript')) continue;
    for (const { fileName } of ts.preProcessFile(body.toString('utf8'), true, true).importedFiles) {
      const mapped = imports[fileName];
      if (fileName.startsWith('.') || fileName.startsWith('/'))
        queue.push(new URL(fileName, new URL(path, origin)).href);
      else if (mapped) queue.push(mapped);
      else
        served.set(`${path} imports ${fileName}`, {
          path: fileName,
          status: 0,
          type: 'unmapped',
          body: Buffer.alloc(0),
        });
    }
  }
  return [...served.values()];
}

/**
 * Where the installed `@strata/studio` would take a served file from: `client/` of the package
 * for `/app/…`, and the UI library resolved from the package for `/vendor/…` — both inside the app.
 *
 * @example
 * ```ts
 * installedSource(app, '/app/main.js'); // <app>/node_modules/@strata/studio/client/main.js
 * ```
 */
export function installedSource(app: App, path: string): string {
  const studio = realpathSync(join(app.dir, 'node_modules/@strata/studio'));
  if (path.startsWith('/app/')) return join(studio, 'client', ...path.slice('/app/'.length).split('/'));
  const require = createRequire(join(studio, 'dist', 'assets.js'));
  const vendor: Record<string, () => string> = {
    '/vendor/preact.mjs': () => require.resolve('preact'),
    '/vendor/preact-hooks.mjs': () => require.resolve('preact/hooks'),
    '/vendor/htm.mjs': () => join(require.resolve('htm'), '..', 'htm.mjs'),
  };
  const resolve = vendor[path];
  if (!resolve) throw new Error(`no installed source known for ${path}`);
  return resolve();
}

/** Whether a path lies inside the app's folder (symbolic links resolved, as pnpm's store is linked). */
export function insideApp(app: App, path: string): boolean {
  return realpathSync(path).startsWith(realpathSync(app.dir) + sep);
}

/** The bytes of a file. */
export function bytesOf(path: string): Buffer {
  return readFileSync(path);
}
