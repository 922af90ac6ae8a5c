/**
 * Two inspections per force in the browser: the seeds plus the 2014 "Integrity matters" releases
 * of tests/fixtures/inspections/. Inspection and year facets, "Newest first", /figures with one
 * row per release, /releases filtered and sorted.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, newPage, useApp, waitForText } from './server';

const FIXTURES = join(ROOT, 'tests/fixtures/inspections');
const app = useApp({ extraSources: readdirSync(FIXTURES).filter((f) => f.endsWith('-2014.txt')).map((f) => join(FIXTURES, f)) });

const total = (page: Page) => page.getByTestId('result-total');
const facetBox = (page: Page, label: RegExp) => page.getByRole('complementary').getByRole('checkbox', { name: label });

async function api(query: string): Promise<{ total: number; hits: { year: number | null; inspection: string | null }[]; facets: Record<string, { value: string; count: number }[]> }> {
  return (await fetch(`${app.url}/api/search?${query}`)).json();
}

describe('inspection and year facets, newest first (JavaScript on)', () => {
  it('ticks an inspection, then a year, then sorts newest first; URL and counts follow', async () => {
    const all = await api('q=second+jobs');
    expect(all.facets.inspection!.map((v) => v.value).sort()).toEqual(['Integrity matters', 'Revisiting police relationships']);
    expect(all.facets.year!.map((v) => v.value)).toEqual(['2014', '2012']);
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=second+jobs`);
    await waitForText(total(page), new RegExp(`^${all.total} findings`));

    await facetBox(page, /^Integrity matters/).check();
    await page.waitForURL(/[?&]inspection=Integrity\+matters/);
    const im = await api('q=second+jobs&inspection=Integrity+matters');
    expect(im.total).toBe(all.facets.inspection!.find((v) => v.value === 'Integrity matters')!.count);
    expect(im.total).toBeLessThan(all.total);
    await waitForText(total(page), new RegExp(`^${im.total} findings`));
    await page.getByRole('link', { name: 'Remove filter Inspection: Integrity matters' }).waitFor();
    // disjunctive: the other inspection is still offered with its own count
    expect(await facetBox(page, /^Revisiting police relationships/).isChecked()).toBe(false);

    // the year facet applies the inspection selection: only 2014 is offered, at the same count
    expect(await facetBox(page, /^2012/).count()).toBe(0);
    await facetBox(page, /^2014/).check();
    await page.waitForURL(/inspection=Integrity\+matters&year=2014/);
    await waitForText(total(page), new RegExp(`^${im.total} findings`));
    await page.getByRole('link', { name: 'Remove filter Year: 2014' }).waitFor();

    // no inspection filter, newest first: the 2014 findings come first
    await page.getByRole('link', { name: 'Remove filter Inspection: Integrity matters' }).click();
    await page.waitForURL((u) => !u.search.includes('inspection='));
    await page.getByRole('link', { name: 'Remove filter Year: 2014' }).click();
    await page.waitForURL(/\?q=second\+jobs$/);
    await page.getByRole('link', { name: 'Newest first' }).click();
    await page.waitForURL(/[?&]sort=date/);
    await waitForText(total(page), new RegExp(`^${all.total} findings`));
    expect(await page.getByRole('link', { name: 'Newest first' }).getAttribute('aria-current')).toBe('true');
    const ids = await page.locator('[data-hit-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-hit-id')!));
    const sorted = await api('q=second+jobs&sort=date');
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => /-2014-\d+$/.test(id)) || ids.findIndex((id) => /-2012-/.test(id)) > ids.findLastIndex((id) => /-2014-/.test(id))).toBe(true);
    expect(ids[0]).toMatch(/-2014-\d+$/);
    expect(sorted.hits[0]!.year).toBe(2014);
    await page.context().close();
  });

  it('/figures shows one row per release; /releases filters by inspection and sorts', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/figures`);
    const rows = page.getByTestId('figures-table').locator('tbody tr');
    expect(await rows.count()).toBe(10);
    expect(await rows.filter({ has: page.locator('th', { hasText: 'Essex Police' }) }).count()).toBe(2);
    const essex2014 = page.locator('tr[data-release="essex-police-2014"]');
    expect(await essex2014.locator('td[data-column="secondJobApplications"]').textContent()).toBe('83');
    expect(await essex2014.locator('td[data-column="secondJobApplications"] a').getAttribute('href')).toBe('/findings/essex-police-2014-7');
    expect(await essex2014.locator('td[data-column="approvalRate"]').textContent()).toBe('96.4%');
    await page.locator('nav[aria-label="Filter figures"] a[data-value="2012"]').click();
    await page.waitForURL(/\/figures\?year=2012$/);
    expect(await rows.count()).toBe(5);

    await page.goto(`${app.url}/releases`);
    const releaseRows = page.getByTestId('releases-table').locator('tbody tr');
    expect(await releaseRows.count()).toBe(10);
    expect(await releaseRows.first().getAttribute('data-release')).toMatch(/-2014$/);
    await page.locator('nav[aria-label="Filter releases"] a[data-value="Revisiting police relationships"]').click();
    await page.waitForURL(/\/releases\?inspection=Revisiting\+police\+relationships$/);
    await waitForText(page.getByTestId('releases-total'), /^5 press releases/);
    expect(await releaseRows.count()).toBe(5);
    await page.getByRole('link', { name: 'Force', exact: true }).click();
    await page.waitForURL(/sort=force/);
    expect(await releaseRows.first().getAttribute('data-release')).toBe('bedfordshire-police-2012');
    await page.context().close();
  });
});
