import { access } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StrataError } from '@strata/core';
import { type ResolvedConfig, resolveConfig } from './config.js';

/** Configuration file names, looked for in this order. */
export const CONFIG_FILES = ['strata.config.ts', 'strata.config.mts', 'strata.config.js', 'strata.config.mjs'];

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Imports a module that may be TypeScript: natively when the runtime can (Node with a loader,
 * Bun, Deno, vitest), else through tsx's loader.
 */
async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
}

/**
 * Finds, imports and checks the project's configuration: `path` when given, else the first of
 * {@link CONFIG_FILES} in `cwd`. A missing file, a module that throws (the config or a schema it
 * imports) and an invalid setting each get one message naming the file.
 *
 * @example
 * ```ts
 * const config = await loadConfig(process.cwd());
 * ```
 */
export async function loadConfig(cwd: string, path?: string): Promise<ResolvedConfig> {
  let file: string | undefined;
  if (path !== undefined) {
    file = isAbsolute(path) ? path : resolve(cwd, path);
    if (!(await exists(file))) {
      throw new StrataError('CONFIG_MISSING', `${file} does not exist. Check the --config path.`);
    }
  } else {
    for (const name of CONFIG_FILES) {
      if (await exists(join(cwd, name))) {
        file = join(cwd, name);
        break;
      }
    }
    if (file === undefined) {
      throw new StrataError(
        'CONFIG_MISSING',
        `No strata.config.ts in ${cwd}. Create one (export default defineConfig({ databases: { app: { schema, connection } } })) or pass --config <file>.`,
      );
    }
  }
  let module: Record<string, unknown>;
  try {
    module = await importModule(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new StrataError(
      'CONFIG_LOAD_FAILED',
      `${file} could not be loaded: ${message}. Fix the configuration or the schema module it imports.`,
      { cause: error },
    );
  }
  return resolveConfig(module.default, file, dirname(file));
}
