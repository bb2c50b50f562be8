// Strata quickstart: an embedded PostgreSQL (PGlite, in memory) — no server, no environment.
// Define two related tables once, apply the migrations generated from them, insert, and query
// with a relation.
import { fileURLToPath } from 'node:url';
import type { NewRow } from '@strata/core';
import { createDatabase } from '@strata/pglite';
import { migrate } from '@strata/sql/migrate';
import * as schema from './schema.js';

const started = performance.now();
const db = await createDatabase({ schema });
const applied = await migrate(db, { folder: fileURLToPath(new URL('../migrations/library', import.meta.url)) });
const ready = performance.now();

const { author, book } = db.tables;
const [ursula] = await db.drizzle
  .insert(author)
  .values({ name: 'Ursula K. Le Guin', email: 'ursula@example.com' })
  .returning();
if (!ursula) throw new Error('insert returned no row');

const books: NewRow<typeof schema.book>[] = [
  { authorId: ursula.id, title: 'A Wizard of Earthsea', year: 1968 },
  { authorId: ursula.id, title: 'The Left Hand of Darkness', year: 1969 },
  { authorId: ursula.id, title: 'The Dispossessed', year: 1974 },
];
await db.drizzle.insert(book).values(books);

// A relational query, fully typed from the neutral schema: authors with their books.
const authors = await db.drizzle.query.author.findMany({
  columns: { name: true, email: true },
  with: { books: { columns: { title: true, year: true }, orderBy: (b, { asc }) => [asc(b.year)] } },
});

console.log(JSON.stringify(authors, null, 2));
console.log(
  `\n${authors.length} author, ${authors[0]?.books.length ?? 0} books on ${db.engine} ` +
    `(database ready in ${Math.round(ready - started)} ms with ${applied.migrations.length} migration applied, ` +
    `total ${Math.round(performance.now() - started)} ms)`,
);
await db.close();
