// Starts the demo's two PGlite instances from their snapshots as early as possible: main.ts calls
// this before it imports Strata, so that reading the snapshots, compiling PGlite's WebAssembly
// and starting PostgreSQL overlap with loading (and transpiling) the rest of the demo. Only Node
// built-ins are imported here; PGlite itself is imported dynamically, in parallel with the reads.
import { readFile } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's start parameters with 16 MB of shared buffers instead of PostgreSQL's 128 MB: the
 * demo's databases hold a few hundred kilobytes, and each instance's buffers live in its own
 * WebAssembly heap — about 100 MiB of RSS and 150 ms of start-up per instance saved.
 *
 * @example
 * ```ts
 * await PGlite.create('memory://', { startParams: demoStartParams(PGlite) });
 * ```
 */
export function demoStartParams(pglite: { readonly defaultStartParams: readonly string[] }): string[] {
  return [...pglite.defaultStartParams, '-c', 'shared_buffers=16MB'];
}

/** The two instances, started from snapshots. */
export interface BootedPglite {
  readonly auth: PGlite;
  readonly app: PGlite;
}

/**
 * A Blob over bytes already in memory whose `arrayBuffer()` hands them over as they are: PGlite
 * reads `loadDataDir` with `arrayBuffer()`, and a plain `Blob` would copy 40 MB twice (into the
 * Blob, then out in chunks), about 50–100 ms per snapshot.
 */
class BytesBlob extends Blob {
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    super([]);
    this.#bytes = bytes;
  }
  override get size(): number {
    return this.#bytes.byteLength;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.#bytes;
    const whole = byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer;
    return Promise.resolve(whole ? buffer : new Uint8Array(this.#bytes).buffer);
  }
}

/**
 * Starts both instances from the snapshot files, with small shared buffers
 * ({@link demoStartParams}) and one compiled WebAssembly module between them (two instances started together would each compile their own: PGlite caches a module only
 * once a compile has finished).
 *
 * @example
 * ```ts
 * const { auth, app } = await bootFromSnapshots({ auth: '/tmp/a.tar', app: '/tmp/b.tar' });
 * ```
 */
export async function bootFromSnapshots(files: { readonly auth: string; readonly app: string }): Promise<BootedPglite> {
  const entry = import.meta.resolve('@electric-sql/pglite');
  const [{ PGlite }, pgliteWasmModule, auth, app] = await Promise.all([
    import('@electric-sql/pglite'),
    readFile(new URL('./pglite.wasm', entry)).then((bytes) => WebAssembly.compile(bytes)),
    readFile(files.auth),
    readFile(files.app),
  ]);
  // The module is immutable and shared; each instance gets its own bytes, which it unpacks.
  const options = { pgliteWasmModule, startParams: demoStartParams(PGlite) };
  const [authClient, appClient] = await Promise.all([
    PGlite.create('memory://', { ...options, loadDataDir: new BytesBlob(auth) }),
    PGlite.create('memory://', { ...options, loadDataDir: new BytesBlob(app) }),
  ]);
  return { auth: authClient, app: appClient };
}
