/// <reference types="vite/client" />
// Strata in a browser: PGlite keeps its data in IndexedDB (`idb://`), the quickstart's migrations
// arrive bundled as text (there is no folder to read), and the typed repository does the work.
// The page reports what it saw on `window.__result`; test/browser.test.ts loads it twice to check
// that the data survived a reload and that the second `migrate` applies nothing.
import { connect } from '@strata/connect';
import { isDatabaseError, migrationSetFromFiles } from '@strata/core';
import { migrate } from '@strata/sql';
import * as schema from '../../quickstart/src/schema.js';

/** What one page load saw, read by the test. */
export interface BrowserResult {
  readonly ok: boolean;
  readonly error?: string;
  /** Migrations this load applied: the first load applies the quickstart's one, a reload none. */
  readonly applied: readonly string[];
  /** Whether the database already held the seeded rows when the page started. */
  readonly reopened: boolean;
  readonly engine: string;
  /** Books of the seeded author from 1969 on, newest first (`findMany` with where and orderBy). */
  readonly recentTitles: readonly string[];
  readonly authors: number;
  readonly books: number;
  /** The `DatabaseError` of a second author with the same email. */
  readonly duplicate: { readonly kind: string; readonly table?: string; readonly columns?: readonly string[] } | null;
  /** Whether a transaction that threw left nothing behind. */
  readonly rolledBack: boolean;
  readonly timings: { readonly connectMs: number; readonly migrateMs: number; readonly totalMs: number };
}

declare global {
  interface Window {
    __result?: BrowserResult;
  }
}

// Vite inlines these files as strings at build time: the journal and every up and down file.
const files = import.meta.glob(
  ['../../quickstart/migrations/library/pg/*.sql', '../../quickstart/migrations/library/pg/meta/_journal.json'],
  { query: '?raw', import: 'default', eager: true },
);

const EMAIL = 'ursula@example.com';

async function run(): Promise<BrowserResult> {
  const started = performance.now();
  const db = await connect('idb://strata-browser-test', { schema });
  const connected = performance.now();
  try {
    const migrations = await migrationSetFromFiles(files, 'migrations/library/pg');
    const applied = await migrate(db, { migrations });
    const migrated = performance.now();

    const authors = db.repos.author;
    const books = db.repos.book;
    const reopened = (await authors.count({ email: EMAIL })) > 0;
    if (!reopened) {
      // One transaction: the author and their books commit together.
      await db.transaction(async (tx) => {
        const ursula = await tx.repos.author.create({ name: 'Ursula K. Le Guin', email: EMAIL });
        await tx.repos.book.createMany([
          { authorId: ursula.id, title: 'A Wizard of Earthsea', year: 1968 },
          { authorId: ursula.id, title: 'The Left Hand of Darkness', year: 1969 },
          { authorId: ursula.id, title: 'The Dispossessed', year: 1974 },
        ]);
      });
    }

    // A transaction that throws after writing must leave nothing behind.
    let rolledBack = false;
    try {
      await db.transaction(async (tx) => {
        await tx.repos.author.create({ name: 'Nobody', email: 'nobody@example.com' });
        throw new Error('abort on purpose');
      });
    } catch (error) {
      rolledBack =
        error instanceof Error &&
        error.message === 'abort on purpose' &&
        (await authors.count({ email: 'nobody@example.com' })) === 0;
    }

    // A second author with the same email: the engine's error, mapped to a typed DatabaseError.
    let duplicate: BrowserResult['duplicate'] = null;
    try {
      await authors.create({ name: 'Someone Else', email: EMAIL });
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      duplicate = {
        kind: error.kind,
        ...(error.table !== undefined && { table: error.table }),
        ...(error.columns !== undefined && { columns: error.columns }),
      };
    }

    const ursula = await authors.findBy('email', EMAIL);
    if (!ursula) throw new Error(`no author with email ${EMAIL}`);
    const recent = await books.findMany({
      where: { authorId: ursula.id, year: { gte: 1969 } },
      orderBy: [{ year: 'desc' }],
    });
    return {
      ok: true,
      applied: applied.migrations,
      reopened,
      engine: db.engine,
      recentTitles: recent.map((book) => book.title),
      authors: await authors.count(),
      books: await books.count(),
      duplicate,
      rolledBack,
      timings: {
        connectMs: Math.round(connected - started),
        migrateMs: Math.round(migrated - connected),
        totalMs: Math.round(performance.now() - started),
      },
    };
  } finally {
    // Closing flushes PGlite's files to IndexedDB before the page goes away.
    await db.close();
  }
}

const output = document.getElementById('result');
run().then(
  (result) => {
    window.__result = result;
    if (output) output.textContent = JSON.stringify(result, null, 2);
  },
  (error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    window.__result = {
      ok: false,
      error: message,
      applied: [],
      reopened: false,
      engine: '',
      recentTitles: [],
      authors: 0,
      books: 0,
      duplicate: null,
      rolledBack: false,
      timings: { connectMs: 0, migrateMs: 0, totalMs: 0 },
    };
    if (output) output.textContent = message;
  },
);
