import { existsSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

let snapshot: Promise<Blob> | undefined;

/** The installed version of a package, read from the package.json next to its entry point. */
function installedVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (
    !existsSync(join(dir, 'package.json')) ||
    !readFileSync(join(dir, 'package.json'), 'utf8').includes(`"${name}"`)
  ) {
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * A freshly initialised PGlite data directory as an archive, cached in the temp directory.
 * Starting from it takes about 0.7 s here against about 3 s for a fresh in-memory instance.
 *
 * @example
 * ```ts
 * const client = await PGlite.create({ loadDataDir: await pgliteSnapshot() });
 * ```
 */
export function pgliteSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const version = installedVersion('@electric-sql/pglite');
    const file = join(tmpdir(), `strata-pglite-${version}.tar.gz`);
    if (existsSync(file)) return new Blob([await readFile(file)]);
    const fresh = await PGlite.create();
    const archive = await fresh.dumpDataDir('gzip');
    await fresh.close();
    // Write then rename: test workers may race to create the same file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await archive.arrayBuffer()));
    await rename(partial, file);
    return archive;
  })();
  return snapshot;
}
