// `strata studio` from a project's strata.config.ts: the command opens the configured database
// (here SQLite, through a URL given in place of its connection), serves the Studio, prints the
// URL with its token, and closes everything when told to stop.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { studioCommand } from '../../cli/src/commands/studio.js';
import { loadConfig } from '../../cli/src/load-config.js';
import { type CliIO, Reporter } from '../../cli/src/reporter.js';
import { authorized } from './support/client.js';

const schema = fileURLToPath(new URL('./support/schema.ts', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-studio-cli-'));
  await writeFile(
    join(dir, 'strata.config.ts'),
    `import * as blog from ${JSON.stringify(schema.replace(/\.ts$/, '.js'))};\nexport default { databases: { blog: { schema: blog, connection: 'sqlite:./blog.sqlite3' } } };\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('strata studio serves the configured databases until stopped, and prints its URL', async () => {
  let printed = '';
  const write = (text: string) => {
    printed += text;
    return true;
  };
  const io: CliIO = {
    stdout: { write },
    stderr: { write },
    interactive: false,
    cwd: dir,
    env: {},
  };
  let stop = () => {};
  const until = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const context = { config: await loadConfig(dir), out: new Reporter(io, false), io };
  const running = studioCommand(context, { url: `sqlite:${join(dir, 'other.sqlite3')}`, database: 'blog', until });
  await expect
    .poll(() => /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})/.test(printed), { timeout: 20_000 })
    .toBe(true);
  const [, port, token] = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})/.exec(printed) ?? [];
  const api = authorized(Number(port), token as string);
  const answer = await api('/api/databases');
  expect(answer.json.databases).toEqual([{ name: 'blog', engine: 'sqlite', dialect: 'sqlite', tables: 2 }]);
  stop();
  await expect(running).resolves.toBe(0);
});
