import {
  bigint,
  check,
  defineTable,
  enumeration,
  gte,
  id,
  index,
  integer,
  softDelete,
  text,
  timestamp,
  timestamps,
} from '@strata/core';
import { user } from './auth.js';

/** What a media item holds. */
export const MEDIA_TYPES = ['video', 'audio'] as const;
/** A media item's way from upload to playback. */
export const MEDIA_STATUSES = ['uploading', 'uploaded', 'transcoding', 'ready', 'failed'] as const;

/** Uploaded video and audio files, stored in R2 (originals, HLS renditions, thumbnails). */
export const mediaItems = defineTable(
  'media_items',
  {
    id: id(),
    creatorId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    description: text(),
    mediaType: enumeration(MEDIA_TYPES).notNull(),
    status: enumeration(MEDIA_STATUSES).notNull().default('uploading'),
    r2Key: text().notNull().unique(),
    // Videos pass 2 GiB: a 4-byte integer would overflow.
    fileSizeBytes: bigint(),
    mimeType: text(),
    durationSeconds: integer(),
    width: integer(),
    height: integer(),
    hlsMasterPlaylistKey: text(),
    thumbnailKey: text(),
    uploadedAt: timestamp(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [index().on(t.creatorId, t.status), check('media_items_file_size_not_negative', gte(t.fileSizeBytes, 0n))],
);
