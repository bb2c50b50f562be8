// Strata Studio in a real browser: Debian's Chromium driven by playwright-core (no downloaded
// browser) over a Studio on SQLite. Each page is opened and photographed (PNG files under the OS
// temp dir, paths printed); a row is edited, a unique violation shows on its field, a soft-deleted
// row is hidden and restored, a migration is applied; the token and a rebinding Host are refused.
// A second Studio over the two-database example (auth and app, userId without a foreign key)
// follows a link from an app row to its user in the auth database, and back.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyStrataDatabase } from '@strata/sql';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StudioHandle, startStudio } from '../src/index.js';
import {
  LIBRARY_MIGRATIONS,
  openLibraryDatabase,
  openTestDatabase,
  openTwoDatabases,
  seed,
} from './support/databases.js';
import type * as schema from './support/schema.js';

const CHROMIUM = process.env.STRATA_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser cannot run here, or undefined. In CI a missing browser fails instead. */
function skipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: run scripts/install-browser.sh before the tests`);
  return `${CHROMIUM} is missing (bash scripts/install-browser.sh installs Debian's chromium)`;
}
const skip = skipReason();

describe(skip ? `Strata Studio in Chromium (skipped: ${skip})` : 'Strata Studio in Chromium', () => {
  let db: AnyStrataDatabase<typeof schema>;
  let library: AnyStrataDatabase;
  let studio: StudioHandle;
  let twoDatabases: { auth: AnyStrataDatabase; app: AnyStrataDatabase };
  let linked: StudioHandle;
  let browser: Browser | undefined;
  let shots: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase('sqlite');
    library = await openLibraryDatabase('sqlite');
    await seed(db, 240);
    studio = await startStudio({
      databases: [
        { name: 'blog', db },
        { name: 'library', db: library, migrations: LIBRARY_MIGRATIONS },
      ],
    });
    twoDatabases = await openTwoDatabases();
    linked = await startStudio({
      databases: [
        { name: 'auth', db: twoDatabases.auth },
        { name: 'app', db: twoDatabases.app },
      ],
    });
    shots = await mkdtemp(join(tmpdir(), 'strata-studio-screenshots-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Root in a container: no sandbox, small /dev/shm. The resolver rule points a foreign name
      // at the Studio, as a DNS rebinding attack would.
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--host-resolver-rules=MAP rebound.example 127.0.0.1'],
      timeout: 30_000,
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
    await linked?.close();
    await twoDatabases?.auth.close();
    await twoDatabases?.app.close();
    await db?.close();
    await library?.close();
  });

  async function shot(page: Page, name: string): Promise<void> {
    const path = join(shots, `${name}.png`);
    await page.screenshot({ path, fullPage: false });
    console.info(`screenshot: ${path}`);
  }

  async function open(): Promise<Page> {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // Answers refused on purpose (401, 409, 400) are logged by Chromium as failed loads.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${message.text()}`);
      }
    });
    return page;
  }

  test.skipIf(skip)('refuses the page without the token, and through a rebinding Host', async () => {
    const page = await open();
    const base = studio.url.replace(/\?token=.*$/, '');
    const bare = await page.goto(base);
    expect(bare?.status()).toBe(401);
    await expect(page.textContent('body')).resolves.toContain('needs its token');
    await shot(page, '0-token-refused');
    const rebound = await page.goto(studio.url.replace('127.0.0.1', 'rebound.example'));
    expect(rebound?.status()).toBe(403);
    await page.context().close();
  });

  test.skipIf(skip)(
    'every page: databases, tables, rows; edit, unique violation, soft delete, migrations, SQL',
    async () => {
      const page = await open();
      // The first visit trades the token for a cookie and drops it from the address.
      await page.goto(studio.url);
      expect(page.url()).not.toContain('token=');
      await page.getByTestId('databases').getByText('blog').waitFor();
      await shot(page, '1-databases');

      await page.getByText('blog').click();
      await expect(page.getByTestId('count-post').textContent()).resolves.toBe('240');
      await shot(page, '2-tables');

      // Rows: a page of 50, sorted by views descending, JSON and timestamps rendered.
      await page.getByRole('link', { name: 'post', exact: true }).click();
      await page.getByTestId('rows').waitFor();
      await page.getByRole('button', { name: 'views' }).click();
      await page.getByRole('button', { name: 'views ▲' }).click();
      await expect.poll(() => page.getByTestId('row').first().locator('td.integer').textContent()).toBe('239');
      expect(await page.getByTestId('row').count()).toBe(50);
      const stamp = page.getByTestId('row').first().locator('time').first();
      await expect(stamp.getAttribute('title')).resolves.toMatch(/^stored: .*Z \(UTC\)$/);
      await shot(page, '3-rows');

      // Filter with the where language: title contains "50% off", ignoring case.
      await page.getByRole('button', { name: '+ filter' }).click();
      await page.getByLabel('field').selectOption('title');
      await page.getByLabel('operator').selectOption('contains');
      await page.getByLabel('value').fill('50% OFF');
      await page.getByLabel('ignore case').check();
      await page.getByTestId('apply-filters').click();
      await expect.poll(() => page.getByTestId('row').count()).toBe(1);
      await shot(page, '4-filtered');

      // Edit that row's title through the form.
      await page.getByTestId('edit').click();
      await page.getByTestId('input-title').fill('Post 7 about 50% off, edited');
      await page.getByTestId('save').click();
      await page.getByText('Post 7 about 50% off, edited').waitFor();
      const [edited] = await db.repos.post.findMany({ where: { views: 7 } });
      expect(edited?.title).toBe('Post 7 about 50% off, edited');

      // Soft delete hides it; showing soft-deleted rows brings it back, struck through; restore.
      await page.getByTestId('delete').click();
      await expect.poll(() => page.getByTestId('row').count()).toBe(0);
      await page.getByTestId('deleted-toggle').selectOption('with');
      await page.getByTestId('restore').waitFor();
      await shot(page, '5-soft-deleted-shown');
      await page.getByTestId('restore').click();
      await page.getByTestId('delete').waitFor();
      expect(await db.repos.post.findById(edited?.id as string)).toBeDefined();

      // A unique violation, shown under the field it names.
      await page.goto(`${studio.url.replace(/\?token=.*$/, '')}#/db/blog/t/author`);
      await page.getByTestId('insert').click();
      await page.getByTestId('input-name').fill('Someone Else');
      await page.getByTestId('input-email').fill('ursula@example.com');
      await page.getByTestId('save').click();
      await expect(page.getByTestId('error-email').textContent()).resolves.toContain('already has this email');
      await shot(page, '6-unique-violation');
      await page.getByRole('button', { name: 'Cancel' }).click();

      // Migrations: one pending, applied after a confirmation that shows its SQL.
      await page.goto(`${studio.url.replace(/\?token=.*$/, '')}#/db/library/migrations`);
      await expect(page.getByTestId('migration-0001_init').getByTestId('state').textContent()).resolves.toBe('pending');
      await page.getByTestId('apply').click();
      await expect(page.getByTestId('confirm-sql').textContent()).resolves.toMatch(/CREATE TABLE/i);
      await shot(page, '7-migration-confirm');
      await page.getByTestId('confirm').click();
      await expect
        .poll(() => page.getByTestId('migration-0001_init').getByTestId('state').textContent())
        .toBe('applied');
      await shot(page, '8-migrations');

      // The read-only console: a query's grid, and a write refused.
      await page.goto(`${studio.url.replace(/\?token=.*$/, '')}#/db/blog/sql`);
      await page.getByTestId('sql').fill('select status, count(*) as posts from post group by status order by status');
      await page.getByTestId('run').click();
      await page.getByTestId('result').waitFor();
      await expect(page.getByTestId('result').locator('tbody tr').count()).resolves.toBe(2);
      await shot(page, '9-sql-console');
      await page.getByTestId('sql').fill('delete from post');
      await page.getByTestId('run').click();
      await expect(page.getByTestId('error').textContent()).resolves.toContain('queries only');
      expect(await db.repos.post.count()).toBe(240);

      expect(problems).toEqual([]);
      await page.context().close();
    },
    60_000,
  );

  test.skipIf(skip)('a link between databases, both ways: an app row to its user, the user to their rows', async () => {
    const page = await open();
    await page.goto(linked.url);
    await expect(page.getByTestId('links').textContent()).resolves.toContain('app.entry.userId → auth.user.id');
    await shot(page, '10-links-between-databases');

    // An entry's userId cell leads to its user's row in the auth database.
    const base = linked.url.replace(/\?token=.*$/, '');
    await page.goto(`${base}#/db/app/t/entry?where=${encodeURIComponent('{"title":"Operation cards"}')}`);
    await expect.poll(() => page.getByTestId('row').count()).toBe(1);
    await shot(page, '11-entry-with-user-link');
    await page.getByTestId('cross-link').click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain('#/db/auth/t/user?where={"id":"user_ada"}');
    await expect.poll(() => page.getByTestId('row').first().textContent()).toContain('Ada Lovelace');
    expect(await page.getByTestId('row').count()).toBe(1);
    await shot(page, '12-user-in-auth-database');

    // The user's related list leads back to the app database: the rows carrying their id.
    await page.getByTestId('cross-related').filter({ hasText: 'entry' }).click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain('#/db/app/t/entry?where={"userId":"user_ada"}');
    await expect.poll(() => page.getByTestId('row').count()).toBe(2);
    await shot(page, '13-user-entries-in-app-database');

    expect(problems).toEqual([]);
    await page.context().close();
  });
});
