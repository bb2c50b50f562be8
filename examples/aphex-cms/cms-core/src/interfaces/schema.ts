import type { SchemaType } from '../types.js';

/**
 * A schema type's name, title and description, for lists.
 *
 * @example
 * ```ts
 * const summary: SchemaTypeSummary = { name: 'post', title: 'Post', description: null };
 * ```
 */
export interface SchemaTypeSummary {
  readonly name: string;
  readonly title: string;
  readonly description: string | null;
}

/**
 * Schema types: the app's content types, registered on start.
 *
 * @example
 * ```ts
 * await adapter.registerSchemaType({ name: 'post', title: 'Post', type: 'document', fields: [] });
 * ```
 */
export interface SchemaAdapter {
  /** Adds the type, or replaces the registered one of the same name. */
  registerSchemaType(schemaType: SchemaType): Promise<void>;
  getSchemaType(name: string): Promise<SchemaType | null>;
  listSchemas(): Promise<SchemaType[]>;
  listDocumentTypes(): Promise<SchemaTypeSummary[]>;
  listObjectTypes(): Promise<SchemaTypeSummary[]>;
  deleteSchemaType(name: string): Promise<void>;
}
