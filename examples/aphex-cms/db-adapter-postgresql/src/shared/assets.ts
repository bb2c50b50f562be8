import type { AssetAdapter } from '@aphex/cms-core';
import { type CmsScope, countsByValue } from './database.js';

/**
 * Assets on Strata's repository: search ignores case, and `%` or `_` in it match themselves.
 *
 * @example
 * ```ts
 * const images = await assetAdapter(db).findAssets({ assetType: 'image', search: 'logo' });
 * ```
 */
export function assetAdapter(db: CmsScope): AssetAdapter {
  const assets = db.repos.assets;
  return {
    createAsset: (data) => assets.create(data),
    findAssetById: async (id) => (await assets.findById(id)) ?? null,
    findAssets: ({ assetType, mimeType, search, limit = 50, offset = 0 } = {}) => {
      const matching = search === undefined ? undefined : { contains: search, ignoreCase: true };
      const or = matching && [{ title: matching }, { originalFilename: matching }];
      return assets.findMany({ where: { assetType, mimeType, or }, orderBy: { createdAt: 'desc' }, limit, offset });
    },
    updateAsset: async (id, data) => (await assets.update(id, data)) ?? null,
    deleteAsset: async (id) => (await assets.delete(id)) !== undefined,
    countAssets: () => assets.count(),
    countAssetsByType: async () => countsByValue(await assets.countBy('assetType')),
    getTotalAssetsSize: async () =>
      (await assets.findMany({ select: ['size'] })).reduce((total, asset) => total + asset.size, 0),
  };
}
