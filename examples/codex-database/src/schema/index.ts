/**
 * The Codex schema module: Better Auth's tables, organizations, media items and content, with
 * their relations. `import * as schema from '@codex/database/schema'` is what every engine,
 * the `strata` CLI and Better Auth open.
 *
 * @example
 * ```ts
 * import * as schema from '@codex/database/schema';
 * import type { NewRow, Row } from '@strata/core';
 * type Content = Row<typeof schema.content>;
 * type NewContent = NewRow<typeof schema.content>;
 * ```
 */
export { account, accountRelations, session, sessionRelations, user, userRelations, verification } from './auth.js';
export { CONTENT_STATUSES, CONTENT_TYPES, content } from './content.js';
export { MEDIA_STATUSES, MEDIA_TYPES, mediaItems } from './media-items.js';
export { organizations } from './organizations.js';
export { contentRelations, mediaItemsRelations, organizationsRelations } from './relations.js';
