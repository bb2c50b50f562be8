/**
 * Bundles the Worker with esbuild as Cloudflare's tooling would (ES module, the `workerd`,
 * `worker` and `browser` export conditions) and checks what went in: no Node built-in (the
 * Worker runs without `nodejs_compat`'s polyfills being needed), nothing of drizzle-kit, `ws`,
 * postgres-js or the migration-file reader. Run it to print the bundle's size:
 *
 *   node --import tsx examples/cloudflare-worker/src/bundle.ts
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

/**
 * The Worker's entry file.
 *
 * @example
 * ```ts
 * await bundleWorker({ entry: WORKER_ENTRY });
 * ```
 */
export const WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * Modules a Worker bundle must not contain, by the path esbuild read them from: Node-only
 * packages (drizzle-kit, `ws`, postgres-js and the other engines' drivers) and Strata's own
 * Node-only modules (migration files from disk, SQLite files' gates, `connect()`'s file-path
 * targets).
 */
const FORBIDDEN_INPUTS: readonly RegExp[] = [
  /node_modules\/(drizzle-kit|ws|postgres|pg|pg-[^/]+|better-sqlite3|@electric-sql\/pglite|esbuild)\//,
  /packages\/sql\/src\/migrate\//,
  /packages\/sql\/src\/sqlite-file\//,
  /packages\/connect\/src\/local-files\.ts$/,
];

const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? '');

/**
 * A Worker bundle and what it is made of.
 *
 * @example
 * ```ts
 * const { code, gzipBytes, forbiddenInputs }: WorkerBundle = await bundleWorker();
 * ```
 */
export interface WorkerBundle {
  /** The bundled, minified ES module. */
  readonly code: string;
  /** Size of `code` in bytes. */
  readonly bytes: number;
  /** Size of `code` gzipped (what Cloudflare's upload limit counts), in bytes. */
  readonly gzipBytes: number;
  /** Every source file in the bundle (paths relative to the working directory). */
  readonly inputs: readonly string[];
  /** Node built-ins something in the bundle imports (left as imports, so that they show here). */
  readonly nodeImports: readonly string[];
  /** Inputs that match {@link FORBIDDEN_INPUTS}. */
  readonly forbiddenInputs: readonly string[];
}

/**
 * Options of {@link bundleWorker}.
 *
 * @example
 * ```ts
 * const options: BundleWorkerOptions = { source: false }; // the built dist/ of each package
 * ```
 */
export interface BundleWorkerOptions {
  /** The entry file. Default: the Worker. */
  readonly entry?: string;
  /**
   * Resolve Strata's workspace packages to their TypeScript sources (the `source` export
   * condition) rather than their built `dist/`. Default true: no build step, and the bundle is
   * made of the sources under test; a published package has no `source` condition and resolves
   * to `dist/`, the same module graph compiled file by file.
   */
  readonly source?: boolean;
}

/**
 * Bundles a Worker for workerd and reports its size and contents.
 *
 * @example
 * ```ts
 * const bundle = await bundleWorker();
 * if (bundle.nodeImports.length > 0) throw new Error(`Node built-ins: ${bundle.nodeImports}`);
 * console.log(bundle.bytes, bundle.gzipBytes);
 * ```
 */
export async function bundleWorker(options: BundleWorkerOptions = {}): Promise<WorkerBundle> {
  const nodeImports = new Set<string>();
  // Built-ins stay imports (instead of failing the build) so that the check can name them all.
  const recordBuiltins: Plugin = {
    name: 'record-node-builtins',
    setup(plugin) {
      plugin.onResolve({ filter: /.*/ }, (args) => {
        if (!isNodeBuiltin(args.path)) return undefined;
        nodeImports.add(args.path);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    entryPoints: [options.entry ?? WORKER_ENTRY],
    bundle: true,
    write: false,
    outfile: 'worker.js',
    format: 'esm',
    // `neutral` gives no Node or browser defaults; the conditions are those Wrangler uses.
    platform: 'neutral',
    target: 'es2022',
    conditions: [...(options.source === false ? [] : ['source']), 'workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    minify: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [recordBuiltins],
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!output) throw new Error('esbuild produced no JavaScript');
  const inputs = Object.keys(result.metafile.inputs);
  return {
    code: output.text,
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents).byteLength,
    inputs,
    nodeImports: [...nodeImports].sort(),
    forbiddenInputs: inputs.filter((input) => FORBIDDEN_INPUTS.some((pattern) => pattern.test(input))),
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * One line for a bundle: its minified and gzipped sizes.
 *
 * @example
 * ```ts
 * console.log(describeBundle('Worker', await bundleWorker())); // Worker: 330.4 KiB minified, …
 * ```
 */
export function describeBundle(name: string, bundle: WorkerBundle): string {
  return `${name}: ${kib(bundle.bytes)} minified, ${kib(bundle.gzipBytes)} gzipped`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = await bundleWorker();
  console.log(describeBundle('Worker (@strata/core + @strata/postgres/neon + Neon driver + drizzle-orm)', bundle));
  if (bundle.nodeImports.length > 0) console.log(`Node built-ins: ${bundle.nodeImports.join(', ')}`);
  if (bundle.forbiddenInputs.length > 0) console.log(`Forbidden modules: ${bundle.forbiddenInputs.join(', ')}`);
  if (bundle.nodeImports.length > 0 || bundle.forbiddenInputs.length > 0) process.exitCode = 1;
}
