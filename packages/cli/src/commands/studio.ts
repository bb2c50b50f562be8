import { type SchemaModule, StrataError } from '@strata/core';
import type { AnyStrataDatabase, ResolvedDatabase } from '../config.js';
import { openConfiguredDatabase } from '../connection.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { selectDatabases } from '../generate.js';

/** What the CLI uses of `@strata/studio` (an optional peer: loaded only by this command). */
interface StudioModule {
  startStudio(options: {
    readonly databases: readonly {
      readonly name: string;
      readonly db: AnyStrataDatabase;
      readonly migrations?: string;
    }[];
    readonly host?: string;
    readonly port?: number;
    readonly allowHosts?: readonly string[];
  }): Promise<{ readonly url: string; close(): Promise<void> }>;
}

/** Options of `strata studio`. */
export interface StudioCommandOptions {
  readonly database?: string;
  readonly port?: number;
  readonly host?: string;
  readonly allowHost?: readonly string[];
  /** A URL that replaces the selected database's connection (`strata studio sqlite:./copy.db -d app`). */
  readonly url?: string;
  /** Resolves when the Studio should stop; by default on Ctrl+C (SIGINT) or SIGTERM. */
  readonly until?: Promise<void>;
}

/**
 * The Studio is loaded only here, so that the CLI pulls in no UI code for projects that never
 * run it; the specifier is a variable so that bundlers and type checks do not follow it either.
 */
async function loadStudio(): Promise<StudioModule> {
  const specifier = '@strata/studio';
  try {
    return (await import(specifier)) as StudioModule;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes(specifier)) {
      throw new StrataError('USAGE', 'strata studio needs @strata/studio: npm install -D @strata/studio', {
        cause: error,
      });
    }
    throw error;
  }
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * `strata studio`: opens every configured database (or the one named with `--database`, or a
 * URL given instead of its connection) and serves Strata Studio on 127.0.0.1 until stopped;
 * prints the URL with its access token.
 *
 * @example
 * ```ts
 * await studioCommand(context, { port: 4983 });
 * ```
 */
export async function studioCommand(context: CommandContext, options: StudioCommandOptions): Promise<number> {
  const { out } = context;
  const studio = await loadStudio();
  let selected: readonly ResolvedDatabase[] = selectDatabases(context.config, options.database);
  if (options.url !== undefined) {
    if (selected.length !== 1) {
      throw new StrataError('USAGE', 'a URL replaces one database: name it with --database <name>');
    }
    selected = selected.map((database) => ({ ...database, connection: options.url }));
  }
  const opened: { name: string; db: AnyStrataDatabase; migrations: string; schema: SchemaModule }[] = [];
  try {
    for (const database of selected) {
      const db = await out.step(`Connecting to ${database.name}…`, () =>
        openConfiguredDatabase(database, context.config.root),
      );
      opened.push({ name: database.name, db, migrations: database.migrations, schema: database.schema });
    }
    const running = await studio.startStudio({
      databases: opened.map(({ name, db, migrations }) => ({ name, db, migrations })),
      ...(options.host !== undefined && { host: options.host }),
      ...(options.port !== undefined && { port: options.port }),
      ...(options.allowHost !== undefined && { allowHosts: options.allowHost }),
    });
    out.ok(`Strata Studio: ${running.url}`);
    out.record('url', running.url);
    out.line('  open it in your browser; the token in it is the key to your data. Ctrl+C stops.');
    await (options.until ?? stopSignal());
    await running.close();
    return EXIT.ok;
  } finally {
    for (const { db } of opened) await db.close();
  }
}
