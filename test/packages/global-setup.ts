// Packs every package once per run (from the built dist/: `npm run build` first) into a temp
// folder outside the workspace; the apps install those tarballs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/apps.js';

export default function setup(): () => void {
  const out = mkdtempSync(join(tmpdir(), 'strata-packs-'));
  const printed = execFileSync('node', [join(REPO_ROOT, 'scripts/pack-packages.mjs'), '--out', out], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  const manifest = join(out, 'tarballs.json');
  writeFileSync(manifest, printed);
  process.env.STRATA_PACKS_MANIFEST = manifest;
  return () => rmSync(out, { recursive: true, force: true });
}
