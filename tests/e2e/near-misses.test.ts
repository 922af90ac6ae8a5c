/**
 * Near misses and the zero-result log through a real server: the divider on the search page, the
 * admin page listing a zero-result API search, and the log surviving a restart (saved on exit).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot, startServer, type TestServer } from './server';

const TOKEN = 'e2e-admin-token';
const dataDir = mkdtempSync(join(tmpdir(), 'hmic-e2e-data-'));
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_TOKEN: TOKEN, DATA_DIR: dataDir } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const admin = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/admin/no-results?format=json`, { headers });

describe('near misses on the search page', () => {
  it('shows the full match, then "Matching some of your words", then the near misses', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/?q=${encodeURIComponent('investigations into conduct')}`);
    const divider = page.getByTestId('near-miss-divider');
    await divider.waitFor({ state: 'visible' });
    expect(await divider.textContent()).toBe('Matching some of your words');
    expect(await page.getByTestId('near-miss-divider').count()).toBe(1);
    const ids = await page.locator('[data-hit-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-hit-id')));
    expect(ids[0]).toBe('essex-police-2012-10');
    // The divider sits in the second result, above its card.
    const dividerItem = await divider.evaluate((el) => el.closest('li')?.querySelector('[data-hit-id]')?.getAttribute('data-hit-id'));
    expect(dividerItem).toBe(ids[1]);
    expect(await page.getByTestId('result-total').textContent()).toMatch(/^1 finding \+ \d+ matching some of your words/);
    await screenshot(page, 'near-misses');
    await page.context().close();
  });

  it('with no full match, the help (spelling, examples) comes first, then the near misses', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/?q=hospitalty+zebra`);
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    expect(await empty.getByRole('heading').textContent()).toBe('Nothing matches all of “hospitalty zebra”');
    expect(await empty.getByRole('link', { name: 'hospitality zebra' }).count()).toBe(0); // zebra matches nothing: no suggestion
    const divider = page.getByTestId('near-miss-divider');
    await divider.waitFor();
    expect(await page.locator('[data-hit-id]').count()).toBeGreaterThan(0);
    // The divider opens the list: every hit is a near miss.
    const first = await page.locator('ol[aria-label="Search results"] > li').first().getByTestId('near-miss-divider').count();
    expect(first).toBe(1);
    await page.context().close();
  });

  it('axe finds no serious or critical violations on a page with near misses (light and dark)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await newPage(browser, { colorScheme });
      for (const q of ['investigations into conduct', 'hospitalty zebra']) {
        await page.goto(`${server.url}/?q=${encodeURIComponent(q)}`, { waitUntil: 'networkidle' });
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${q} (${colorScheme}): ${v.id}`)).toEqual([]);
      }
      await page.context().close();
    }
  });

  it('"second jobs" has ten full matches and no divider', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/?q=second+jobs`);
    await page.locator('[data-hit-id]').first().waitFor();
    expect(await page.locator('[data-hit-id]').count()).toBe(10);
    expect(await page.getByTestId('near-miss-divider').count()).toBe(0);
    await page.context().close();
  });
});

describe('/admin/no-results', () => {
  it('answers 401 without the token, lists a zero-result API search with it, never cached', async () => {
    const search = await fetch(`${server.url}/api/search?q=Qwxzy%20Plorb`);
    expect(((await search.json()) as { total: number }).total).toBe(0);
    await fetch(`${server.url}/api/search?q=${encodeURIComponent('investigations into conduct force:hertfordshire')}`);
    const anonymous = await admin(server.url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    expect((await admin(server.url, { Authorization: 'Bearer wrong' })).status).toBe(401);
    const listed = await admin(server.url, { Authorization: `Bearer ${TOKEN}` });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('cache-control')).toBe('no-store');
    const { queries } = (await listed.json()) as { queries: { query: string; count: number; nearMisses: number }[] };
    expect(queries.find((q) => q.query === 'qwxzy plorb')).toMatchObject({ count: 1, nearMisses: 0 });
    expect(queries.find((q) => q.query === 'investigations into conduct force:hertfordshire')).toMatchObject({ count: 1, nearMisses: 1 });
    const html = await fetch(`${server.url}/admin/no-results`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('qwxzy plorb');
  });

  it('keeps the log across a restart (saved on exit, read back at start)', async () => {
    await server.stop();
    server = await startServer({ env: { ADMIN_TOKEN: TOKEN, DATA_DIR: dataDir } });
    const { queries } = (await (await admin(server.url, { Authorization: `Bearer ${TOKEN}` })).json()) as { queries: { query: string; count: number }[] };
    expect(queries.find((q) => q.query === 'qwxzy plorb')).toMatchObject({ count: 1 });
  });

  it('is 404 when ADMIN_TOKEN is unset', async () => {
    await server.stop();
    server = await startServer({ env: { DATA_DIR: dataDir, ADMIN_TOKEN: '' } });
    const res = await admin(server.url, { Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
