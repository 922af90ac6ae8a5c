/** Finding, release and figures pages on the real seeds. */
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, useApp, waitForText } from './server';

const app = useApp();

describe('finding page', () => {
  it('shows the finding with its force, figures, neighbours, similar findings and metadata', async () => {
    const page = await newPage(app.browser);
    const res = await page.goto(`${app.url}/findings/essex-police-2012-7`);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('Essex Police — finding 7 · Police integrity findings');
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    expect(description).toBe('Since September 2011 there have been 71 applications for second jobs, all of which have been approved.');
    expect(await page.locator('h1').allTextContents()).toEqual(['Essex Police — finding 7']);
    expect(await page.getByTestId('finding-text').textContent()).toContain('71 applications for second jobs');
    expect(await page.locator('dd[data-figure="secondJobApplications"]').textContent()).toBe('71');
    expect(await page.locator('dd[data-figure="secondJobsApproved"]').textContent()).toBe('71');
    expect(await page.getByRole('link', { name: 'Eastern Region' }).getAttribute('href')).toBe('/?region=Eastern+Region');
    expect(await page.locator('a[rel="prev"]').getAttribute('href')).toBe('/findings/essex-police-2012-6');
    expect(await page.locator('a[rel="next"]').getAttribute('href')).toBe('/findings/essex-police-2012-8');
    const similar = await page.getByTestId('similar').locator('[data-hit-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-hit-id')!));
    expect(similar.length).toBeGreaterThan(0);
    expect(similar.length).toBeLessThanOrEqual(5);
    expect(similar.some((id) => id.startsWith('essex-police'))).toBe(false);
    expect(similar).toContain('hampshire-constabulary-2012-4');
    await screenshot(page, 'finding-light');
    await page.context().close();
  });

  it('copies its link to the clipboard', async () => {
    const page = await newPage(app.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('button', { name: 'Link copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${app.url}/findings/essex-police-2012-7`);
    await page.context().close();
  });

  it('links to its place in the release, where the anchor is the target', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    await page.getByTestId('release-anchor-link').click();
    await page.waitForURL(/\/releases\/essex-police-2012#essex-police-2012-7$/);
    const target = page.locator('#essex-police-2012-7');
    await target.waitFor();
    expect(await target.textContent()).toContain('71 applications for second jobs');
    expect(await page.evaluate(() => document.querySelector(':target')?.id ?? null)).toBe('essex-police-2012-7');
    const box = await target.boundingBox();
    expect(box && box.y >= -1 && box.y < 900).toBe(true);
    await page.context().close();
  });

  it('unknown ids and slugs get the 404 page', async () => {
    const page = await newPage(app.browser);
    for (const path of ['/findings/essex-police-2012-99', '/findings/..%2F..%2Fetc', '/releases/no-such-release', '/no-such-page']) {
      const res = await page.goto(`${app.url}${path}`);
      expect(res?.status(), path).toBe(404);
      expect(await page.locator('h1').textContent(), path).toBe('Page not found');
    }
    await page.context().close();
  });
});

describe('releases', () => {
  it('lists every release with its finding count and figures', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/releases`);
    const rows = page.getByTestId('releases-table').locator('tbody tr');
    expect(await rows.count()).toBe(5);
    const essex = rows.filter({ hasText: 'Essex Police' });
    const cells = await essex.locator('td').allTextContents();
    expect(cells).toEqual(['Revisiting police relationships', '2012', 'Eastern Region', '10', '71', '71', '9', '2', '116']);
    expect(await essex.getByRole('link', { name: /Second-job applications: 71/ }).getAttribute('href')).toBe('/findings/essex-police-2012-7');
    await page.context().close();
  });

  it('shows a release by section, notes collapsed, and highlights ?q=', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/releases/essex-police-2012?q=second+jobs`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.getByTestId('release-findings').locator(':scope > li').count()).toBe(10);
    const notes = page.getByTestId('notes');
    expect(await notes.getAttribute('open')).toBeNull();
    const marks = await page.locator('main mark').allTextContents();
    expect(marks.length).toBe(8);
    expect(new Set(marks.map((m) => m.toLowerCase()))).toEqual(new Set(['second', 'jobs']));
    await waitForText(page.getByTestId('match-count'), /^8 highlighted words/);
    expect(await page.locator('#essex-police-2012-7 mark').count()).toBe(2);
    await screenshot(page, 'release-highlight-light');
    // a query that only matches the notes opens them
    await page.goto(`${app.url}/releases/essex-police-2012?q=telephone+surveys`);
    expect(await notes.getAttribute('open')).not.toBeNull();
    expect(await notes.locator('mark').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('figures', () => {
  it('shows 71 applications for Essex, linked to the source finding', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/figures`);
    const table = page.getByTestId('figures-table');
    expect(await table.locator('tbody tr').count()).toBe(5);
    const essex = table.locator('tr[data-force="Essex Police"]');
    const cell = essex.locator('td[data-column="secondJobApplications"] a');
    expect(await cell.textContent()).toBe('71');
    expect(await cell.getAttribute('href')).toBe('/findings/essex-police-2012-7');
    expect(await essex.locator('td[data-column="approvalRate"]').textContent()).toBe('100%');
    expect(await table.locator('tr[data-force="Bedfordshire Police"] td[data-column="approvalRate"]').textContent()).toBe('94.4%');
    expect(await table.locator('tr[data-force="Bedfordshire Police"] td[data-column="conductInvestigations"]').textContent()).toBe('—');
    await page.getByTestId('figures-chart').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByTestId('figures-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(20);
    await screenshot(page, 'figures-light');
    await cell.click();
    await page.waitForURL(/\/findings\/essex-police-2012-7$/);
    expect(await page.getByTestId('finding-text').textContent()).toContain('71 applications');
    await page.context().close();
  });

  it('sorts by column through links and applies URL filters', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/figures`);
    await page.locator('a[data-sort="secondJobApplications"]').click();
    await page.waitForURL(/sort=secondJobApplications&dir=desc/);
    const forces = () => page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-force')));
    expect(await forces()).toEqual(['Essex Police', 'Hampshire Constabulary', 'Hertfordshire Constabulary', 'Bedfordshire Police', 'Cambridgeshire Constabulary']);
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Second-job applications');
    await page.locator('a[data-sort="secondJobApplications"]').click();
    await page.waitForURL(/dir=asc/);
    expect((await forces())[0]).toBe('Cambridgeshire Constabulary');
    await page.goto(`${app.url}/figures?force=Essex+Police&force=Bedfordshire+Police`);
    expect(await forces()).toEqual(['Bedfordshire Police', 'Essex Police']);
    const csvHref = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csvHref).toBe('/figures.csv?force=Essex+Police&force=Bedfordshire+Police');
    await page.context().close();
  });

  it('downloads the table as CSV with the same filters', async () => {
    const all = await fetch(`${app.url}/figures.csv`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await all.text()).trim().split(/\r\n/);
    expect(lines.length).toBe(6);
    expect(lines[0]!.split(',').slice(0, 7)).toEqual(['force', 'region', 'inspection', 'year', 'release', 'secondJobApplications', 'secondJobApplicationsFindingId']);
    expect(lines).toContain('Essex Police,Eastern Region,Revisiting police relationships,2012,essex-police-2012,71,essex-police-2012-7,71,essex-police-2012-7,9,essex-police-2012-5,2,essex-police-2012-3,116,essex-police-2012-10,1');
    const one = await (await fetch(`${app.url}/figures.csv?force=Essex+Police`)).text();
    expect(one.trim().split(/\r\n/).length).toBe(2);
    expect((await fetch(`${app.url}/figures.csv?sort=bogus`)).status).toBe(400);
  });
});
