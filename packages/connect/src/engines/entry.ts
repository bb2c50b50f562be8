import type { SchemaModule } from '@strata/core';
import type { ConnectedDatabase, ConnectOptions } from '../options.js';
import type { ConnectEngine, ConnectTarget } from '../target.js';

/** What a URL parser is told: which setting the URL came from, and every form Strata knows. */
export interface UrlContext {
  /** `DATABASE_URL`, `databases.app.connection`: named in errors. */
  readonly variable: string;
  /** Every engine's URL forms, for "use one of …" in errors. */
  readonly forms: string;
}

/**
 * One engine as `connect` knows it: the URLs it owns, where its data lives on this machine, and
 * how it opens. The registry (`engines/index.ts`) is the only list of engines: parsing, opening,
 * local folders and the CLI's relative paths all read it instead of asking which engine it is.
 *
 * @example
 * ```ts
 * const sqlite: EngineEntry<'sqlite'> = { engine: 'sqlite', forms: ['sqlite:./file.db'], isServer: () => false, parse, localPath, withLocalPath, open };
 * ```
 */
export interface EngineEntry<E extends ConnectEngine> {
  readonly engine: E;
  /** The URL forms it understands, for error messages. */
  readonly forms: readonly string[];
  /** Whether the target is a server, which `connect` waits for with retries (a file or memory database opens at once). */
  isServer(target: TargetOf<E>): boolean;
  /**
   * Its target for `url`, or `undefined` when the URL is another engine's; a malformed URL of
   * its own is a `CONFIG_INVALID` error that masks the password.
   */
  parse(url: string, context: UrlContext): TargetOf<E> | undefined;
  /** The file or folder of this machine the target opens (none for memory, browsers, servers). */
  localPath(target: TargetOf<E>): string | undefined;
  /** What its local path is, in errors: `SQLite database file`. */
  readonly localPathKind?: string;
  /** The same target with its local path replaced (the CLI resolves it against the project root). */
  withLocalPath(target: TargetOf<E>, path: string): TargetOf<E>;
  /** Opens the target, loading the engine package (a missing one is an error naming it). */
  open<S extends SchemaModule>(target: TargetOf<E>, options: ConnectOptions<S>): Promise<ConnectedDatabase<S>>;
}

/** The target of one engine. */
export type TargetOf<E extends ConnectEngine> = Extract<ConnectTarget, { readonly engine: E }>;
