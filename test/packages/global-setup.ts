// Packs every package once per run (from the built dist/: `npm run build` first) into a temp
// folder outside the workspace; the apps install those tarballs, and live there too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  // The apps go here too, so one removal at the end frees their node_modules (~150 MiB each).
  process.env.STRATA_APPS_DIR = join(out, 'apps');
  mkdirSync(process.env.STRATA_APPS_DIR);
  return () => rmSync(out, { recursive: true, force: true });
}
