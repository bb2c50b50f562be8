import type { SchemaAdapter, SchemaKind } from '@aphex/cms-core';
import type { CmsScope } from './database.js';

/**
 * Schema types on Strata's repository: registering is one upsert on the unique name.
 *
 * @example
 * ```ts
 * await schemaTypeAdapter(db).registerSchemaType({ name: 'post', title: 'Post', type: 'document', fields: [] });
 * ```
 */
export function schemaTypeAdapter(db: CmsScope): SchemaAdapter {
  const schemaTypes = db.repos.schemaTypes;
  const summaries = (type: SchemaKind) =>
    schemaTypes.findMany({ where: { type }, orderBy: { name: 'asc' }, select: ['name', 'title', 'description'] });
  return {
    async registerSchemaType(schema) {
      const fields = { title: schema.title, type: schema.type, description: schema.description ?? null, schema };
      await schemaTypes.upsert({ target: ['name'], create: { name: schema.name, ...fields }, update: fields });
    },
    getSchemaType: async (name) => (await schemaTypes.findBy('name', name))?.schema ?? null,
    listSchemas: async () => (await schemaTypes.findMany({ orderBy: { name: 'asc' } })).map((row) => row.schema),
    listDocumentTypes: () => summaries('document'),
    listObjectTypes: () => summaries('object'),
    async deleteSchemaType(name) {
      await schemaTypes.deleteMany({ name });
    },
  };
}
