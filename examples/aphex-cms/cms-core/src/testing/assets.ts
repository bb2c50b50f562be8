import { expect, test } from 'vitest';
import type { CreateAssetData } from '../interfaces/asset.js';
import { type SuiteContext, uniqueTag, unknownId } from './context.js';

function upload(originalFilename: string, extra: Partial<CreateAssetData> = {}): CreateAssetData {
  const filename = `${uniqueTag()}-${originalFilename.toLowerCase()}`;
  return {
    assetType: 'file',
    filename,
    originalFilename,
    mimeType: 'application/pdf',
    size: 1000,
    url: `/uploads/${filename}`,
    path: `static/uploads/${filename}`,
    ...extra,
  };
}

/** Assets: storage defaults, editorial updates, search, counts and sizes. */
export function defineAssetTests({ subject }: SuiteContext): void {
  test('stores an image with the default storage adapter and reads it back', async () => {
    const { adapter } = subject();
    const metadata = { exif: { camera: 'X100V', iso: 400 }, palette: ['#fff', '#000'] };
    const asset = await adapter.createAsset(
      upload('Logo.png', { assetType: 'image', mimeType: 'image/png', width: 640, height: 480, metadata }),
    );
    expect(asset).toMatchObject({ assetType: 'image', storageAdapter: 'local', width: 640, height: 480, metadata });
    expect(asset).toMatchObject({ title: null, alt: null, createdBy: null });
    expect(await adapter.findAssetById(asset.id)).toEqual(asset);
    expect(await adapter.findAssetById(unknownId())).toBeNull();
  });

  test('updates editorial fields, and null clears one', async () => {
    const { adapter } = subject();
    const asset = await adapter.createAsset(upload('Photo.jpg', { title: 'Old title', creditLine: '© Ada' }));
    const updated = await adapter.updateAsset(asset.id, { alt: 'A red door', title: null });
    expect(updated).toMatchObject({ alt: 'A red door', title: null, creditLine: '© Ada' });
    expect(updated && updated.updatedAt >= asset.updatedAt).toBe(true);
    expect(await adapter.updateAsset(unknownId(), { alt: 'x' })).toBeNull();
  });

  test('finds assets by type, MIME type and search text; case is ignored and _ or % match themselves', async () => {
    const { adapter } = subject();
    const tag = uniqueTag();
    const report = await adapter.createAsset(upload(`Q3_Report-${tag}.PDF`));
    const lookalike = await adapter.createAsset(upload(`Q3xReport-${tag}.pdf`));
    const photo = await adapter.createAsset(
      upload(`team-${tag}.jpg`, { assetType: 'image', mimeType: 'image/jpeg', title: `Team 100% ${tag}` }),
    );
    const ids = async (filters: Parameters<typeof adapter.findAssets>[0]) =>
      (await adapter.findAssets(filters)).map((asset) => asset.id).sort();
    // A LIKE pattern would let `_` match the `x` of the lookalike.
    expect(await ids({ search: `q3_report-${tag}` })).toEqual([report.id]);
    expect(await ids({ search: `100% ${tag}` })).toEqual([photo.id]);
    expect(await ids({ search: tag, assetType: 'image' })).toEqual([photo.id]);
    expect(await ids({ search: tag, mimeType: 'application/pdf' })).toEqual([report.id, lookalike.id].sort());
    expect(await ids({ search: tag, limit: 1 })).toHaveLength(1);
  });

  test('counts assets, by type, and their total size', async () => {
    const { adapter } = subject();
    const [count, byType, size] = await Promise.all([
      adapter.countAssets(),
      adapter.countAssetsByType(),
      adapter.getTotalAssetsSize(),
    ]);
    await adapter.createAsset(upload('a.pdf', { size: 2_000_000 }));
    await adapter.createAsset(upload('b.png', { assetType: 'image', mimeType: 'image/png', size: 500 }));
    expect(await adapter.countAssets()).toBe(count + 2);
    const after = await adapter.countAssetsByType();
    expect(after.file).toBe((byType.file ?? 0) + 1);
    expect(after.image).toBe((byType.image ?? 0) + 1);
    expect(await adapter.getTotalAssetsSize()).toBe(size + 2_000_500);
  });

  test('deletes an asset', async () => {
    const { adapter } = subject();
    const asset = await adapter.createAsset(upload('old.pdf'));
    expect(await adapter.deleteAsset(asset.id)).toBe(true);
    expect(await adapter.findAssetById(asset.id)).toBeNull();
    expect(await adapter.deleteAsset(asset.id)).toBe(false);
  });
}
