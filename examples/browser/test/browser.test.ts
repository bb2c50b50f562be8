// Strata in a real browser: builds examples/browser with Vite, serves the bundle on a loopback
// port, and drives Debian's Chromium (playwright-core, no downloaded browser) through two loads of
// the page. The first opens PGlite in IndexedDB, applies the bundled migrations and uses the
// repository; the reload must find the rows again and have no migration left to apply.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import type { Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserResult } from '../src/app.js';

const CHROMIUM = process.env.STRATA_CHROMIUM ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));

/** Why the browser cannot run here, or undefined. In CI a missing browser fails instead. */
function skipReason(): string | undefined {
  const engines = process.env.ENGINES?.split(',').map((name) => name.trim());
  if (engines && !engines.includes('pglite')) return `pglite is not selected by ENGINES=${process.env.ENGINES}`;
  if (existsSync(CHROMIUM)) return undefined;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: run scripts/install-browser.sh before the tests`);
  return `${CHROMIUM} is missing (bash scripts/install-browser.sh installs Debian's chromium)`;
}
const skip = skipReason();

/** PGlite fetches its .wasm and .data files itself: WebAssembly streaming needs application/wasm. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.gz': 'application/gzip',
};

/** A static file server for the built app on a free loopback port. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    // Refuse anything outside the build folder (`..` in the path).
    if (!file.startsWith(dir + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // 127.0.0.1 is a secure context: Web Crypto (migration checksums) works over plain http.
  return { server, url: `http://127.0.0.1:${port}/` };
}

describe(skip ? `Strata in a browser (Chromium skipped: ${skip})` : 'Strata in a browser', () => {
  let outDir: string;
  let server: Server | undefined;
  let url: string;
  let browser: Browser | undefined;
  let bundled: string[] = [];

  // The build needs no browser: it runs (and its test) wherever the tests do.
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'strata-browser-'));
    const { build } = await import('vite');
    const started = performance.now();
    const output = (await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      // Warnings name Node built-ins in chunks the page never loads (see the README); errors still print.
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    })) as Rolldown.RolldownOutput;
    console.info(`vite build: ${Math.round(performance.now() - started)} ms`);
    bundled = output.output.flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : []));
    if (skip) return;
    ({ server, url } = await serve(outDir));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Root in a container: Chromium's sandbox needs user namespaces it does not have, and
      // /dev/shm is small.
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
      timeout: 30_000,
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  test('the bundle leaves drizzle-kit out and carries PGlite', () => {
    expect(bundled.length).toBeGreaterThan(0);
    expect(bundled.filter((id) => id.includes('/node_modules/drizzle-kit/'))).toEqual([]);
    expect(bundled.some((id) => id.includes('/node_modules/@electric-sql/pglite/'))).toBe(true);
  });

  test.skipIf(skip)(
    'Chromium: PGlite in IndexedDB: migrations applied once, repository works, data survives a reload',
    async () => {
      if (!browser) throw new Error('no browser');
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      // The console says only "404": keep the address that failed.
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      const load = async (): Promise<BrowserResult> => {
        await page.waitForFunction(() => window.__result !== undefined, undefined, { timeout: 60_000 });
        const result = await page.evaluate(() => window.__result);
        if (!result?.ok) throw new Error(`the page failed: ${result?.error}\n${problems.join('\n')}`);
        return result;
      };
      try {
        const started = performance.now();
        await page.goto(url);
        const first = await load();
        console.info(`first load: ${Math.round(performance.now() - started)} ms`, first.timings);
        expect(first).toMatchObject({
          engine: 'pglite',
          applied: ['0001_init'],
          reopened: false,
          authors: 1,
          books: 3,
          recentTitles: ['The Dispossessed', 'The Left Hand of Darkness'],
          duplicate: { kind: 'unique_violation', table: 'author', columns: ['email'] },
          rolledBack: true,
        });

        const reloaded = performance.now();
        await page.reload();
        const second = await load();
        console.info(`reload: ${Math.round(performance.now() - reloaded)} ms`, second.timings);
        // The rows came back from IndexedDB; the migration history did too, so nothing ran again.
        expect(second).toMatchObject({
          engine: 'pglite',
          applied: [],
          reopened: true,
          authors: 1,
          books: 3,
          recentTitles: ['The Dispossessed', 'The Left Hand of Darkness'],
          duplicate: { kind: 'unique_violation', table: 'author', columns: ['email'] },
          rolledBack: true,
        });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
    150_000,
  );
});
