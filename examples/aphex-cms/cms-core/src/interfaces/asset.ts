import type { Asset, AssetType, JsonValue } from '../types.js';

/**
 * Which assets `findAssets` returns: newest first.
 *
 * @example
 * ```ts
 * await adapter.findAssets({ assetType: 'image', search: 'logo' });
 * ```
 */
export interface AssetFilters {
  readonly assetType?: AssetType;
  readonly mimeType?: string;
  /** Text found in the title or the original file name, ignoring case. */
  readonly search?: string;
  /** Default 50. */
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * A new asset, as the storage adapter stored it.
 *
 * @example
 * ```ts
 * const data: CreateAssetData = { assetType: 'file', filename: 'a.pdf', originalFilename: 'A.pdf', mimeType: 'application/pdf', size: 10, url: '/uploads/a.pdf', path: 'uploads/a.pdf' };
 * ```
 */
export interface CreateAssetData {
  readonly assetType: AssetType;
  readonly filename: string;
  readonly originalFilename: string;
  readonly mimeType: string;
  readonly size: number;
  readonly url: string;
  readonly path: string;
  /** Default `local`. */
  readonly storageAdapter?: string;
  readonly width?: number;
  readonly height?: number;
  readonly metadata?: { [key: string]: JsonValue };
  readonly title?: string;
  readonly description?: string;
  readonly alt?: string;
  readonly creditLine?: string;
  readonly createdBy?: string;
}

/**
 * The fields of an asset an editor may change (`null` clears one).
 *
 * @example
 * ```ts
 * await adapter.updateAsset(id, { alt: 'A red logo', title: null });
 * ```
 */
export interface UpdateAssetData {
  readonly url?: string;
  readonly title?: string | null;
  readonly description?: string | null;
  readonly alt?: string | null;
  readonly creditLine?: string | null;
}

/**
 * Assets: the database side of uploads (the bytes live with a storage adapter).
 *
 * @example
 * ```ts
 * const asset = await adapter.createAsset(data);
 * const images = await adapter.findAssets({ assetType: 'image' });
 * ```
 */
export interface AssetAdapter {
  createAsset(data: CreateAssetData): Promise<Asset>;
  findAssetById(id: string): Promise<Asset | null>;
  findAssets(filters?: AssetFilters): Promise<Asset[]>;
  updateAsset(id: string, data: UpdateAssetData): Promise<Asset | null>;
  deleteAsset(id: string): Promise<boolean>;
  countAssets(): Promise<number>;
  countAssetsByType(): Promise<Record<string, number>>;
  /** Bytes taken by all assets. */
  getTotalAssetsSize(): Promise<number>;
}
