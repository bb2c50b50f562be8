// Engine faults become one DatabaseError, the same for the same fault on every engine: each fault
// is provoked for real through Drizzle on PGlite, SQLite and a PostgreSQL server, mapped, and the
// results compared across engines at the end. Unit tests of the pure mapping follow.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  and,
  check,
  DatabaseClosedError,
  type DatabaseError,
  defineTable,
  enumeration,
  findDatabaseError,
  getConstraintName,
  getErrorDetail,
  gte,
  id,
  integer,
  isCheckViolation,
  isDatabaseError,
  isForeignKeyViolation,
  isNotNullViolation,
  isTransientError,
  isUniqueViolation,
  lte,
  primaryKey,
  SchemaError,
  StrataError,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from '@strata/core';
import { createDatabase as createPostgres } from '@strata/postgres';
import { type DatabaseErrorContext, mapDatabaseError } from '@strata/sql';
import { createDatabase as createSqlite } from '@strata/sqlite';
import {
  engineCases,
  openTestDatabase,
  POSTGRES_URL_VARIABLE,
  rawExecute,
  rawRows,
  type TestDatabase,
  type TestEngineName,
} from '@strata/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseKeyDetail } from '../src/postgres/errors.js';
import { safeMessage } from '../src/shared/error-draft.js';
import { deleteRows, insertRows } from './support.js';

// ---------------------------------------------------------------------------------------------
// The schema: one of each constraint Strata defines.

const account = defineTable(
  'account',
  {
    id: id(),
    email: text().notNull().unique(),
    name: varchar(20).notNull(),
    status: enumeration(['active', 'closed']).notNull().default('active'),
    score: integer().notNull().default(0),
    token: uuid(),
  },
  (t) => [check('account_score_range', and(gte(t.score, 0), lte(t.score, 100)))],
);

const project = defineTable(
  'project',
  {
    id: id(),
    ownerId: uuid()
      .notNull()
      .references(() => account.id, { onDelete: 'restrict' }),
    slug: text().notNull(),
    // A keyword: PostgreSQL quotes it in its key detail.
    position: integer().notNull(),
  },
  (t) => [uniqueIndex().on(t.ownerId, t.position)],
);

const membership = defineTable(
  'membership',
  {
    projectId: uuid()
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    role: text().notNull(),
  },
  (t) => [primaryKey(t.projectId, t.accountId)],
);

const schema = { account, project, membership };
const tables = [account, project, membership];

type Db = TestDatabase<typeof schema>;
type SqliteDrizzle = Extract<Db, { engine: 'sqlite' }>['drizzle'];
type PgDrizzle = Extract<Db, { engine: 'pglite' }>['drizzle'];

/** Must never reach a message or a detail. */
const SECRET = 'secret-value-123';
const MISSING_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

/** The fields that must be the same on every engine. */
interface Summary {
  readonly kind: string;
  readonly table: string | undefined;
  readonly columns: readonly string[];
  readonly constraint: string | undefined;
  readonly detail: string | undefined;
}

const summarize = (e: DatabaseError): Summary => ({
  kind: e.kind,
  table: e.table,
  columns: [...e.columns],
  constraint: e.constraint,
  detail: e.detail,
});

/** Per fault, per engine: what the mapping gave. Compared across engines at the end. */
const observed = new Map<string, Map<TestEngineName, Summary>>();

function expectValueFree(mapped: DatabaseError, ...secrets: string[]): void {
  for (const secret of [SECRET, ...secrets]) {
    expect(mapped.message).not.toContain(secret);
    expect(mapped.detail ?? '').not.toContain(secret);
    expect(String(mapped)).not.toContain(secret);
    expect(JSON.stringify(mapped)).not.toContain(secret);
  }
}

/** A promise with its resolve function, to order concurrent transactions. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Runs `work`, which must fail, and maps the failure with the statement's table and the schema. */
async function failure(work: () => unknown, table: string, context?: DatabaseErrorContext): Promise<DatabaseError> {
  let caught: unknown;
  try {
    await work();
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error('expected the statement to fail');
  const mapped = mapDatabaseError(caught, context ?? { table, tables });
  if (!isDatabaseError(mapped)) throw new Error(`not mapped to a DatabaseError: ${inspect(caught)}`);
  expect(mapped.cause).toBe(caught);
  expect(mapped.code).toBe('DATABASE_ERROR');
  return mapped;
}

describe.each(engineCases())('on $engine', ({ engine, skip }) => {
  let db: Db;
  let scratch: string | undefined;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, schema);
    await db.createTables();
  });
  afterAll(async () => {
    await db?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  /** A test, or a named skip when the engine is not selected or the fault does not exist there. */
  const it = (name: string, fn: () => Promise<void>, notOn: Partial<Record<TestEngineName, string>> = {}) => {
    const reason = notOn[engine];
    if (skip) test.skip(name, fn);
    else if (reason) test.skip(`${name} (not on ${engine}: ${reason})`, fn);
    else test(name, fn);
  };

  /** Asserts the mapped fault, value-free, and records it for the cross-engine comparison. */
  function record(fault: string, mapped: DatabaseError, expected: Partial<Summary>) {
    expect(summarize(mapped)).toMatchObject(expected);
    expectValueFree(mapped);
    const byEngine = observed.get(fault) ?? new Map<TestEngineName, Summary>();
    byEngine.set(engine, summarize(mapped));
    observed.set(fault, byEngine);
  }

  async function newAccount(email: string) {
    const [row] = await insertRows(db, 'account', [{ email, name: 'owner' }]);
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async function newProject(ownerId: string, position: number) {
    const [row] = await insertRows(db, 'project', [{ ownerId, slug: `p${position}`, position }]);
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  it('unique column: constraint <table>_<column>_key on every engine', async () => {
    await newAccount(`${SECRET}@example.com`);
    const mapped = await failure(
      () => insertRows(db, 'account', [{ email: `${SECRET}@example.com`, name: 'dup' }]),
      'account',
    );
    record('unique column', mapped, {
      kind: 'unique_violation',
      table: 'account',
      columns: ['email'],
      constraint: 'account_email_key',
      detail: 'Key (email) already exists.',
    });
    expect(mapped.message).toBe('unique violation on table "account" (email): constraint account_email_key');
    expect(mapped.engineCode).toBe(engine === 'sqlite' ? 'SQLITE_CONSTRAINT_UNIQUE' : '23505');
    expect(isUniqueViolation(mapped)).toBe(true);
    expect(isTransientError(mapped)).toBe(false);
    // The raw PostgreSQL errors do carry the value; the mapped one does not.
    if (engine !== 'sqlite') expect(inspect(mapped.cause, { depth: 4 })).toContain(SECRET);
  });

  it('composite unique index: the index name, columns in index order', async () => {
    const owner = await newAccount('composite@example.com');
    await newProject(owner.id, 1);
    const mapped = await failure(
      () => insertRows(db, 'project', [{ ownerId: owner.id, slug: SECRET, position: 1 }]),
      'project',
    );
    record('composite unique index', mapped, {
      kind: 'unique_violation',
      table: 'project',
      columns: ['owner_id', 'position'],
      constraint: 'project_owner_id_position_key',
      detail: 'Key (owner_id, position) already exists.',
    });
  });

  it('composite primary key: the primary key extra name', async () => {
    const owner = await newAccount('pk@example.com');
    const target = await newProject(owner.id, 2);
    await insertRows(db, 'membership', [{ projectId: target.id, accountId: owner.id, role: 'admin' }]);
    const mapped = await failure(
      () => insertRows(db, 'membership', [{ projectId: target.id, accountId: owner.id, role: SECRET }]),
      'membership',
    );
    record('composite primary key', mapped, {
      kind: 'unique_violation',
      table: 'membership',
      columns: ['project_id', 'account_id'],
      constraint: 'membership_project_id_account_id_pkey',
    });
    expect(mapped.engineCode).toBe(engine === 'sqlite' ? 'SQLITE_CONSTRAINT_PRIMARYKEY' : '23505');
  });

  it('single-column primary key: <table>_pkey', async () => {
    const owner = await newAccount('single-pk@example.com');
    const mapped = await failure(
      () => insertRows(db, 'account', [{ id: owner.id, email: `${SECRET}-2@example.com`, name: 'dup id' }]),
      'account',
    );
    record('single-column primary key', mapped, {
      kind: 'unique_violation',
      table: 'account',
      columns: ['id'],
      constraint: 'account_pkey',
    });
  });

  it('not null: the column, no constraint', async () => {
    const owner = await newAccount('not-null@example.com');
    const mapped = await failure(
      () => insertRows(db, 'project', [{ ownerId: owner.id, slug: null as never, position: 3 }]),
      'project',
    );
    record('not null', mapped, {
      kind: 'not_null_violation',
      table: 'project',
      columns: ['slug'],
      constraint: undefined,
      detail: undefined,
    });
    expect(isNotNullViolation(mapped)).toBe(true);
  });

  it('foreign key on insert: kind and table everywhere; columns and constraint where the engine names them', async () => {
    const mapped = await failure(
      () => insertRows(db, 'project', [{ ownerId: MISSING_ID, slug: SECRET, position: 4 }]),
      'project',
    );
    record('foreign key insert', mapped, { kind: 'foreign_key_violation', table: 'project' });
    expect(isForeignKeyViolation(mapped)).toBe(true);
    if (engine === 'sqlite') {
      expect(mapped).toMatchObject({ columns: [], constraint: undefined, detail: undefined });
    } else {
      expect(mapped).toMatchObject({
        columns: ['owner_id'],
        constraint: 'project_owner_id_account_id_fk',
        detail: 'Key (owner_id) is not present in table "account".',
      });
    }
  });

  it('foreign key on delete (restrict): the table whose row was refused', async () => {
    const owner = await newAccount(`${SECRET}-restrict@example.com`);
    await newProject(owner.id, 5);
    const mapped = await failure(
      () => deleteRows(db, 'account', eq(db.tables.account.id as never, owner.id)),
      'account',
    );
    record('foreign key delete', mapped, { kind: 'foreign_key_violation', table: 'account' });
    if (engine === 'sqlite') {
      // RESTRICT comes as SQLITE_CONSTRAINT_TRIGGER, with the usual foreign key message.
      expect(mapped).toMatchObject({ engineCode: 'SQLITE_CONSTRAINT_TRIGGER', columns: [], constraint: undefined });
    } else {
      expect(mapped).toMatchObject({
        // PGlite (PostgreSQL 18) says 23001 restrict_violation, older servers 23503.
        engineCode: expect.stringMatching(/^(23001|23503)$/),
        columns: ['id'],
        constraint: 'project_owner_id_account_id_fk',
        detail: 'Key (id) is still referenced from table "project".',
      });
    }
  });

  it('named check: its name and the columns it reads', async () => {
    const mapped = await failure(
      () => insertRows(db, 'account', [{ email: 'check@example.com', name: SECRET, score: 101 }]),
      'account',
    );
    record('named check', mapped, {
      kind: 'check_violation',
      table: 'account',
      columns: ['score'],
      constraint: 'account_score_range',
      detail: undefined,
    });
    expect(isCheckViolation(mapped)).toBe(true);
    expect(getConstraintName(mapped)).toBe('account_score_range');
  });

  it('enumeration: the <table>_<column>_enum check', async () => {
    const mapped = await failure(
      () => insertRows(db, 'account', [{ email: 'enum@example.com', name: 'x', status: SECRET as never }]),
      'account',
    );
    record('enumeration', mapped, {
      kind: 'check_violation',
      table: 'account',
      columns: ['status'],
      constraint: 'account_status_enum',
    });
  });

  it('varchar too long: value_too_long with the reserved length name on every engine', async () => {
    const mapped = await failure(
      () => insertRows(db, 'account', [{ email: 'long@example.com', name: `${SECRET}-and-more` }]),
      'account',
    );
    record('varchar too long', mapped, {
      kind: 'value_too_long',
      table: 'account',
      columns: ['name'],
      constraint: 'account_name_length',
      detail: undefined,
    });
    expect(mapped.engineCode).toBe(engine === 'sqlite' ? 'SQLITE_CONSTRAINT_CHECK' : '22001');
    expect(mapped.message).toBe(
      'value too long on table "account" (name): constraint account_name_length; more than 20 characters',
    );
    expect(isCheckViolation(mapped)).toBe(false);
  });

  it('varchar too long without the schema: kind and table still agree', async () => {
    const mapped = await failure(
      () => insertRows(db, 'account', [{ email: 'long2@example.com', name: `${SECRET}-and-more` }]),
      'account',
      { table: 'account' },
    );
    expect(mapped.kind).toBe('value_too_long');
    expect(mapped.table).toBe('account');
    expectValueFree(mapped);
  });

  it(
    'invalid value: the type named, the value not',
    async () => {
      const badUuid = await failure(
        () => insertRows(db, 'account', [{ email: 'uuid@example.com', name: 'x', token: SECRET }]),
        'account',
      );
      expect(summarize(badUuid)).toEqual({
        kind: 'invalid_value',
        table: 'account',
        columns: [],
        constraint: undefined,
        detail: undefined,
      });
      expect(badUuid.message).toBe('invalid value on table "account"; invalid input syntax for type uuid');
      expectValueFree(badUuid);
      const outOfRange = await failure(
        () => insertRows(db, 'account', [{ email: 'range@example.com', name: 'x', score: 2 ** 40 + 1 }]),
        'account',
      );
      expect(outOfRange.kind).toBe('invalid_value');
      expect(outOfRange.engineCode).toBe('22003');
      expectValueFree(outOfRange, String(2 ** 40 + 1));
    },
    { sqlite: 'SQLite stores any text in a uuid column and any integer in an integer column' },
  );

  it('missing table and missing column: schema_mismatch', async () => {
    const noTable = await failure(() => rawRows(db, sql`select * from ghost`), 'ghost', {});
    record('missing table', noTable, { kind: 'schema_mismatch', table: 'ghost', columns: [] });
    const noColumn = await failure(
      () => rawExecute(db, sql`insert into account (nope) values (${SECRET})`),
      'account',
      {},
    );
    record('missing column', noColumn, { kind: 'schema_mismatch', table: 'account', columns: ['nope'] });
  });

  it('a closed Strata database throws DatabaseClosedError, which passes through unchanged', async () => {
    const other = await openTestDatabase(engine, schema);
    await other.close();
    let caught: unknown;
    try {
      await insertRows(other, 'account', [{ email: 'closed@example.com', name: 'x' }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseClosedError);
    expect(mapDatabaseError(caught, { table: 'account', tables })).toBe(caught);
  });

  it(
    'busy: a lock not granted in time is busy and transient',
    async () => {
      if (db.engine === 'postgres') {
        const pg = db;
        const owner = await newAccount('busy@example.com');
        const locked = deferred();
        const done = deferred();
        // One transaction holds the row lock until the other has given up waiting for it.
        const holder = pg.drizzle.transaction(async (tx) => {
          await tx.execute(sql`update account set score = 1 where id = ${owner.id}`);
          locked.resolve();
          await done.promise;
        });
        await locked.promise;
        const mapped = await failure(
          () =>
            pg.drizzle.transaction(async (tx) => {
              await tx.execute(sql`set local lock_timeout = '50ms'`);
              await tx.execute(sql`update account set score = 2 where id = ${owner.id}`);
            }),
          'account',
        ).finally(done.resolve);
        await holder;
        expect(mapped).toMatchObject({ kind: 'busy', engineCode: '55P03', transient: true, table: 'account' });
        expectValueFree(mapped);
        return;
      }
      scratch ??= mkdtempSync(join(tmpdir(), 'strata-errors-'));
      const filename = join(scratch, 'busy.db');
      const holder = await createSqlite({ schema, filename, busyTimeoutMs: 20 });
      await holder.createTables();
      const waiter = await createSqlite({ schema, filename, busyTimeoutMs: 20 });
      try {
        holder.client.exec('BEGIN IMMEDIATE');
        const mapped = await failure(
          () => waiter.drizzle.insert(waiter.tables.account).values({ email: 'busy@example.com', name: 'x' }).run(),
          'account',
        );
        expect(mapped).toMatchObject({ kind: 'busy', engineCode: 'SQLITE_BUSY', transient: true, table: 'account' });
        expect(isTransientError(new Error('retry me', { cause: mapped }))).toBe(true);
      } finally {
        holder.client.exec('ROLLBACK');
        await holder.close();
        await waiter.close();
      }
    },
    { pglite: 'PGlite has a single connection: no other session can hold a lock' },
  );

  it(
    'serialization failure: transient',
    async () => {
      if (db.engine === 'postgres') {
        const pg = db;
        const [readA, readB] = [deferred(), deferred()];
        // Each transaction reads what the other writes, then writes: one of them cannot commit.
        const first = pg.drizzle.transaction(
          async (tx) => {
            await tx.execute(sql`select count(*) from account`);
            readA.resolve();
            await readB.promise;
            await tx.execute(sql`insert into account (id, email, name) values (gen_random_uuid(), 'ser-a', 'a')`);
          },
          { isolationLevel: 'serializable' },
        );
        first.catch(() => {});
        const mapped = await failure(
          () =>
            pg.drizzle.transaction(
              async (tx) => {
                await tx.execute(sql`select count(*) from account`);
                readB.resolve();
                await readA.promise;
                await tx.execute(sql`insert into account (id, email, name) values (gen_random_uuid(), 'ser-b', 'b')`);
                await first;
              },
              { isolationLevel: 'serializable' },
            ),
          'account',
        );
        expect(mapped).toMatchObject({ kind: 'serialization', engineCode: '40001', transient: true });
        expect(mapped.detail).toMatch(/^Reason code:/);
        await expect(first).resolves.toBeUndefined();
        return;
      }
      // SQLite's equivalent: a read transaction whose snapshot another connection overtook
      // cannot start writing (SQLITE_BUSY_SNAPSHOT); the whole transaction must restart.
      scratch ??= mkdtempSync(join(tmpdir(), 'strata-errors-'));
      const filename = join(scratch, 'snapshot.db');
      const writer = await createSqlite({ schema, filename, busyTimeoutMs: 20 });
      await writer.createTables();
      const reader = await createSqlite({ schema, filename, busyTimeoutMs: 20 });
      try {
        reader.client.exec('BEGIN');
        reader.drizzle.select().from(reader.tables.account).all();
        writer.drizzle.insert(writer.tables.account).values({ email: 'first@example.com', name: 'x' }).run();
        const mapped = await failure(
          () => reader.drizzle.insert(reader.tables.account).values({ email: 'second@example.com', name: 'y' }).run(),
          'account',
        );
        expect(mapped).toMatchObject({ kind: 'serialization', engineCode: 'SQLITE_BUSY_SNAPSHOT', transient: true });
      } finally {
        reader.client.exec('ROLLBACK');
        await reader.close();
        await writer.close();
      }
    },
    { pglite: 'PGlite has a single connection: transactions never run concurrently' },
  );

  it(
    'deadlock: transient',
    async () => {
      if (db.engine !== 'postgres') return;
      const pg = db;
      const one = await newAccount('deadlock-1@example.com');
      const two = await newAccount('deadlock-2@example.com');
      const [lockedA, lockedB] = [deferred(), deferred()];
      const settle = (work: Promise<unknown>) =>
        work.then(
          () => undefined,
          (error: unknown) => error,
        );
      // Each transaction locks one row, then asks for the other's.
      const a = settle(
        pg.drizzle.transaction(async (tx) => {
          await tx.execute(sql`update account set score = 1 where id = ${one.id}`);
          lockedA.resolve();
          await lockedB.promise;
          await tx.execute(sql`update account set score = 2 where id = ${two.id}`);
        }),
      );
      const b = settle(
        pg.drizzle.transaction(async (tx) => {
          await tx.execute(sql`update account set score = 1 where id = ${two.id}`);
          lockedB.resolve();
          await lockedA.promise;
          await new Promise((resolve) => setTimeout(resolve, 50));
          await tx.execute(sql`update account set score = 2 where id = ${one.id}`);
        }),
      );
      const errors = (await Promise.all([a, b])).filter((error) => error !== undefined);
      expect(errors).toHaveLength(1);
      const mapped = mapDatabaseError(errors[0], { table: 'account', tables });
      expect(mapped).toMatchObject({ kind: 'deadlock', engineCode: '40P01', transient: true, table: 'account' });
      expect(isTransientError(new Error('transaction failed', { cause: mapped }))).toBe(true);
    },
    {
      pglite: 'PGlite has a single connection: no two sessions can wait on each other',
      sqlite: 'SQLite has no deadlock: a second writer gets SQLITE_BUSY (tested as busy)',
    },
  );

  it(
    'statement timeout: timeout, not transient',
    async () => {
      const pg = db as Extract<Db, { engine: 'pglite' }>;
      const mapped = await failure(
        () =>
          pg.drizzle.transaction(async (tx) => {
            await tx.execute(sql`set local statement_timeout = 50`);
            await tx.execute(sql`select pg_sleep(2)`);
          }),
        'account',
      );
      expect(mapped).toMatchObject({ kind: 'timeout', engineCode: '57014', transient: false });
      expect(mapped.message).toBe('timeout on table "account"; canceling statement due to statement timeout');
    },
    {
      pglite: 'PGlite runs single-threaded: statement_timeout never fires',
      sqlite: 'SQLite has no statement timeout (better-sqlite3 does not expose sqlite3_interrupt)',
    },
  );

  it(
    'authentication: wrong password is authentication, not transient, and the password is not shown',
    async () => {
      const url = new URL(process.env[POSTGRES_URL_VARIABLE] ?? '');
      const realPassword = decodeURIComponent(url.password);
      url.password = 'wrong-password-456';
      const wrong = await createPostgres({ schema, url: url.toString(), maxConnections: 1 });
      try {
        const mapped = await failure(() => wrong.drizzle.select().from(wrong.tables.account), 'account');
        expect(mapped).toMatchObject({ kind: 'authentication', engineCode: '28P01', transient: false });
        expectValueFree(mapped, 'wrong-password-456', realPassword);
      } finally {
        await wrong.close();
      }
      url.password = realPassword;
      url.pathname = '/strata_no_such_database';
      const missing = await createPostgres({ schema, url: url.toString(), maxConnections: 1 });
      try {
        const mapped = await failure(() => missing.drizzle.select().from(missing.tables.account), 'account');
        expect(mapped).toMatchObject({ kind: 'connection', engineCode: '3D000', transient: false });
        expectValueFree(mapped, realPassword);
      } finally {
        await missing.close();
      }
    },
    {
      pglite: 'PGlite runs in process: no login',
      sqlite: 'SQLite opens a file: no login',
    },
  );

  // Last: closes the database.
  it('a driver used after close: closed', async () => {
    const kept = db.drizzle;
    const accountTable = db.tables.account;
    await db.close();
    const mapped = await failure(
      () =>
        engine === 'sqlite'
          ? (kept as SqliteDrizzle).select().from(accountTable).all()
          : (kept as PgDrizzle).select().from(accountTable as never),
      'account',
    );
    record('closed', mapped, { kind: 'closed', table: 'account', columns: [], constraint: undefined });
    expect(mapped.transient).toBe(false);
  });
});

describe('across engines', () => {
  test('every engine maps the same fault to the same kind, table, columns, constraint and detail', () => {
    expect(observed.size).toBeGreaterThan(0);
    const ran = engineCases()
      .filter((c) => c.skip === undefined)
      .map((c) => c.engine);
    for (const [fault, byEngine] of observed) {
      expect({ fault, engines: [...byEngine.keys()].sort() }).toEqual({ fault, engines: [...ran].sort() });
      // The one known difference: SQLite names neither the constraint nor the columns of a
      // foreign key failure, so there only kind and table can agree.
      const partial = fault.startsWith('foreign key') && byEngine.has('sqlite');
      const comparable = (s: Summary) => (partial ? { kind: s.kind, table: s.table } : s);
      const [reference, ...others] = [...byEngine.entries()];
      if (!reference) continue;
      for (const [engine, summary] of others) {
        expect({ fault, engine, ...comparable(summary) }).toEqual({ fault, engine, ...comparable(reference[1]) });
      }
    }
  });

  test('PGlite and the PostgreSQL server agree on foreign keys entirely', () => {
    for (const fault of ['foreign key insert', 'foreign key delete']) {
      const byEngine = observed.get(fault);
      const pglite = byEngine?.get('pglite');
      const postgres = byEngine?.get('postgres');
      if (pglite && postgres) expect(postgres).toEqual(pglite);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// postgres-js client errors: no server needed.

describe('connection errors (postgres-js)', () => {
  const PASSWORD = 'hunter2-very-secret';

  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    return address.port;
  }

  test.each(['127.0.0.1', 'localhost'])('an unused port on %s: connection, transient, no password', async (host) => {
    const port = await freePort();
    const db = await createPostgres({ schema, url: `postgres://app:${PASSWORD}@${host}:${port}/app` });
    try {
      const mapped = await failure(() => db.drizzle.select().from(db.tables.account), 'account');
      expect(mapped).toMatchObject({ kind: 'connection', engineCode: 'ECONNREFUSED', transient: true });
      expect(mapped.message).toContain('connection refused');
      expectValueFree(mapped, PASSWORD);
    } finally {
      await db.close();
    }
  });

  test('a server that never answers: timeout, transient', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const db = await createPostgres({
      schema,
      url: `postgres://app:${PASSWORD}@127.0.0.1:${port}/app`,
      connectTimeoutSeconds: 1,
    });
    try {
      const mapped = await failure(() => db.drizzle.select().from(db.tables.account), 'account');
      expect(mapped).toMatchObject({ kind: 'timeout', engineCode: 'CONNECT_TIMEOUT', transient: true });
      expectValueFree(mapped, PASSWORD);
    } finally {
      await db.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The pure mapping, with errors shaped like each driver's.

/** Drizzle's wrapper: the SQL and the parameters in the message, the driver error as cause. */
function drizzleWrapped(cause: unknown): Error {
  return Object.assign(new Error(`Failed query: insert into "user" ("email") values ($1)\nparams: ${SECRET}`), {
    name: 'DrizzleQueryError',
    query: 'insert into "user" ("email") values ($1)',
    params: [SECRET],
    cause,
  });
}

const postgresJsError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? 'postgres error')), {
    name: 'PostgresError',
    severity: 'ERROR',
    ...fields,
  });

const pgliteError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? 'pglite error')), { name: 'error', severity: 'ERROR', ...fields });

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { name: 'SqliteError', code });

const user = defineTable('user', { id: id(), email: text().notNull().unique(), nick: varchar(12), bio: varchar(12) });

function mapOrFail(error: unknown, context?: DatabaseErrorContext): DatabaseError {
  const result = mapDatabaseError(error, context);
  if (!isDatabaseError(result)) throw new Error('not mapped');
  return result;
}

describe('mapDatabaseError (unit)', () => {
  test('unwraps Drizzle and never copies its message', () => {
    const error = mapOrFail(
      drizzleWrapped(
        postgresJsError({
          message: 'duplicate key value violates unique constraint "user_email_key"',
          code: '23505',
          table_name: 'user',
          constraint_name: 'user_email_key',
          detail: `Key (email)=(${SECRET}) already exists.`,
        }),
      ),
    );
    expect(error.message).toBe('unique violation on table "user" (email): constraint user_email_key');
    expect(error.detail).toBe('Key (email) already exists.');
    expect(error.name).toBe('DatabaseError');
    expectValueFree(error);
  });

  test('PGlite field names (table, constraint, column) read like postgres-js ones', () => {
    const fromPglite = mapOrFail(
      pgliteError({ code: '23502', table: 'user', column: 'email', detail: `Failing row contains (${SECRET}).` }),
    );
    const fromPostgres = mapOrFail(
      postgresJsError({
        code: '23502',
        table_name: 'user',
        column_name: 'email',
        detail: `Failing row contains (${SECRET}).`,
      }),
    );
    expect(summarize(fromPglite)).toEqual(summarize(fromPostgres));
    expect(summarize(fromPglite)).toEqual({
      kind: 'not_null_violation',
      table: 'user',
      columns: ['email'],
      constraint: undefined,
      detail: undefined,
    });
  });

  test('returns anything that is not an engine error unchanged', () => {
    const strata = new StrataError('X', 'x');
    const schemaError = new SchemaError('bad');
    const closed = new DatabaseClosedError('sqlite');
    const plain = new Error('application bug');
    const typeError = new TypeError('x is not a function');
    for (const value of [strata, schemaError, closed, plain, typeError, 'text', undefined, null, 42, { code: 'E' }]) {
      expect(mapDatabaseError(value)).toBe(value);
    }
    // A Strata error inside a Drizzle wrapper: not an engine fault, left alone.
    const wrapped = drizzleWrapped(strata);
    expect(mapDatabaseError(wrapped)).toBe(wrapped);
    // Already mapped: unchanged.
    const done = mapOrFail(sqliteError('SQLITE_BUSY', 'database is locked'));
    expect(mapDatabaseError(done)).toBe(done);
    // A Node error that is not a connection problem.
    const fsError = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    expect(mapDatabaseError(fsError)).toBe(fsError);
    const prototypeKey = Object.assign(new Error('x'), { code: 'constructor' });
    expect(mapDatabaseError(prototypeKey)).toBe(prototypeKey);
  });

  test('survives a cycle in the cause chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(mapDatabaseError(a)).toBe(a);
    expect(findDatabaseError(a)).toBeUndefined();
  });

  test.each([
    ['23505', 'unique_violation', false],
    ['23P01', 'unique_violation', false],
    ['23503', 'foreign_key_violation', false],
    ['23001', 'foreign_key_violation', false],
    ['23502', 'not_null_violation', false],
    ['23514', 'check_violation', false],
    ['22001', 'value_too_long', false],
    ['22P02', 'invalid_value', false],
    ['22007', 'invalid_value', false],
    ['22008', 'invalid_value', false],
    ['22003', 'invalid_value', false],
    ['22021', 'invalid_value', false],
    ['40001', 'serialization', true],
    ['40P01', 'deadlock', true],
    ['55P03', 'busy', true],
    ['57014', 'timeout', false],
    ['08006', 'connection', true],
    ['08001', 'connection', true],
    ['57P01', 'connection', true],
    ['57P02', 'connection', true],
    ['57P03', 'connection', true],
    ['53300', 'connection', true],
    ['3D000', 'connection', false],
    ['28P01', 'authentication', false],
    ['28000', 'authentication', false],
    ['42501', 'permission_denied', false],
    ['42P01', 'schema_mismatch', false],
    ['42703', 'schema_mismatch', false],
    ['25006', 'read_only', false],
    ['53100', 'storage_full', false],
    ['42601', 'unknown', false],
    ['XX000', 'unknown', false],
  ] as const)('SQLSTATE %s is %s (transient: %s)', (code, kind, transient) => {
    const error = mapOrFail(postgresJsError({ code, message: `something about "${SECRET}": ${SECRET}` }));
    expect(error).toMatchObject({ kind, transient, engineCode: code });
    expect(isTransientError(error)).toBe(transient);
    expectValueFree(error);
  });

  test('a SQLSTATE without severity (postgres-js cancel) is still PostgreSQL', () => {
    const cancel = Object.assign(new Error('57014: canceling statement due to user request'), { code: '57014' });
    expect(mapOrFail(cancel)).toMatchObject({ kind: 'timeout', engineCode: '57014' });
  });

  test.each([
    ['SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: user.email', 'unique_violation'],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 'UNIQUE constraint failed: user.id', 'unique_violation'],
    ['SQLITE_CONSTRAINT_NOTNULL', 'NOT NULL constraint failed: user.email', 'not_null_violation'],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed', 'foreign_key_violation'],
    ['SQLITE_CONSTRAINT_TRIGGER', 'FOREIGN KEY constraint failed', 'foreign_key_violation'],
    ['SQLITE_CONSTRAINT_CHECK', 'CHECK constraint failed: user_score_range', 'check_violation'],
    ['SQLITE_CONSTRAINT_CHECK', 'CHECK constraint failed: user_nick_length', 'value_too_long'],
    ['SQLITE_CONSTRAINT_DATATYPE', 'cannot store TEXT value in INTEGER column user.age', 'invalid_value'],
    ['SQLITE_BUSY', 'database is locked', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'database is locked', 'serialization'],
    ['SQLITE_LOCKED', 'database table is locked', 'busy'],
    ['SQLITE_CANTOPEN', 'unable to open database file', 'connection'],
    ['SQLITE_FULL', 'database or disk is full', 'storage_full'],
    ['SQLITE_READONLY', 'attempt to write a readonly database', 'read_only'],
    ['SQLITE_ERROR', 'no such table: main.ghost', 'schema_mismatch'],
    ['SQLITE_ERROR', 'no such column: nope', 'schema_mismatch'],
    ['SQLITE_ERROR', `near "${SECRET}": syntax error`, 'unknown'],
  ] as const)('%s "%s" is %s', (code, message, kind) => {
    const error = mapOrFail(sqliteError(code, message));
    expect(error).toMatchObject({ kind, engineCode: code });
    expectValueFree(error);
  });

  test('transient: serialization, deadlock, busy and connection; never constraints; not missing files', () => {
    expect(isTransientError(mapOrFail(sqliteError('SQLITE_BUSY', 'database is locked')))).toBe(true);
    expect(isTransientError(mapOrFail(sqliteError('SQLITE_CANTOPEN', 'unable to open database file')))).toBe(false);
    expect(isTransientError(mapOrFail(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: a.b')))).toBe(
      false,
    );
    expect(isTransientError(new Error('not a database error'))).toBe(false);
    expect(isTransientError(undefined)).toBe(false);
  });

  test('SQLite unique failures get PostgreSQL names from the schema', () => {
    const context = { tables: [account, project, membership] };
    const byName = (code: string, message: string) => mapOrFail(sqliteError(code, message), context).constraint;
    expect(byName('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: account.email')).toBe('account_email_key');
    expect(byName('SQLITE_CONSTRAINT_PRIMARYKEY', 'UNIQUE constraint failed: account.id')).toBe('account_pkey');
    expect(byName('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: project.position, project.owner_id')).toBe(
      'project_owner_id_position_key',
    );
    expect(
      byName('SQLITE_CONSTRAINT_PRIMARYKEY', 'UNIQUE constraint failed: membership.project_id, membership.account_id'),
    ).toBe('membership_project_id_account_id_pkey');
    // Without the schema the name is unknown; a schema module works as well as a list.
    expect(byName('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: account.name')).toBeUndefined();
    expect(
      mapOrFail(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: account.email')).constraint,
    ).toBe(undefined);
    expect(
      mapOrFail(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: account.email'), { tables: schema })
        .constraint,
    ).toBe('account_email_key');
    // An index on expressions is named by SQLite itself.
    expect(byName('SQLITE_CONSTRAINT_UNIQUE', "UNIQUE constraint failed: index 'account_lower_email_key'")).toBe(
      'account_lower_email_key',
    );
  });

  test('an explicit unique(name) is reported on every engine', () => {
    const named = defineTable('named', { id: id(), code: text().notNull().unique('named_code_unique') });
    const fromSqlite = mapOrFail(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: named.code'), {
      tables: [named],
    });
    expect(fromSqlite.constraint).toBe('named_code_unique');
  });

  test('value too long on PostgreSQL: the column is found by its length when that is unambiguous', () => {
    const tooLong = (context: DatabaseErrorContext) =>
      mapOrFail(postgresJsError({ code: '22001', message: 'value too long for type character varying(12)' }), context);
    // `user` has two varchar(12) columns: the column cannot be told.
    expect(summarize(tooLong({ table: 'user', tables: [user] }))).toMatchObject({
      kind: 'value_too_long',
      table: 'user',
      columns: [],
      constraint: undefined,
    });
    expect(summarize(tooLong({ table: account, tables: [account] }))).toMatchObject({ table: 'account', columns: [] });
    const single = defineTable('single', { id: id(), code: varchar(12) });
    expect(summarize(tooLong({ tables: [single] }))).toMatchObject({
      table: 'single',
      columns: ['code'],
      constraint: 'single_code_length',
    });
    expect(tooLong({}).message).toBe('value too long; more than 12 characters');
  });

  test('a check named *_length is value_too_long only when it is a length check', () => {
    const priced = defineTable('priced', { id: id(), size: integer() }, (t) => [
      check('priced_size_length', gte(t.size, 0)),
    ]);
    const refused = sqliteError('SQLITE_CONSTRAINT_CHECK', 'CHECK constraint failed: priced_size_length');
    expect(mapOrFail(refused, { tables: [priced] })).toMatchObject({
      kind: 'check_violation',
      table: 'priced',
      columns: ['size'],
    });
    // Without the schema, the name decides (Strata reserves `<table>_<column>_length`).
    expect(mapOrFail(refused, { table: 'priced' })).toMatchObject({ kind: 'value_too_long', columns: ['size'] });
    // The constraint's table wins over a context table that does not have it.
    expect(mapOrFail(refused, { table: 'other', tables: [priced] })).toMatchObject({ table: 'priced' });
  });

  test('foreign key on delete: PostgreSQL names the referencing table, the error the refused one', () => {
    const error = postgresJsError({
      message:
        'update or delete on table "account" violates foreign key constraint "project_owner_id_account_id_fk" on table "project"',
      code: '23503',
      table_name: 'project',
      constraint_name: 'project_owner_id_account_id_fk',
      detail: `Key (id)=(${SECRET}) is still referenced from table "project".`,
    });
    for (const context of [{}, { table: 'account' }]) {
      expect(summarize(mapOrFail(error, context))).toEqual({
        kind: 'foreign_key_violation',
        table: 'account',
        columns: ['id'],
        constraint: 'project_owner_id_account_id_fk',
        detail: 'Key (id) is still referenced from table "project".',
      });
    }
  });

  test('client errors: refused (also as an AggregateError), ended, closed drivers', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 5999,
    });
    expect(mapOrFail(refused).message).toBe('connection error; connection refused (127.0.0.1:5999)');
    const aggregate = new AggregateError([refused, Object.assign(new Error('::1'), { code: 'ECONNREFUSED' })], '');
    expect(mapOrFail(aggregate)).toMatchObject({ kind: 'connection', engineCode: 'ECONNREFUSED', transient: true });
    const ended = Object.assign(new Error('write CONNECTION_ENDED 127.0.0.1:5432'), {
      code: 'CONNECTION_ENDED',
      address: ['127.0.0.1'],
      port: [5432],
    });
    expect(mapOrFail(ended)).toMatchObject({ kind: 'closed', transient: false });
    expect(mapOrFail(drizzleWrapped(new Error('PGlite is closed')))).toMatchObject({ kind: 'closed' });
    expect(mapOrFail(new TypeError('The database connection is not open'))).toMatchObject({ kind: 'closed' });
    expect(mapOrFail(new TypeError('Cannot open database because the directory does not exist'))).toMatchObject({
      kind: 'connection',
      transient: false,
    });
  });
});

describe('parseKeyDetail', () => {
  test.each([
    ['Key (email)=(a@b.c) already exists.', ['email'], 'exists', undefined],
    ['Key (collection_id, "position")=(x, 1) already exists.', ['collection_id', 'position'], 'exists', undefined],
    ['Key ("we""ird, name", b)=(1, 2) already exists.', ['we"ird, name', 'b'], 'exists', undefined],
    [
      'Key (lower((email)::text), tenant)=(x, 1) already exists.',
      ['lower((email)::text)', 'tenant'],
      'exists',
      undefined,
    ],
    ['Key (a)=(x) already exists.) already exists.', ['a'], 'exists', undefined],
    ['Key (owner_id)=(1) is not present in table "account".', ['owner_id'], 'missing', 'account'],
    ['Key (id)=(1) is still referenced from table "project".', ['id'], 'referenced', 'project'],
    ['Key (id)=(1) is referenced from table "pro""ject".', ['id'], 'referenced', 'pro"ject'],
    ['Key (id)=() is not present in table "x") is not present in table "y".', ['id'], 'missing', 'y'],
  ] as const)('%s', (detail, columns, outcome, otherTable) => {
    expect(parseKeyDetail(detail)).toEqual({ columns, outcome, otherTable });
  });

  test.each([undefined, '', 'Failing row contains (1, 2).', 'Schlüssel (a)=(1) existiert bereits.', 'Key (a'])(
    'other shapes: %s',
    (detail) => {
      expect(parseKeyDetail(detail)).toBeUndefined();
    },
  );
});

describe('safeMessage', () => {
  test.each([
    ['invalid input syntax for type uuid: "secret"', true, 'invalid input syntax for type uuid'],
    ['value "1099511627777" is out of range for type integer', true, 'value … is out of range for type integer'],
    ['invalid byte sequence for encoding "UTF8": 0x00', true, 'invalid byte sequence for encoding …'],
    ["syntax error at or near 'secret'", false, 'syntax error at or near …'],
    ['first line\nsecond line with "secret"', false, 'first line'],
    ['', false, undefined],
  ] as const)('%s', (message, cut, expected) => {
    expect(safeMessage(message, cut)).toBe(expected);
  });
});

describe('DatabaseError helpers (core)', () => {
  const unique = () =>
    mapOrFail(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: user.email'), { tables: [user] });

  test('look through cause chains', () => {
    const wrapped = new Error('saving the user failed', { cause: new Error('inner', { cause: unique() }) });
    expect(isDatabaseError(wrapped)).toBe(false);
    expect(findDatabaseError(wrapped)?.kind).toBe('unique_violation');
    expect(isUniqueViolation(wrapped)).toBe(true);
    expect(isForeignKeyViolation(wrapped)).toBe(false);
    expect(isNotNullViolation(wrapped)).toBe(false);
    expect(isCheckViolation(wrapped)).toBe(false);
    expect(getConstraintName(wrapped)).toBe('user_email_key');
    expect(getErrorDetail(wrapped)).toBe('Key (email) already exists.');
    for (const value of [undefined, null, 'x', 1, {}, new Error('plain')]) {
      expect(isUniqueViolation(value)).toBe(false);
      expect(getConstraintName(value)).toBeUndefined();
    }
  });

  test('recognise a DatabaseError from another copy of the package by its brand', () => {
    const foreign = Object.assign(new Error('unique violation'), {
      [Symbol.for('strata.databaseError')]: true,
      kind: 'unique_violation',
      constraint: 'user_email_key',
    });
    expect(isDatabaseError(foreign)).toBe(true);
    expect(isUniqueViolation(foreign)).toBe(true);
    expect(getConstraintName(foreign)).toBe('user_email_key');
  });

  test('is a StrataError with code DATABASE_ERROR; toJSON leaves the cause out', () => {
    const error = mapOrFail(
      drizzleWrapped(
        postgresJsError({
          code: '23505',
          table_name: 'user',
          constraint_name: 'user_email_key',
          detail: `Key (email)=(${SECRET}) already exists.`,
        }),
      ),
    );
    expect(error).toBeInstanceOf(StrataError);
    expect(error.code).toBe('DATABASE_ERROR');
    expect(error.engineCode).toBe('23505');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'DatabaseError',
      code: 'DATABASE_ERROR',
      kind: 'unique_violation',
      message: 'unique violation on table "user" (email): constraint user_email_key',
      table: 'user',
      columns: ['email'],
      constraint: 'user_email_key',
      detail: 'Key (email) already exists.',
      engineCode: '23505',
      transient: false,
    });
    expect(Object.isFrozen(error.columns)).toBe(true);
  });
});
