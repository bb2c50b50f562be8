import { StrataError } from '@strata/core';

/**
 * Fake data that cannot be generated or inserted as asked: names the table (and column) at fault
 * and says what to change. Code `SEED_INVALID`.
 *
 * @example
 * ```ts
 * try { await seedFakeData(db, { counts: { post: 10 } }); } catch (e) { if (e instanceof SeedError) console.error(e.message); }
 * ```
 */
export class SeedError extends StrataError {
  /** The SQL name of the table at fault, when one is. */
  readonly table: string | undefined;
  /** The key of the column at fault, when one is. */
  readonly column: string | undefined;

  constructor(message: string, where: { readonly table?: string; readonly column?: string } = {}) {
    const place = [where.table && `table "${where.table}"`, where.column && `column "${where.column}"`]
      .filter(Boolean)
      .join(', ');
    super('SEED_INVALID', place ? `${place}: ${message}` : message);
    this.name = 'SeedError';
    this.table = where.table;
    this.column = where.column;
  }
}
