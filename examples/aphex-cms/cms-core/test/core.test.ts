// The core's own promises: no database anywhere in it, and content hashes that do not depend on
// how an engine orders JSON keys.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { contentHash, hasUnpublishedChanges } from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('@aphex/cms-core', () => {
  test('depends on no database package and imports nothing but itself (and vitest for the suite)', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(Object.keys(manifest.peerDependencies as object)).toEqual(['vitest']);
    const imported = sourceFiles(join(root, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^(?:import|export|\}).* from '([^']+)';$/gm)].map((match) => match[1]),
    );
    expect(new Set(imported.filter((specifier) => !specifier?.startsWith('.')))).toEqual(new Set(['vitest']));
  });

  test('hashes content, not key order, into at most 20 characters', () => {
    const hash = contentHash({ title: 'Hi', seo: { b: 1, a: [1, { y: 2, x: 3 }] } });
    expect(contentHash({ seo: { a: [1, { x: 3, y: 2 }], b: 1 }, title: 'Hi' })).toBe(hash);
    expect(contentHash({ title: 'Hi', seo: { b: 1, a: [{ y: 2, x: 3 }, 1] } })).not.toBe(hash);
    expect(hash.length).toBeLessThanOrEqual(20);
  });

  test('a document never published has unpublished changes; one equal to its published hash has none', () => {
    const draftData = { title: 'Hi' };
    expect(hasUnpublishedChanges({ draftData, publishedHash: null })).toBe(true);
    expect(hasUnpublishedChanges({ draftData, publishedHash: contentHash({ title: 'Hi' }) })).toBe(false);
    expect(hasUnpublishedChanges({ draftData, publishedHash: contentHash({ title: 'Hello' }) })).toBe(true);
  });
});
