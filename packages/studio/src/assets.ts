import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the Studio serves, held in memory (the whole client is under 100 KiB). */
export interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** `client/` sits next to both `src/` and `dist/`, so the same URL works from sources and builds. */
const CLIENT_DIR = fileURLToPath(new URL('../client/', import.meta.url));

/**
 * The UI library's files, resolved from this package's own dependencies: served from here, never
 * from a CDN, so the Studio works offline.
 */
function vendorFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const preact = require.resolve('preact');
  const hooks = require.resolve('preact/hooks');
  // htm's `require` entry is CommonJS; its ES module sits beside it.
  const htm = join(dirname(require.resolve('htm')), 'htm.mjs');
  return { '/vendor/preact.mjs': preact, '/vendor/preact-hooks.mjs': hooks, '/vendor/htm.mjs': htm };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Bare specifiers of the client's imports, mapped to the served vendor files. */
const IMPORT_MAP = JSON.stringify({
  imports: { preact: '/vendor/preact.mjs', 'preact/hooks': '/vendor/preact-hooks.mjs', htm: '/vendor/htm.mjs' },
});

/** The Studio's static files: the page, its scripts and styles, and the UI library. */
export interface AssetSet {
  readonly files: ReadonlyMap<string, Asset>;
  /** The page every UI route answers with. */
  readonly page: Asset;
  /** The page's Content-Security-Policy: scripts of this origin and the inline import map, by hash. */
  readonly contentSecurityPolicy: string;
}

/**
 * Loads the client files and the UI library into memory, and builds the page with its import map.
 *
 * @example
 * ```ts
 * const assets = loadAssets();
 * assets.files.get('/app/main.js')?.type; // 'text/javascript; charset=utf-8'
 * ```
 */
export function loadAssets(): AssetSet {
  const files = new Map<string, Asset>();
  for (const file of listFiles(CLIENT_DIR)) {
    const path = `/app/${relative(CLIENT_DIR, file).split(sep).join('/')}`;
    const type = TYPES[extname(file)];
    if (type) files.set(path, { body: readFileSync(file), type });
  }
  for (const [path, file] of Object.entries(vendorFiles())) {
    files.set(path, { body: readFileSync(file), type: TYPES['.mjs'] as string });
  }
  const hash = createHash('sha256').update(IMPORT_MAP).digest('base64');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strata Studio</title>
<link rel="stylesheet" href="/app/styles.css">
<script type="importmap">${IMPORT_MAP}</script>
<script type="module" src="/app/main.js"></script>
</head>
<body><div id="root"></div></body>
</html>
`;
  return {
    files,
    page: { body: Buffer.from(html), type: 'text/html; charset=utf-8' },
    contentSecurityPolicy: [
      "default-src 'none'",
      `script-src 'self' 'sha256-${hash}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  };
}
