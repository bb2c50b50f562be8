/**
 * camelCase or PascalCase to snake_case: `createdAt` → `created_at`, `userID` → `user_id`.
 *
 * @example
 * ```ts
 * toSnakeCase('collectionSettings'); // 'collection_settings'
 * ```
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}
