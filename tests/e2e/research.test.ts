/** Research workflow in a real browser: one hit per force, figure range buckets, the export download. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, useApp, waitForText } from './server';

const app = useApp();

const total = (page: Page) => page.getByTestId('result-total');
const hitForces = (page: Page) => page.locator('[data-hit-id] h3').allTextContents();

async function api(query: string): Promise<{ total: number; groupTotal?: number; hits: { id: string; force: string; groupCount?: number }[] }> {
  const res = await fetch(`${app.url}/api/search?${query}`);
  return res.json();
}

describe('research workflow (JavaScript on)', () => {
  it('"One per force" shows one hit per force; "+N more" filters to that force', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=second+jobs`);
    await waitForText(total(page), /^10 findings/);
    const toggle = page.getByRole('switch', { name: 'One per force' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await page.waitForURL(/group=force/);
    await waitForText(total(page), /^10 findings in 5 forces/);
    expect(await page.getByRole('switch', { name: 'One per force' }).getAttribute('aria-checked')).toBe('true');
    const expected = await api('q=second+jobs&group=force');
    expect(await page.locator('[data-hit-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-hit-id')))).toEqual(expected.hits.map((h) => h.id));
    const forces = await hitForces(page);
    expect(new Set(forces.map((f) => f.split(' — ')[0])).size).toBe(5);
    await screenshot(page, 'search-grouped');
    const more = page.getByRole('link', { name: '+2 more from Essex Police' });
    await more.click();
    await page.waitForURL((url) => url.searchParams.getAll('force').join() === 'Essex Police' && !url.searchParams.has('group'));
    await waitForText(total(page), /^3 findings/);
    expect((await hitForces(page)).every((f) => f.startsWith('Essex Police'))).toBe(true);
    await page.context().close();
  });

  it('a figure bucket puts the range into q; the total matches the API; the chip removes it', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    await waitForText(total(page), /42 findings/);
    const buckets = page.getByRole('complementary').getByRole('navigation', { name: 'Figure ranges' });
    await buckets.locator('[data-figure="secondJobApplications"] a[data-from="70"]').click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'secondJobApplications>=70 secondJobApplications<80');
    const expected = await api(`q=${encodeURIComponent('secondJobApplications>=70 secondJobApplications<80')}`);
    expect(expected.total).toBe(2); // Hampshire and Essex state 71
    await waitForText(total(page), /^2 findings/);
    const selected = page.getByRole('complementary').locator('[data-figure="secondJobApplications"] a[aria-current="true"]');
    expect(await selected.getAttribute('data-from')).toBe('70');
    await screenshot(page, 'search-figure-bucket');
    await page.getByRole('link', { name: /^Remove filter Second-job applications: ≥ 70, < 80/ }).click();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await waitForText(total(page), /42 findings/);
    await page.context().close();
  });

  it('approval-rate buckets work on /figures too', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/figures`);
    await page.getByText('Filter by figure range').click();
    await page.locator('[data-figure="approvalRate"] a[data-from="90"]').click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'approvalRate>=90 approvalRate<92');
    await waitForText(page.getByTestId('figures-count'), /^1 release/);
    expect(await page.locator('[data-testid="figures-table"] tbody tr').getAttribute('data-force')).toBe('Cambridgeshire Constabulary');
    // the row shows every figure of the release, not only the ones the comparison is on
    expect(await page.locator('[data-testid="figures-table"] tbody tr [data-column="socialMediaCases"]').textContent()).not.toBe('—');
    await page.context().close();
  });

  it('"Download results" → CSV downloads every hit (all pages) with the header', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=media&size=5`);
    const expected = await api('q=media');
    expect(expected.total).toBeGreaterThan(5);
    await page.getByText('Download results').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('id,url,force,region,inspection,year,section,topics,secondJobApplications,secondJobsApproved,socialMediaCases,mediaDisclosureInvestigations,conductInvestigations,text');
    // rows may hold quoted line breaks: count the ids at line starts instead
    const ids = text.split('\r\n').filter((l) => /^[a-z0-9-]+,http/.test(l)).map((l) => l.split(',')[0]);
    expect(ids.length).toBe(expected.total);
    expect(ids.slice(0, expected.hits.length)).toEqual(expected.hits.map((h) => h.id));
    await page.context().close();
  });
});
