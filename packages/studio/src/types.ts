import type { AnyStrataDatabase } from '@strata/sql';

/**
 * One database the Studio shows: a name, an open Strata database (any engine), and its
 * migrations folder when it has one (the one `strata.config.ts` names; dialect subfolders inside).
 *
 * @example
 * ```ts
 * const app: StudioDatabase = { name: 'app', db: appDb, migrations: 'migrations/app' };
 * ```
 */
export interface StudioDatabase {
  readonly name: string;
  readonly db: AnyStrataDatabase;
  readonly migrations?: string | undefined;
}
