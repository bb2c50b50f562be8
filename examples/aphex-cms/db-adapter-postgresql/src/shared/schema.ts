// The complete CMS schema, once for every engine: content tables (prefixed `cms_`), Better Auth's
// tables and the CMS user profiles. Named exports, so `import * as cmsSchema` is a Strata schema
// module for `createDatabase`, for `createAuth` and for `strata generate`.
import {
  ASSET_TYPES,
  DOCUMENT_STATUSES,
  type DocumentData,
  type JsonValue,
  SCHEMA_KINDS,
  type SchemaType,
} from '@aphex/cms-core';
import { authSchema, defineUserProfiles } from '@strata/auth';
import {
  defineNaming,
  enumeration,
  id,
  index,
  integer,
  json,
  text,
  timestamp,
  timestamps,
  varchar,
} from '@strata/core';

const cms = defineNaming({ tablePrefix: 'cms_' });

export const documents = cms.table(
  'documents',
  {
    id: id(),
    type: varchar(100).notNull(),
    status: enumeration(DOCUMENT_STATUSES).notNull().default('draft'),
    draftData: json<DocumentData>(),
    publishedData: json<DocumentData>(),
    publishedHash: varchar(20),
    createdBy: text(),
    updatedBy: text(),
    publishedAt: timestamp(),
    ...timestamps(),
  },
  // The studio lists a type's documents by last change.
  (t) => [index().on(t.type, t.updatedAt)],
);

export const assets = cms.table(
  'assets',
  {
    id: id(),
    assetType: enumeration(ASSET_TYPES).notNull(),
    filename: varchar(255).notNull(),
    originalFilename: varchar(255).notNull(),
    mimeType: varchar(100).notNull(),
    size: integer().notNull(),
    url: text().notNull(),
    path: text().notNull(),
    storageAdapter: varchar(50).notNull().default('local'),
    width: integer(),
    height: integer(),
    metadata: json<{ [key: string]: JsonValue }>(),
    title: varchar(255),
    description: text(),
    alt: text(),
    creditLine: text(),
    createdBy: text(),
    ...timestamps(),
  },
  (t) => [index().on(t.assetType, t.createdAt)],
);

export const schemaTypes = cms.table('schema_types', {
  id: id(),
  name: varchar(100).notNull().unique(),
  title: varchar(200).notNull(),
  type: enumeration(SCHEMA_KINDS).notNull(),
  description: text(),
  schema: json<SchemaType>().notNull(),
  ...timestamps(),
});

export const { user, session, account, verification, apikey, userRelations, sessionRelations, accountRelations } =
  authSchema;

// The naming rule above does not reach tables built by @strata/auth: the prefix is repeated here.
export const { userProfiles, userProfilesRelations } = defineUserProfiles(user, { tableName: 'cms_user_profiles' });
