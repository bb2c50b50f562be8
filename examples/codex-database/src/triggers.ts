// The registry of the SQL triggers that custom migrations create: the SQL lives in
// migrations/codex/{pg,sqlite}/0002_add_org_deletion_trigger.sql, what it is for lives here.
import { defineTriggers } from '@strata/core/triggers';
import { content } from './schema/content.js';

/**
 * Every Codex trigger, with what it does and why.
 *
 * @example
 * ```ts
 * triggers.DATABASE_TRIGGERS.unpublish_content_on_org_delete.businessReason;
 * triggers.getTriggersForTable('content'); // [{ name: 'trigger_unpublish_on_org_delete', … }]
 * ```
 */
export const triggers = defineTriggers({
  unpublish_content_on_org_delete: {
    name: 'trigger_unpublish_on_org_delete',
    table: content,
    // PostgreSQL rewrites the row before the update; SQLite cannot assign NEW, so its
    // equivalent is an AFTER UPDATE trigger that updates the row again.
    timing: { pg: 'before', sqlite: 'after' },
    events: ['update'],
    function: 'unpublish_content_on_org_delete',
    description:
      "When content's organization_id changes from a value to NULL (its organization was deleted), sets status to 'draft' and published_at to NULL.",
    businessReason:
      "Content published under an organization must not appear on the creator's personal page when the organization is deleted.",
    migration: '0002_add_org_deletion_trigger',
  },
});

/** @example getTriggerMetadata('unpublish_content_on_org_delete', { dialect: 'sqlite' }).timing; // 'after' */
export const getTriggerMetadata = triggers.getTriggerMetadata;
/** @example getTriggersForTable('content').map((t) => t.name); // ['trigger_unpublish_on_org_delete'] */
export const getTriggersForTable = triggers.getTriggersForTable;
/** @example getAllTriggerNames(); // ['trigger_unpublish_on_org_delete'] */
export const getAllTriggerNames = triggers.getAllTriggerNames;
