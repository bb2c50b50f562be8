import { expect, test } from 'vitest';
import type { SchemaType } from '../types.js';
import type { SuiteContext } from './context.js';

const post: SchemaType = {
  name: 'post',
  title: 'Post',
  type: 'document',
  fields: [
    { name: 'title', type: 'string', title: 'Title' },
    { name: 'seo', type: 'seo' },
  ],
};
const seo: SchemaType = {
  name: 'seo',
  title: 'SEO',
  type: 'object',
  description: 'Search metadata',
  fields: [{ name: 'description', type: 'text' }],
};

/** Schema types: registered on start, replaced by name, listed by kind. */
export function defineSchemaTypeTests({ subject }: SuiteContext): void {
  test('registers schema types, and registering one again replaces it', async () => {
    const { adapter } = subject();
    await adapter.registerSchemaType(post);
    await adapter.registerSchemaType(seo);
    const renamed: SchemaType = { ...post, title: 'Blog post' };
    await adapter.registerSchemaType(renamed);
    expect(await adapter.getSchemaType('post')).toEqual(renamed);
    expect(await adapter.getSchemaType('seo')).toEqual(seo);
    expect((await adapter.listSchemas()).map((schema) => schema.name).sort()).toEqual(['post', 'seo']);
    expect(await adapter.listDocumentTypes()).toEqual([{ name: 'post', title: 'Blog post', description: null }]);
    expect(await adapter.listObjectTypes()).toEqual([{ name: 'seo', title: 'SEO', description: 'Search metadata' }]);
  });

  test('deletes a schema type', async () => {
    const { adapter } = subject();
    await adapter.registerSchemaType(seo);
    await adapter.deleteSchemaType('seo');
    expect(await adapter.getSchemaType('seo')).toBeNull();
    expect(await adapter.listObjectTypes()).toEqual([]);
  });
}
