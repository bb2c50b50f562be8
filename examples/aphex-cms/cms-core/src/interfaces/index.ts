export type { AssetAdapter, AssetFilters, CreateAssetData, UpdateAssetData } from './asset.js';
export type { DatabaseAdapter, DatabaseProvider } from './database.js';
export type { CreateDocumentData, DocumentAdapter, DocumentFilters } from './document.js';
export type { SchemaAdapter, SchemaTypeSummary } from './schema.js';
export type { NewUserProfileData, UserProfileAdapter } from './user-profile.js';
