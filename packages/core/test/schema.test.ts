import {
  type AnyColumn,
  and,
  bigint,
  boolean,
  type ColumnMap,
  type ColumnOf,
  check,
  collectSchema,
  DatabaseClosedError,
  date,
  defineNaming,
  defineRelations,
  defineTable,
  double,
  enumeration,
  eq,
  generateId,
  getTableInfo,
  gt,
  gte,
  id,
  index,
  inList,
  integer,
  isNotNull,
  isNull,
  isRelations,
  isStrataError,
  isTable,
  json,
  lt,
  lte,
  ne,
  not,
  notInList,
  or,
  primaryKey,
  real,
  SchemaError,
  StrataError,
  softDelete,
  text,
  timestamp,
  timestamps,
  toSnakeCase,
  uniqueIndex,
  uuid,
  valueProblem,
  varchar,
} from '@strata/core';
import { describe, expect, expectTypeOf, it } from 'vitest';

/** The annotation a self-reference needs, so that TypeScript can infer the table's type. */
type UuidColumn = ColumnOf<string, 'id'>;

/** Runs `fn`, which must throw a `SchemaError`, and returns that error. */
function schemaErrorOf(fn: () => unknown): SchemaError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a SchemaError to be thrown').toBeInstanceOf(SchemaError);
  return thrown as SchemaError;
}

/** Asserts that `fn` throws a `SchemaError` at the given place, with a message matching `message`. */
function expectSchemaError(
  fn: () => unknown,
  table: string | undefined,
  column: string | undefined,
  message: RegExp,
): SchemaError {
  const error = schemaErrorOf(fn);
  expect(error).toBeInstanceOf(StrataError);
  expect(error.name).toBe('SchemaError');
  expect(error.code).toBe('SCHEMA_INVALID');
  expect(error.table).toBe(table);
  expect(error.column).toBe(column);
  expect(error.message).toMatch(message);
  const place = [table && `table "${table}"`, column && `column "${column}"`].filter(Boolean).join(', ');
  if (place) expect(error.message.startsWith(`${place}: `)).toBe(true);
  expect(isStrataError(error)).toBe(true);
  return error;
}

/** A table with one column under test, besides an `id()` primary key. */
function tableWith(column: AnyColumn, name = 'probe'): void {
  defineTable(name, { id: id(), value: column });
}

function sqlNames(columns: ColumnMap): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, column.placement?.sqlName]));
}

describe('toSnakeCase', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['userID', 'user_id'],
    ['collectionSettings', 'collection_settings'],
    ['HTMLParser', 'html_parser'],
    ['getHTTPResponse', 'get_http_response'],
    ['PascalCase', 'pascal_case'],
    ['address1Line', 'address1_line'],
    ['id', 'id'],
    ['ID', 'id'],
    ['already_snake', 'already_snake'],
  ])('%s -> %s', (input, expected) => {
    expect(toSnakeCase(input)).toBe(expected);
  });
});

describe('SQL naming of tables and columns', () => {
  it('derives snake_case SQL column names from the keys', () => {
    const user = defineTable('user', {
      id: id(),
      createdAt: timestamp(),
      userID: text(),
      collectionSettings: json<{ a: number }>(),
      name: text(),
    });
    expect(sqlNames(getTableInfo(user).columns)).toEqual({
      id: 'id',
      createdAt: 'created_at',
      userID: 'user_id',
      collectionSettings: 'collection_settings',
      name: 'name',
    });
  });

  it('uses the name given to .named() as is, without snake-casing it', () => {
    const user = defineTable('user', {
      id: id(),
      emailAddress: text().named('email'),
      displayName: text().named('DisplayName'),
    });
    expect(user.emailAddress.placement?.sqlName).toBe('email');
    expect(user.emailAddress.config.sqlName).toBe('email');
    expect(user.displayName.placement?.sqlName).toBe('DisplayName');
  });

  it('keeps the table name exactly as given by defineTable', () => {
    const table = defineTable('blogPost', { id: id() });
    expect(getTableInfo(table).name).toBe('blogPost');
  });

  it('prefixes table names with defineNaming({ tablePrefix })', () => {
    const cms = defineNaming({ tablePrefix: 'cms_' });
    const documents = cms.table('documents', { id: id(), createdAt: timestamp() });
    const info = getTableInfo(documents);
    expect(info.name).toBe('cms_documents');
    expectTypeOf(info.name).toEqualTypeOf<'cms_documents'>();
    // The prefix applies to tables only; columns keep the default snake_case rule.
    expect(documents.createdAt.placement?.sqlName).toBe('created_at');
  });

  it("keeps keys as written with columnCase: 'preserve', while .named() still overrides", () => {
    const raw = defineNaming({ columnCase: 'preserve' });
    const events = raw.table('events', {
      id: id(),
      createdAt: timestamp(),
      userID: text(),
      payloadJson: json<unknown>().named('payload'),
    });
    expect(getTableInfo(events).name).toBe('events');
    expect(sqlNames(getTableInfo(events).columns)).toEqual({
      id: 'id',
      createdAt: 'createdAt',
      userID: 'userID',
      payloadJson: 'payload',
    });
  });

  it("uses snake_case with columnCase: 'snake' and combines with a prefix", () => {
    const app = defineNaming({ tablePrefix: 'app_', columnCase: 'snake' });
    const settings = app.table('settings', { id: id(), collectionSettings: json<unknown>() }, (t) => [
      index().on(t.collectionSettings),
    ]);
    const info = getTableInfo(settings);
    expect(info.name).toBe('app_settings');
    expect(settings.collectionSettings.placement?.sqlName).toBe('collection_settings');
    expect(info.extras[0]?.name).toBe('app_settings_collection_settings_idx');
  });
});

describe('column factories', () => {
  it('id() is a not-null primary key with a client-generated default', () => {
    const config = id().config;
    expect(config.kind).toBe('id');
    expect(config.notNull).toBe(true);
    expect(config.primaryKey).toBe(true);
    expect(config.default).toEqual({ type: 'generatedId' });
  });

  it.each([
    ['uuid', uuid()],
    ['text', text()],
    ['integer', integer()],
    ['bigint', bigint()],
    ['double', double()],
    ['boolean', boolean()],
    ['timestamp', timestamp()],
    ['date', date()],
    ['json', json<unknown>()],
  ] as const)('%s() starts nullable, without default, key or constraint', (kind, column) => {
    expect(column.config).toEqual({
      kind,
      sqlName: undefined,
      notNull: false,
      primaryKey: false,
      unique: false,
      default: undefined,
      onUpdateNow: false,
      references: undefined,
      length: undefined,
      enumValues: undefined,
      softDeleteMarker: false,
    });
    expect(column.placement).toBeUndefined();
  });

  it('real() is the same 8-byte kind as double()', () => {
    expect(real).toBe(double);
    expect(real().config.kind).toBe('double');
  });

  it('varchar(n) records its length', () => {
    expect(varchar(120).config).toMatchObject({ kind: 'varchar', length: 120 });
  });

  it('enumeration() copies its values', () => {
    const values: [string, ...string[]] = ['draft', 'published'];
    const status = enumeration(values);
    values.push('archived');
    expect(status.config.kind).toBe('enum');
    expect(status.config.enumValues).toEqual(['draft', 'published']);
  });
});

describe('modifiers', () => {
  it('notNull() returns a new column and leaves the original unchanged', () => {
    const original = text();
    const before = { ...original.config };
    const required = original.notNull();
    expect(required).not.toBe(original);
    expect(required.config.notNull).toBe(true);
    expect(original.config.notNull).toBe(false);
    expect(original.config).toEqual(before);
  });

  it('no modifier changes the column it is called on', () => {
    const base = timestamp();
    const before = { ...base.config };
    const results = [
      base.notNull(),
      base.primaryKey(),
      base.unique(),
      base.unique('named_key'),
      base.default(new Date(0)),
      base.defaultNow(),
      base.onUpdateNow(),
      base.named('at'),
      base.$type<Date>(),
      base.references(() => timestamp()),
    ];
    expect(base.config).toEqual(before);
    for (const result of results) {
      expect(result).not.toBe(base);
      expect(result.placement).toBeUndefined();
    }
    const token = uuid();
    const tokenBefore = { ...token.config };
    expect(token.defaultRandom().config.default).toEqual({ type: 'random' });
    expect(token.config).toEqual(tokenBefore);
  });

  it('each modifier sets its part of the config', () => {
    expect(integer().primaryKey().config).toMatchObject({ primaryKey: true, notNull: true });
    expect(text().unique().config.unique).toEqual({ name: undefined });
    expect(text().unique('user_email_unique').config.unique).toEqual({ name: 'user_email_unique' });
    expect(integer().default(0).config.default).toEqual({ type: 'value', value: 0 });
    expect(timestamp().defaultNow().config.default).toEqual({ type: 'now' });
    expect(uuid().defaultRandom().config.default).toEqual({ type: 'random' });
    expect(timestamp().onUpdateNow().config).toMatchObject({ onUpdateNow: true, default: { type: 'now' } });
    expect(text().named('email').config.sqlName).toBe('email');
  });

  it('$type() changes only the type: the config is equal, the column is new', () => {
    const base = text().notNull();
    const branded = base.$type<'a' | 'b'>();
    expect(branded).not.toBe(base);
    expect(branded.config).toEqual(base.config);
  });

  it('references() stores a lazy target and the referential actions', () => {
    const author = defineTable('author', { id: id() });
    const authorId = uuid()
      .notNull()
      .references(() => author.id, { onDelete: 'cascade' });
    const reference = authorId.config.references;
    expect(reference?.target()).toBe(author.id);
    expect(reference?.onDelete).toBe('cascade');
    expect(reference?.onUpdate).toBeUndefined();
    const plain = uuid().references(() => author.id);
    expect(plain.config.references).toMatchObject({ onDelete: undefined, onUpdate: undefined });
  });

  it('chained modifiers accumulate', () => {
    const column = varchar(40).notNull().unique().default('x').named('handle');
    expect(column.config).toMatchObject({
      kind: 'varchar',
      length: 40,
      notNull: true,
      unique: { name: undefined },
      default: { type: 'value', value: 'x' },
      sqlName: 'handle',
    });
  });

  it('a modifier on a placed column gives an unplaced copy', () => {
    const post = defineTable('post', { id: id(), title: text() });
    const copy = post.title.notNull();
    expect(post.title.placement?.key).toBe('title');
    expect(copy.placement).toBeUndefined();
    expect(post.title.config.notNull).toBe(false);
  });
});

describe('getTableInfo and placed columns', () => {
  const collection = defineTable('collection', { id: id(), name: text().notNull() });
  const entry = defineTable(
    'entry',
    {
      id: id(),
      collectionId: uuid()
        .notNull()
        .references(() => collection.id, { onDelete: 'cascade' }),
      slug: varchar(120).notNull(),
      title: text().notNull(),
      rating: integer(),
      ...timestamps(),
    },
    (t) => [
      index().on(t.collectionId, t.createdAt),
      uniqueIndex().on(t.collectionId, t.slug),
      index('entry_by_title').on(t.title),
      uniqueIndex('entry_slug_unique').on(t.slug),
      check('rating_range', and(gte(t.rating, 0), lte(t.rating, 5))),
    ],
  );

  it('gives the name and the columns keyed by JS name', () => {
    const info = getTableInfo(entry);
    expect(info.name).toBe('entry');
    expect(Object.keys(info.columns)).toEqual([
      'id',
      'collectionId',
      'slug',
      'title',
      'rating',
      'createdAt',
      'updatedAt',
    ]);
    expect(info.softDeleteKey).toBeUndefined();
  });

  it('places every column: table, key and SQL name', () => {
    const info = getTableInfo(entry);
    for (const [key, column] of Object.entries(info.columns)) {
      expect(column.placement?.table).toBe(entry);
      expect(column.placement?.key).toBe(key);
      expect(column.placement?.sqlName).toBe(toSnakeCase(key));
    }
  });

  it('exposes the placed columns as enumerable table properties', () => {
    const info = getTableInfo(entry);
    expect(Object.keys(entry)).toEqual(Object.keys(info.columns));
    expect(entry.title).toBe(info.columns.title);
    expect(entry.collectionId).toBe(info.columns.collectionId);
    expect(entry.title.config.notNull).toBe(true);
  });

  it('places a copy and leaves the column given to defineTable unplaced', () => {
    const title = text().notNull();
    const page = defineTable('page', { id: id(), title });
    expect(title.placement).toBeUndefined();
    expect(page.title).not.toBe(title);
    expect(page.title.config).toEqual(title.config);
    expect(page.title.placement?.key).toBe('title');
  });

  it('resolves derived extra names from SQL column names, and keeps explicit names', () => {
    const extras = getTableInfo(entry).extras;
    expect(extras.map((extra) => extra.name)).toEqual([
      'entry_collection_id_created_at_idx',
      'entry_collection_id_slug_key',
      'entry_by_title',
      'entry_slug_unique',
      'rating_range',
    ]);
  });

  it('keeps the kind, uniqueness and the placed columns of each extra', () => {
    const [byCollection, uniqueSlug] = getTableInfo(entry).extras;
    expect(byCollection).toMatchObject({ kind: 'index', unique: false });
    expect(uniqueSlug).toMatchObject({ kind: 'index', unique: true });
    if (byCollection?.kind !== 'index' || uniqueSlug?.kind !== 'index') throw new Error('expected indexes');
    expect(byCollection.columns).toEqual([entry.collectionId, entry.createdAt]);
    expect(byCollection.columns[0]).toBe(entry.collectionId);
    expect(uniqueSlug.columns[1]).toBe(entry.slug);
  });

  it('keeps a check condition built from the placed columns', () => {
    const rangeCheck = getTableInfo(entry).extras[4];
    expect(rangeCheck?.kind).toBe('check');
    if (rangeCheck?.kind !== 'check') throw new Error('expected a check');
    expect(rangeCheck.condition).toEqual({
      op: 'and',
      conditions: [
        { op: 'gte', column: entry.rating, value: 0 },
        { op: 'lte', column: entry.rating, value: 5 },
      ],
    });
  });

  it('names a composite primary key <table>_<columns>_pkey', () => {
    const tagging = defineTable(
      'tagging',
      { postId: uuid().notNull(), tagId: uuid().notNull(), addedAt: timestamp() },
      (t) => [primaryKey(t.postId, t.tagId)],
    );
    const [key] = getTableInfo(tagging).extras;
    expect(key?.kind).toBe('primaryKey');
    expect(key?.name).toBe('tagging_post_id_tag_id_pkey');
    if (key?.kind !== 'primaryKey') throw new Error('expected a primary key');
    expect(key.columns).toEqual([tagging.postId, tagging.tagId]);
  });

  it('derives extra names from the preserved or named SQL names', () => {
    const raw = defineNaming({ tablePrefix: 'raw_', columnCase: 'preserve' });
    const log = raw.table('log', { id: id(), loggedAt: timestamp(), userKey: text().named('user') }, (t) => [
      index().on(t.loggedAt),
      uniqueIndex().on(t.userKey, t.loggedAt),
    ]);
    expect(getTableInfo(log).extras.map((extra) => extra.name)).toEqual([
      'raw_log_loggedAt_idx',
      'raw_log_user_loggedAt_key',
    ]);
  });

  it('has no extras when none are given', () => {
    expect(getTableInfo(collection).extras).toEqual([]);
  });

  it('sets softDeleteKey from softDelete()', () => {
    const content = defineTable('content', { id: id(), body: text(), ...softDelete() });
    const info = getTableInfo(content);
    expect(info.softDeleteKey).toBe('deletedAt');
    expect(content.deletedAt.placement?.sqlName).toBe('deleted_at');
    expect(content.deletedAt.config.softDeleteMarker).toBe(true);
  });

  it('sets softDeleteKey to the key the soft-delete column is given', () => {
    const archive = defineTable('archive', { id: id(), removedAt: softDelete().deletedAt });
    expect(getTableInfo(archive).softDeleteKey).toBe('removedAt');
  });

  it('isTable recognises tables only', () => {
    expect(isTable(entry)).toBe(true);
    expect(isTable(entry.title)).toBe(false);
    expect(isTable({ name: 'entry' })).toBe(false);
    expect(isTable(null)).toBe(false);
    expect(isTable('entry')).toBe(false);
  });
});

describe('conditions', () => {
  const product = defineTable('product', {
    id: id(),
    price: integer().notNull(),
    size: text(),
    note: text(),
  });

  it('comparison operators carry the column and the value', () => {
    expect(eq(product.price, 1)).toEqual({ op: 'eq', column: product.price, value: 1 });
    expect(ne(product.price, 2)).toEqual({ op: 'ne', column: product.price, value: 2 });
    expect(gt(product.price, 3)).toEqual({ op: 'gt', column: product.price, value: 3 });
    expect(gte(product.price, 4)).toEqual({ op: 'gte', column: product.price, value: 4 });
    expect(lt(product.price, 5)).toEqual({ op: 'lt', column: product.price, value: 5 });
    expect(lte(product.price, 6)).toEqual({ op: 'lte', column: product.price, value: 6 });
  });

  it('list and null operators carry their column and values', () => {
    expect(inList(product.size, ['s', 'm'])).toEqual({ op: 'in', column: product.size, values: ['s', 'm'] });
    expect(notInList(product.size, ['xl'])).toEqual({ op: 'notIn', column: product.size, values: ['xl'] });
    expect(isNull(product.note)).toEqual({ op: 'isNull', column: product.note });
    expect(isNotNull(product.note)).toEqual({ op: 'isNotNull', column: product.note });
  });

  it('combinators nest conditions', () => {
    const positive = gt(product.price, 0);
    const small = eq(product.size, 's');
    expect(and(positive, small)).toEqual({ op: 'and', conditions: [positive, small] });
    expect(or(positive, small)).toEqual({ op: 'or', conditions: [positive, small] });
    expect(not(positive)).toEqual({ op: 'not', condition: positive });
    expect(not(or(isNull(product.size), and(positive, small)))).toEqual({
      op: 'not',
      condition: {
        op: 'or',
        conditions: [
          { op: 'isNull', column: product.size },
          { op: 'and', conditions: [positive, small] },
        ],
      },
    });
  });
});

describe('mixins', () => {
  it('timestamps() gives createdAt and updatedAt: not null, default now, updatedAt refreshed on update', () => {
    const { createdAt, updatedAt } = timestamps();
    expect(createdAt.config).toMatchObject({
      kind: 'timestamp',
      notNull: true,
      default: { type: 'now' },
      onUpdateNow: false,
      softDeleteMarker: false,
    });
    expect(updatedAt.config).toMatchObject({
      kind: 'timestamp',
      notNull: true,
      default: { type: 'now' },
      onUpdateNow: true,
      softDeleteMarker: false,
    });
    expect(Object.keys(timestamps())).toEqual(['createdAt', 'updatedAt']);
  });

  it('each timestamps() call gives fresh, unplaced columns', () => {
    const first = timestamps();
    const second = timestamps();
    expect(first.createdAt).not.toBe(second.createdAt);
    expect(first.updatedAt).not.toBe(second.updatedAt);
    expect(first.createdAt.placement).toBeUndefined();
  });

  it('the same mixin can be spread into several tables, each gets its own columns', () => {
    const post = defineTable('post', { id: id(), ...timestamps() });
    const comment = defineTable('comment', { id: id(), ...timestamps() });
    expect(post.createdAt).not.toBe(comment.createdAt);
    expect(post.createdAt.placement?.table).toBe(post);
    expect(comment.createdAt.placement?.table).toBe(comment);
    expect(comment.updatedAt.placement?.sqlName).toBe('updated_at');
  });

  it('softDelete() gives a nullable deletedAt timestamp marked for soft deletes', () => {
    const { deletedAt } = softDelete();
    expect(deletedAt.config).toMatchObject({
      kind: 'timestamp',
      notNull: false,
      default: undefined,
      softDeleteMarker: true,
    });
    expect(softDelete().deletedAt).not.toBe(deletedAt);
  });

  it('an unplaced column definition may be shared: each table places its own copy', () => {
    const shared = text().notNull();
    const a = defineTable('a', { id: id(), label: shared });
    const b = defineTable('b', { id: id(), label: shared });
    expect(a.label.placement?.table).toBe(a);
    expect(b.label.placement?.table).toBe(b);
    expect(a.label).not.toBe(b.label);
  });

  it('rejects a column instance already placed in another table, naming the table and the column', () => {
    const post = defineTable('post', { id: id(), ...timestamps() });
    expectSchemaError(
      () => defineTable('comment', { id: id(), createdAt: post.createdAt }),
      'comment',
      'createdAt',
      /is already a column of table "post"/,
    );
    expectSchemaError(
      () => defineTable('audit', { id: id(), when: post.updatedAt }),
      'audit',
      'when',
      /already a column of table "post"; define a new column or spread a mixin/,
    );
  });
});

describe('SchemaError: wrong default values', () => {
  // Every case bypasses the types where needed: these are runtime checks for untyped callers.
  const cycle: Record<string, unknown> = { name: 'loop' };
  cycle.self = cycle;

  it.each<[string, AnyColumn, RegExp]>([
    ['integer 1.5', integer().default(1.5), /default expects a 32-bit integer, got a number \(1\.5\)/],
    ['integer NaN', integer().default(Number.NaN), /default expects a 32-bit integer, got NaN/],
    ['integer 2**31', integer().default(2 ** 31), /32-bit integer, got a number \(2147483648\)/],
    ['integer -(2**31) - 1', integer().default(-(2 ** 31) - 1), /32-bit integer, got a number \(-2147483649\)/],
    ['integer as string', integer().default('1' as never), /32-bit integer, got a string/],
    ['bigint as number', bigint().default(1 as never), /default expects a 64-bit bigint, got a number/],
    ['bigint 2n**63n', bigint().default(2n ** 63n), /default expects a 64-bit bigint, got a bigint/],
    ['bigint below -(2n**63n)', bigint().default(-(2n ** 63n) - 1n), /64-bit bigint/],
    ['double Infinity', double().default(Number.POSITIVE_INFINITY), /default expects a finite number, got Infinity/],
    ['double NaN', double().default(Number.NaN), /finite number, got NaN/],
    ['real -Infinity', real().default(Number.NEGATIVE_INFINITY), /finite number, got -Infinity/],
    [
      'timestamp invalid Date',
      timestamp().default(new Date('nope')),
      /default expects a valid Date, got an invalid Date/,
    ],
    ['timestamp as string', timestamp().default('2024-01-01' as never), /valid Date, got a string/],
    ['date 2024-13-45', date().default('2024-13-45'), /default expects a 'YYYY-MM-DD' string, got a string/],
    ['date not a date', date().default('not a date'), /'YYYY-MM-DD' string/],
    ['date without padding', date().default('2024-1-5'), /'YYYY-MM-DD' string/],
    ['date as Date', date().default(new Date() as never), /'YYYY-MM-DD' string, got a Date/],
    [
      'enum value not in list',
      enumeration(['draft', 'published']).default('archived' as never),
      /default expects one of 'draft', 'published', got 'archived'/,
    ],
    ['enum as number', enumeration(['a']).default(1 as never), /expects one of 'a', got a number/],
    ['varchar too long', varchar(3).default('abcd'), /default expects at most 3 characters/],
    ['varchar as number', varchar(3).default(7 as never), /expects a string, got a number/],
    ['uuid not a uuid', uuid().default('not-a-uuid'), /default expects a UUID string, got a string/],
    ['id not a uuid', id().default('42'), /expects a UUID string/],
    ['text as number', text().default(42 as never), /default expects a string, got a number/],
    ['text as array', text().default(['a'] as never), /expects a string, got an array/],
    ['text null', text().default(null as never), /expects a string, got null/],
    ['boolean as string', boolean().default('true' as never), /default expects a boolean, got a string/],
    ['json with a BigInt', json<{ n: bigint }>().default({ n: 1n }), /default expects JSON, got a bigint at \$\.n/],
    ['json with a cycle', json<unknown>().default(cycle), /default expects JSON, got a circular reference/],
    ['json function', json<unknown>().default((() => 1) as never), /expects JSON, got a function/],
  ])('rejects %s', (_label, column, message) => {
    expectSchemaError(() => tableWith(column), 'probe', 'value', message);
  });

  it('names the table and column in the message', () => {
    const error = expectSchemaError(
      () => defineTable('user', { id: id(), age: integer().default(1.5) }),
      'user',
      'age',
      /32-bit integer/,
    );
    expect(error.message).toBe('table "user", column "age": default expects a 32-bit integer, got a number (1.5)');
  });

  it('reports the table name with its prefix', () => {
    const cms = defineNaming({ tablePrefix: 'cms_' });
    expectSchemaError(
      () => cms.table('documents', { id: id(), views: integer().default(Number.NaN) }),
      'cms_documents',
      'views',
      /32-bit integer/,
    );
  });

  it.each<[string, AnyColumn]>([
    ['text', text().default('')],
    ['varchar at its length', varchar(3).default('abc')],
    ['varchar counting code points, not UTF-16 units', varchar(2).default('😀日')],
    ['integer 0', integer().default(0)],
    ['integer minimum', integer().default(-(2 ** 31))],
    ['integer maximum', integer().default(2 ** 31 - 1)],
    ['bigint beyond 2**53', bigint().default(2n ** 63n - 1n)],
    ['bigint minimum', bigint().default(-(2n ** 63n))],
    ['double', double().default(-1.5)],
    ['boolean false', boolean().default(false)],
    ['timestamp', timestamp().default(new Date(0))],
    ['date leap day', date().default('2024-02-29')],
    ['json document', json<{ a: number[]; b: null }>().default({ a: [1, 2], b: null })],
    ['json string', json<string>().default('x')],
    ['enum value', enumeration(['draft', 'published']).default('published')],
    ['uuid', uuid().default(generateId())],
    ['uuid upper case', uuid().default('0190A2B4-C5D6-7E8F-9A0B-1C2D3E4F5A6B')],
  ])('accepts a valid default: %s', (_label, column) => {
    expect(() => tableWith(column)).not.toThrow();
  });

  it('does not validate computed defaults as values', () => {
    expect(() =>
      defineTable('session', {
        id: id(),
        token: uuid().notNull().defaultRandom(),
        startedAt: timestamp().notNull().defaultNow(),
      }),
    ).not.toThrow();
  });

  it('valueProblem() explains a bad value and accepts a good one', () => {
    expect(valueProblem(integer().config, 3)).toBeUndefined();
    expect(valueProblem(integer().config, 3.5)).toBe('expects a 32-bit integer, got a number (3.5)');
    expect(valueProblem(varchar(2).config, 'abc')).toBe('expects at most 2 characters');
    expect(valueProblem(date().config, '2024-02-29')).toBeUndefined();
    expect(valueProblem(timestamp().config, new Date(Number.NaN))).toBe('expects a valid Date, got an invalid Date');
  });
});

describe('SchemaError: identifiers', () => {
  it('accepts a table name of exactly 63 bytes', () => {
    const name = 't'.repeat(63);
    expect(getTableInfo(defineTable(name, { id: id() })).name).toBe(name);
  });

  it('rejects a table name longer than 63 bytes', () => {
    const name = 't'.repeat(64);
    expectSchemaError(
      () => defineTable(name, { id: id() }),
      name,
      undefined,
      new RegExp(`table name "${name}" is longer than 63 bytes; PostgreSQL would truncate it`),
    );
  });

  it('counts multi-byte characters in bytes, not characters', () => {
    const accented = 'é'.repeat(32); // 32 characters, 64 bytes
    expect(accented.length).toBe(32);
    expectSchemaError(() => defineTable(accented, { id: id() }), accented, undefined, /longer than 63 bytes/);
    const fits = `${'é'.repeat(31)}a`; // 63 bytes
    expect(() => defineTable(fits, { id: id() })).not.toThrow();
  });

  it('rejects a table name pushed over the limit by the prefix', () => {
    const cms = defineNaming({ tablePrefix: 'cms_' });
    const name = 'd'.repeat(60);
    expectSchemaError(() => cms.table(name, { id: id() }), `cms_${name}`, undefined, /table name .* longer than 63/);
  });

  it('rejects an empty table name', () => {
    // The place is the empty name itself, so the message carries no `table "…"` prefix.
    const error = expectSchemaError(() => defineTable('', { id: id() }), '', undefined, /table name must not be empty/);
    expect(error.message).toBe('table name must not be empty');
  });

  it('rejects a column name longer than 63 bytes, derived from the key', () => {
    const key = 'c'.repeat(64);
    expectSchemaError(
      () => defineTable('wide', { id: id(), [key]: text() }),
      'wide',
      key,
      /column name "c+" is longer than 63 bytes/,
    );
  });

  it('checks the snake_case name, which is longer than the key', () => {
    const key = 'aB'.repeat(31); // 62 characters; snake_case adds 31 underscores
    expect(toSnakeCase(key)).toBe('a_b'.repeat(31));
    expectSchemaError(() => defineTable('wide', { id: id(), [key]: text() }), 'wide', key, /column name/);
  });

  it('rejects a multi-byte column name given with .named()', () => {
    expectSchemaError(
      () => defineTable('wide', { id: id(), label: text().named('ü'.repeat(32)) }),
      'wide',
      'label',
      /column name "ü+" is longer than 63 bytes/,
    );
  });

  it('rejects an empty column name given with .named()', () => {
    expectSchemaError(
      () => defineTable('wide', { id: id(), label: text().named('') }),
      'wide',
      'label',
      /column name must not be empty/,
    );
  });

  it('rejects an explicit index name longer than 63 bytes', () => {
    const name = 'i'.repeat(64);
    expectSchemaError(
      () => defineTable('post', { id: id(), title: text() }, (t) => [index(name).on(t.title)]),
      'post',
      undefined,
      /index name "i+" is longer than 63 bytes/,
    );
    expectSchemaError(
      () => defineTable('post', { id: id(), title: text() }, (t) => [uniqueIndex(name).on(t.title)]),
      'post',
      undefined,
      /index name "i+" is longer than 63 bytes/,
    );
  });

  it('rejects a derived index name longer than 63 bytes', () => {
    const table = 'a'.repeat(30);
    const key = 'b'.repeat(30); // a…a_b…b_idx: 65 bytes
    expectSchemaError(
      () => defineTable(table, { id: id(), [key]: text() }, (t) => [index().on(t[key]!)]),
      table,
      undefined,
      new RegExp(`constraint name "${table}_${key}_idx" is longer than 63 bytes`),
    );
  });

  it('rejects a derived composite primary key name longer than 63 bytes', () => {
    const table = 'link'.repeat(10);
    expectSchemaError(
      () =>
        defineTable(table, { leftSideId: uuid().notNull(), rightSideId: uuid().notNull() }, (t) => [
          primaryKey(t.leftSideId, t.rightSideId),
        ]),
      table,
      undefined,
      /constraint name ".*_left_side_id_right_side_id_pkey" is longer than 63 bytes/,
    );
  });

  it('rejects a check name longer than 63 bytes', () => {
    expectSchemaError(
      () => defineTable('product', { id: id(), price: integer() }, (t) => [check('k'.repeat(64), gt(t.price, 0))]),
      'product',
      undefined,
      /check name "k+" is longer than 63 bytes/,
    );
  });
});

describe('SchemaError: column structure', () => {
  it('rejects two keys mapping to the same snake_case SQL name', () => {
    expectSchemaError(
      () => defineTable('post', { id: id(), createdAt: timestamp(), created_at: timestamp() }),
      'post',
      'created_at',
      /SQL name "created_at" is used by two columns/,
    );
  });

  it('rejects a .named() column clashing with a derived name', () => {
    expectSchemaError(
      () => defineTable('post', { id: id(), title: text(), heading: text().named('title') }),
      'post',
      'heading',
      /SQL name "title" is used by two columns/,
    );
  });

  it("allows keys that differ only in case with columnCase: 'snake' when their SQL names differ", () => {
    const table = defineTable('t', { userId: text(), userid: text() });
    expect(sqlNames(getTableInfo(table).columns)).toEqual({ userId: 'user_id', userid: 'userid' });
  });

  it('rejects two columns marked primaryKey()', () => {
    const error = expectSchemaError(
      () => defineTable('product', { id: id(), code: varchar(8).primaryKey() }),
      'product',
      undefined,
      /columns id, code are each marked primaryKey\(\); use the primaryKey\(\.\.\.\) table extra/,
    );
    expect(error.column).toBeUndefined();
  });

  it('rejects a column primary key together with a composite primaryKey extra', () => {
    expectSchemaError(
      () =>
        defineTable('tagging', { id: id(), postId: uuid().notNull(), tagId: uuid().notNull() }, (t) => [
          primaryKey(t.postId, t.tagId),
        ]),
      'tagging',
      undefined,
      /has both a column marked primaryKey\(\) and a composite primaryKey\(\.\.\.\)/,
    );
  });

  it('rejects two soft-delete columns', () => {
    expectSchemaError(
      () => defineTable('content', { id: id(), ...softDelete(), removedAt: softDelete().deletedAt }),
      'content',
      'removedAt',
      /a table can have only one soft-delete column/,
    );
  });

  it('rejects undefined as a column value (a conditional key)', () => {
    const withBody = false as boolean;
    const columns = { id: id(), body: withBody ? text() : undefined };
    expectSchemaError(
      () => defineTable('post', columns as unknown as ColumnMap),
      'post',
      'body',
      /is not a column \(an optional or conditional key\?\); make it a nullable column instead/,
    );
  });

  it('rejects an optional key already in the types', () => {
    const columns: { id: ReturnType<typeof id>; body?: ReturnType<typeof text> } = { id: id(), body: undefined };
    // @ts-expect-error an optional key would turn every row type into never
    expect(() => defineTable('post', columns)).toThrow(SchemaError);
  });

  it('rejects values that are not columns', () => {
    expectSchemaError(
      () => defineTable('post', { id: id(), title: 'text' } as unknown as ColumnMap),
      'post',
      'title',
      /is not a column/,
    );
    expectSchemaError(
      () => defineTable('post', { id: id(), title: null } as unknown as ColumnMap),
      'post',
      'title',
      /is not a column/,
    );
  });

  it.each([
    ['0', 0],
    ['1.5', 1.5],
    ['-5', -5],
    ['NaN', Number.NaN],
  ])('rejects varchar(%s)', (label, length) => {
    expectSchemaError(
      () => defineTable('post', { id: id(), slug: varchar(length) }),
      'post',
      'slug',
      new RegExp(`varchar length must be a positive integer, got ${label}`),
    );
  });

  it('rejects enumeration([])', () => {
    expectSchemaError(
      () => defineTable('post', { id: id(), status: enumeration([] as unknown as [string]) }),
      'post',
      'status',
      /enumeration needs at least one value/,
    );
  });

  it('rejects duplicate enumeration values', () => {
    expectSchemaError(
      () => defineTable('post', { id: id(), status: enumeration(['draft', 'published', 'draft']) }),
      'post',
      'status',
      /enumeration values must be distinct/,
    );
  });

  it('rejects defaultNow() on a column that is not a timestamp', () => {
    const asTimestamp = text() as unknown as ReturnType<typeof timestamp>;
    expectSchemaError(
      () => defineTable('post', { id: id(), title: asTimestamp.defaultNow() }),
      'post',
      'title',
      /defaultNow\(\) applies to timestamps only/,
    );
    const day = date() as unknown as ReturnType<typeof timestamp>;
    expectSchemaError(
      () => defineTable('post', { id: id(), day: day.defaultNow() }),
      'post',
      'day',
      /defaultNow\(\) applies to timestamps only/,
    );
  });

  it('rejects onUpdateNow() on a column that is not a timestamp', () => {
    const asTimestamp = integer() as unknown as ReturnType<typeof timestamp>;
    expectSchemaError(
      () => defineTable('post', { id: id(), version: asTimestamp.onUpdateNow() }),
      'post',
      'version',
      /onUpdateNow\(\) applies to timestamps only/,
    );
  });

  it('rejects defaultRandom() on a column that is not a uuid', () => {
    const asUuid = text() as unknown as ReturnType<typeof uuid>;
    expectSchemaError(
      () => defineTable('post', { id: id(), token: asUuid.defaultRandom() }),
      'post',
      'token',
      /defaultRandom\(\) applies to uuids only/,
    );
    const key = id() as unknown as ReturnType<typeof uuid>;
    expectSchemaError(
      () => defineTable('post', { key: key.defaultRandom() }),
      'post',
      'key',
      /defaultRandom\(\) applies to uuids only/,
    );
  });
});

describe('SchemaError: extras', () => {
  const other = defineTable('other', { id: id(), code: text(), rank: integer() });

  it('rejects an index listing a column of another table', () => {
    expectSchemaError(
      () => defineTable('post', { id: id(), title: text() }, (t) => [index().on(t.title, other.code)]),
      'post',
      undefined,
      /index uses a column that is not one of this table's columns/,
    );
  });

  it('rejects a unique index listing a column of another table', () => {
    expectSchemaError(
      () => defineTable('post', { id: id(), title: text() }, () => [uniqueIndex('post_code_key').on(other.code)]),
      'post',
      undefined,
      /index uses a column that is not one of this table's columns/,
    );
  });

  it('rejects a composite primary key listing a column of another table', () => {
    expectSchemaError(
      () => defineTable('post', { code: text().notNull(), title: text() }, (t) => [primaryKey(t.code, other.code)]),
      'post',
      undefined,
      /primaryKey uses a column that is not one of this table's columns/,
    );
  });

  it('rejects a column of another table with the same name', () => {
    const first = defineTable('post', { id: id(), title: text() });
    expectSchemaError(
      () => defineTable('post', { id: id(), title: text() }, () => [index().on(first.title)]),
      'post',
      undefined,
      /index uses a column that is not one of this table's columns/,
    );
  });

  it('rejects a column that is in no table', () => {
    expectSchemaError(
      () => defineTable('post', { id: id(), title: text() }, () => [index().on(text())]),
      'post',
      undefined,
      /index uses a column that is not one of this table's columns/,
    );
  });
});

describe('collectSchema', () => {
  function blogSchema() {
    const author = defineTable('author', { id: id(), name: text().notNull() });
    const post = defineTable('post', {
      id: id(),
      authorId: uuid()
        .notNull()
        .references(() => author.id),
      parentId: uuid().references((): UuidColumn => post.id),
      title: text().notNull(),
    });
    const authorRelations = defineRelations(author, ({ many }) => ({ posts: many(post) }));
    const postRelations = defineRelations(post, ({ one }) => ({
      author: one(author, { fields: [post.authorId], references: [author.id] }),
    }));
    return { author, post, authorRelations, postRelations };
  }

  it('finds tables and relations by export name and ignores other exports', () => {
    const blog = blogSchema();
    const collected = collectSchema({
      ...blog,
      VERSION: 3,
      helper: () => 1,
      label: 'blog',
      nothing: null,
      missing: undefined,
      plain: { name: 'post' },
      aColumn: text(),
      aCondition: isNull(blog.post.parentId),
    });
    expect([...collected.tables.keys()]).toEqual(['author', 'post']);
    expect(collected.tables.get('author')).toBe(blog.author);
    expect(collected.tables.get('post')).toBe(blog.post);
    expect([...collected.relations.keys()]).toEqual(['authorRelations', 'postRelations']);
    expect(collected.relations.get('postRelations')).toBe(blog.postRelations);
  });

  it('accepts an empty module', () => {
    const collected = collectSchema({});
    expect(collected.tables.size).toBe(0);
    expect(collected.relations.size).toBe(0);
  });

  it('defineRelations builds the declared relations lazily', () => {
    const { author, post, authorRelations, postRelations } = blogSchema();
    expect(isRelations(authorRelations)).toBe(true);
    expect(isRelations(author)).toBe(false);
    expect(isTable(authorRelations)).toBe(false);
    expect(authorRelations.table).toBe(author);
    expect(authorRelations.build()).toEqual({ posts: { kind: 'many', target: post, relationName: undefined } });
    const built = postRelations.build();
    expect(built.author).toMatchObject({ kind: 'one', target: author, relationName: undefined });
    expect(built.author.fields).toEqual([post.authorId]);
    expect(built.author.references).toEqual([author.id]);
  });

  it('accepts self references', () => {
    const { author, post } = blogSchema();
    const node = defineTable('node', { id: id(), parentId: uuid().references((): UuidColumn => node.id) });
    expect(node.parentId.config.references?.target()).toBe(node.id);
    expect([...collectSchema({ node, author, post }).tables.keys()]).toEqual(['node', 'author', 'post']);
  });

  it('rejects the same SQL table name exported twice', () => {
    const first = defineTable('post', { id: id() });
    const second = defineTable('post', { id: id(), title: text() });
    expectSchemaError(
      () => collectSchema({ first, second }),
      'post',
      undefined,
      /two tables are named "post" \(exports "first" and "second"\)/,
    );
  });

  it('compares SQL names after the prefix', () => {
    const cms = defineNaming({ tablePrefix: 'cms_' });
    const documents = cms.table('documents', { id: id() });
    const plainDocuments = defineTable('documents', { id: id() });
    const prefixedByHand = defineTable('cms_documents', { id: id() });
    expect(collectSchema({ documents, plainDocuments }).tables.size).toBe(2);
    expectSchemaError(
      () => collectSchema({ documents, prefixedByHand }),
      'cms_documents',
      undefined,
      /two tables are named "cms_documents" \(exports "documents" and "prefixedByHand"\)/,
    );
  });

  it('rejects a reference to a table the module does not export', () => {
    const { author, post } = blogSchema();
    const error = expectSchemaError(
      () => collectSchema({ post }),
      'post',
      'authorId',
      /references a column of a table that is not exported by this schema/,
    );
    expect(error.message).toMatch(/cannot cross databases/);
    expect(collectSchema({ author, post }).tables.size).toBe(2);
  });

  it('rejects relations declared for a table the module does not export', () => {
    const { author, post, postRelations } = blogSchema();
    const error = expectSchemaError(
      () => collectSchema({ author, postRelations }),
      'post',
      undefined,
      /relations "postRelations" are declared for a table that this schema does not export/,
    );
    expect(error.message).toContain('table "post": relations "postRelations"');
    expect(collectSchema({ author, post, postRelations }).relations.size).toBe(1);
  });
});

describe('generateId', () => {
  const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('returns a UUID version 7 with the RFC 4122 variant', () => {
    for (let i = 0; i < 50; i++) {
      const value = generateId();
      expect(value).toMatch(UUID_V7);
      expect(value[14]).toBe('7');
      expect('89ab').toContain(value[19]);
    }
  });

  it('starts with the current Unix time in milliseconds', () => {
    const before = Date.now();
    const value = generateId();
    const after = Date.now();
    const millis = Number.parseInt(value.replace(/-/g, '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(after + 1);
  });

  it('1000 consecutive ids are distinct and strictly increasing as strings', () => {
    const ids = Array.from({ length: 1000 }, () => generateId());
    expect(new Set(ids).size).toBe(1000);
    for (let i = 1; i < ids.length; i++) {
      expect(ids[i]! > ids[i - 1]!, `id ${i} sorts after id ${i - 1}`).toBe(true);
    }
  });
});

describe('errors', () => {
  it('isStrataError is true for a SchemaError and false for a plain Error', () => {
    expect(isStrataError(new SchemaError('bad'))).toBe(true);
    expect(isStrataError(new Error('bad'))).toBe(false);
    expect(isStrataError(new TypeError('bad'))).toBe(false);
  });

  it('isStrataError is false for non-errors, even carrying the brand', () => {
    expect(isStrataError(undefined)).toBe(false);
    expect(isStrataError('SCHEMA_INVALID')).toBe(false);
    expect(isStrataError({ code: 'SCHEMA_INVALID', [Symbol.for('strata.error')]: true })).toBe(false);
  });

  it('isStrataError recognises an error from another copy of the package by its brand', () => {
    const foreign = Object.assign(new Error('from another copy'), { [Symbol.for('strata.error')]: true });
    expect(isStrataError(foreign)).toBe(true);
  });

  it('isStrataError is true for every Strata error class', () => {
    const closed = new DatabaseClosedError('SQLite');
    expect(isStrataError(closed)).toBe(true);
    expect(closed.code).toBe('DATABASE_CLOSED');
    expect(closed.message).toMatch(/This SQLite database was closed/);
    expect(isStrataError(new StrataError('X', 'y'))).toBe(true);
  });

  it('SchemaError prefixes the message with the place it names', () => {
    const both = new SchemaError('bad default', { table: 'user', column: 'age' });
    expect(both.message).toBe('table "user", column "age": bad default');
    expect(both).toBeInstanceOf(Error);
    expect(both).toBeInstanceOf(StrataError);
    expect(new SchemaError('bad', { table: 'user' }).message).toBe('table "user": bad');
    const bare = new SchemaError('bad');
    expect(bare.message).toBe('bad');
    expect(bare.table).toBeUndefined();
    expect(bare.column).toBeUndefined();
    expect(bare.code).toBe('SCHEMA_INVALID');
  });
});

describe('schemas that would behave differently on some engine are rejected', () => {
  it('rejects impossible calendar dates that Date.parse would roll over', () => {
    for (const value of ['2024-02-30', '2023-02-29', '2024-04-31']) {
      expectSchemaError(() => tableWith(date().default(value)), 'probe', 'value', /expects a 'YYYY-MM-DD' string/);
    }
    expect(valueProblem(date().config, '2024-02-29')).toBeUndefined();
  });

  it('rejects JSON defaults that would not read back as written', () => {
    expectSchemaError(
      () => tableWith(json<unknown>().default({ n: Number.NaN })),
      'probe',
      'value',
      /got NaN at \$\.n/,
    );
    expectSchemaError(
      () => tableWith(json<unknown>().default({ when: new Date(0) })),
      'probe',
      'value',
      /got a Date \(Date\) at \$\.when/,
    );
    expectSchemaError(() => tableWith(json<unknown>().default([1, undefined])), 'probe', 'value', /at \$\[1\]/);
    expect(valueProblem(json<unknown>().config, { a: [1, 'x', null, { b: true }] })).toBeUndefined();
  });

  it('rejects column names that differ only in case (SQLite would see one column)', () => {
    expectSchemaError(
      () => defineNaming({ columnCase: 'preserve' }).table('t', { userId: text(), userid: text() }),
      't',
      'userid',
      /SQL name "userid" is used by two columns \(names are compared without case\)/,
    );
  });

  it('rejects two tables whose names differ only in case, but accepts one table exported twice', () => {
    const lower = defineTable('post', { id: id() });
    const upper = defineTable('Post', { id: id() });
    expectSchemaError(() => collectSchema({ lower, upper }), 'Post', undefined, /two tables are named "Post"/);
    expect([...collectSchema({ lower, alias: lower }).tables.keys()]).toEqual(['lower']);
  });

  it('rejects a table without columns', () => {
    expectSchemaError(() => defineTable('empty', {}), 'empty', undefined, /at least one column/);
  });

  it('rejects a check over a column of another table', () => {
    const other = defineTable('other', { id: id(), n: integer() });
    expectSchemaError(
      () => defineTable('t', { id: id(), n: integer() }, () => [check('c', gt(other.n, 0))]),
      't',
      undefined,
      /check uses a column that is not one of this table's columns/,
    );
  });

  it('rejects empty explicit names for indexes and checks', () => {
    expectSchemaError(
      () => defineTable('t', { id: id(), n: integer() }, (t) => [index('').on(t.n)]),
      't',
      undefined,
      /index name must not be empty/,
    );
    expectSchemaError(
      () => defineTable('t', { id: id(), n: integer() }, (t) => [check('', gt(t.n, 0))]),
      't',
      undefined,
      /check name must not be empty/,
    );
  });

  it('rejects two indexes or constraints with the same name in a table', () => {
    expectSchemaError(
      () => defineTable('t', { id: id(), n: integer() }, (t) => [index().on(t.n), index().on(t.n)]),
      't',
      undefined,
      /two indexes or constraints are both named "t_n_idx"/,
    );
    expectSchemaError(
      () => defineTable('t', { id: id(), email: text().unique() }, (t) => [uniqueIndex().on(t.email)]),
      't',
      undefined,
      /both named "t_email_key"/,
    );
  });

  it('rejects an index name used by two tables (index names are schema-wide)', () => {
    const a = defineTable('a', { id: id(), n: integer() }, (t) => [index('by_n').on(t.n)]);
    const b = defineTable('b', { id: id(), n: integer() }, (t) => [index('BY_N').on(t.n)]);
    expectSchemaError(() => collectSchema({ a, b }), 'b', undefined, /index "BY_N" is also an index of table "a"/);
  });

  it('checks implied constraint names against the 63-byte limit', () => {
    expectSchemaError(
      () => defineTable('t', { id: id(), email: text().unique('k'.repeat(64)) }),
      't',
      undefined,
      /constraint name "k{64}" is longer than 63 bytes/,
    );
  });

  it('rejects a foreign key between columns of different storage types', () => {
    const parent = defineTable('parent', { id: id() });
    const child = defineTable('child', { id: id(), parentId: text().references(() => parent.id as never) });
    expectSchemaError(
      () => collectSchema({ parent, child }),
      'child',
      'parentId',
      /is a text column referencing the id column "parent.id"; .* \(use uuid\(\)\)/,
    );
  });

  it('rejects relations whose target or fields are outside the schema', () => {
    const author = defineTable('author', { id: id() });
    const post = defineTable('post', { id: id(), authorId: uuid().notNull() });
    const stray = defineTable('stray', { id: id() });
    const toStray = defineRelations(post, ({ many }) => ({ strays: many(stray) }));
    expectSchemaError(() => collectSchema({ author, post, toStray }), 'post', undefined, /relation "strays" points at/);
    const backwards = defineRelations(post, ({ one }) => ({
      author: one(author, { fields: [author.id], references: [post.authorId] }),
    }));
    expectSchemaError(
      () => collectSchema({ author, post, backwards }),
      'post',
      undefined,
      /relation "author" needs as many fields/,
    );
  });

  it('onUpdateNow() alone also defaults to now, so raw SQL inserts get a value', () => {
    expect(timestamp().notNull().onUpdateNow().config.default).toEqual({ type: 'now' });
    expect(timestamp().default(new Date(0)).onUpdateNow().config.default).toEqual({
      type: 'value',
      value: new Date(0),
    });
  });
});
