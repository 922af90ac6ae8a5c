/** The search page with JavaScript: search-as-you-type, facets, chips, shareable URLs, empty state. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, useApp, waitForText } from './server';

const app = useApp();

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search the findings' });
const total = (page: Page) => page.getByTestId('result-total');
const hitIds = (page: Page) => page.locator('[data-hit-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-hit-id')));
const forceBox = (page: Page, force: string) => page.getByRole('complementary').getByRole('checkbox', { name: new RegExp(`^${force}`) });

async function apiTotal(query: string): Promise<number> {
  const res = await fetch(`${app.url}/api/search?${query}`);
  return ((await res.json()) as { total: number }).total;
}

describe('search page (JavaScript on)', () => {
  it('shows all 42 findings when there is no query', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    await waitForText(total(page), /\(42 findings\)|^42 findings/);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('[data-hit-id]').count()).toBe(20);
    await page.context().close();
  });

  it('typing "second jobs" shows marked results and updates the URL without adding history entries', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    const historyBefore = await page.evaluate(() => history.length);
    await searchBox(page).pressSequentially('second jobs', { delay: 40 });
    await page.waitForURL(/\?q=second\+jobs$/);
    const expected = await apiTotal('q=second+jobs');
    expect(expected).toBe(10);
    await waitForText(total(page), /^10 findings/);
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    const marks = await page.locator('[data-hit-id] mark').allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(20);
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['second', 'jobs']));
    // every hit has at least one mark, and marks hold text only
    const perHit = await page.locator('[data-hit-id]').evaluateAll((els) => els.map((e) => e.querySelectorAll('mark').length));
    expect(perHit.every((n) => n > 0)).toBe(true);
    expect(await page.locator('[data-hit-id] mark *').count()).toBe(0);
    expect(await page.locator('[data-hit-id] script').count()).toBe(0);
    await screenshot(page, 'search-second-jobs-light');
    await page.context().close();
  });

  it('ticking a force changes the count, the URL and the chips; other forces keep their counts', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=second+jobs`);
    await waitForText(total(page), /^10 findings/);
    await forceBox(page, 'Essex Police').check();
    await page.waitForURL(/force=Essex\+Police/);
    await waitForText(total(page), /^3 findings/);
    expect(await apiTotal('q=second+jobs&force=Essex+Police')).toBe(3);
    const chip = page.getByRole('link', { name: 'Remove filter Force: Essex Police' });
    await chip.waitFor();
    const forces = await page.locator('[data-hit-id] h3').allTextContents();
    expect(forces.length).toBe(3);
    expect(forces.every((h) => h.startsWith('Essex Police'))).toBe(true);
    // disjunctive counts: the other forces are still offered with their own counts
    expect(await forceBox(page, 'Essex Police').isChecked()).toBe(true);
    await waitForText(page.getByRole('complementary').locator('label', { hasText: 'Bedfordshire Police' }), /Bedfordshire Police\s*\(?2/);
    expect(await forceBox(page, 'Hertfordshire Constabulary').isVisible()).toBe(true);
    expect(await forceBox(page, 'Hertfordshire Constabulary').isChecked()).toBe(false);
    // a second force widens the results (OR within a facet)
    await forceBox(page, 'Bedfordshire Police').check();
    await page.waitForURL(/force=Essex\+Police&force=Bedfordshire\+Police/);
    await waitForText(total(page), /^5 findings/);
    // removing a chip removes that filter only
    await page.getByRole('link', { name: 'Remove filter Force: Essex Police' }).click();
    await page.waitForURL((u) => !u.search.includes('Essex'));
    await waitForText(total(page), /^2 findings/);
    await page.getByRole('link', { name: 'Clear all' }).click();
    await page.waitForURL(/\?q=second\+jobs$/);
    await waitForText(total(page), /^10 findings/);
    await page.context().close();
  });

  it('a copied URL reproduces the same view in a new page', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    await searchBox(page).pressSequentially('facebook', { delay: 30 });
    await page.waitForURL(/q=facebook/);
    await waitForText(total(page), /^12 findings/);
    await page.getByRole('complementary').getByRole('checkbox', { name: /^Social media/ }).check();
    await page.waitForURL(/topic=social-media/);
    await page.getByRole('navigation', { name: 'Sort results' }).getByRole('link', { name: 'Force' }).click();
    await page.waitForURL(/sort=force/);
    await waitForText(total(page), /^\d+ findings/);
    const url = page.url();
    const ids = await hitIds(page);
    const summary = (await total(page).textContent())!.split('·')[0]!.trim();
    expect(ids.length).toBeGreaterThan(0);

    const other = await newPage(app.browser);
    await other.goto(url);
    expect(await hitIds(other)).toEqual(ids);
    expect((await total(other).textContent())!.split('·')[0]!.trim()).toBe(summary);
    expect(await searchBox(other).inputValue()).toBe('facebook');
    expect(await other.getByRole('complementary').getByRole('checkbox', { name: /^Social media/ }).isChecked()).toBe(true);
    await other.context().close();
    await page.context().close();
  });

  it('"/" focuses the search box and Escape clears it', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=facebook`);
    await waitForText(total(page), /^12 findings/);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('q');
    await page.keyboard.press('Escape');
    expect(await searchBox(page).inputValue()).toBe('');
    await page.waitForURL((u) => u.search === '');
    await waitForText(total(page), /\(42 findings\)/);
    await page.context().close();
  });

  it('offers query syntax help in a popover', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    await page.getByRole('button', { name: 'Query syntax help' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const text = await dialog.textContent();
    for (const example of ['"second jobs"', '-twitter', 'force:essex', 'topic:second-jobs', 'region:eastern', 'section:findings', 'secondJobApplications>60']) {
      expect(text).toContain(example);
    }
    await dialog.getByRole('link', { name: 'secondJobApplications>60' }).click();
    await page.waitForURL(/q=secondJobApplications%3E60/);
    await waitForText(total(page), /^2 findings/);
    expect((await hitIds(page)).sort()).toEqual(['essex-police-2012-7', 'hampshire-constabulary-2012-4']);
    await page.context().close();
  });

  it('the force list can be filtered and long lists fold behind "show more"', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    const aside = page.getByRole('complementary');
    await aside.getByRole('textbox', { name: 'Filter force list' }).fill('ess');
    await waitForText(aside, /Essex Police/);
    const visibleForces = await aside.getByRole('group', { name: 'Force' }).getByRole('checkbox').count();
    expect(visibleForces).toBe(1);
    // 10 topics, 6 shown: the rest are behind "Show 4 more"
    const topics = aside.getByRole('group', { name: 'Topic' });
    expect(await topics.getByRole('checkbox', { name: /^Procurement/ }).isVisible()).toBe(false);
    await topics.getByText('Show 4 more').click();
    expect(await topics.getByRole('checkbox', { name: /^Procurement/ }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('the notes-to-editors toggle adds boilerplate paragraphs', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=telephone+surveys`);
    await page.getByTestId('empty-state').waitFor();
    await waitForText(page.getByTestId('empty-state'), /5 paragraphs of the notes to editors match/);
    await page.getByRole('switch', { name: 'Include notes to editors' }).check();
    await page.waitForURL(/includeBoilerplate=true/);
    await waitForText(total(page), /^5 results/);
    const sections = await page.locator('[data-hit-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-hit-id')));
    expect(sections.every((id) => id!.includes('-notes-'))).toBe(true);
    await page.context().close();
  });

  it('the empty state suggests a spelling, filters to drop and example queries', async () => {
    const page = await newPage(app.browser);
    // a misspelt word and a filter that leaves nothing: the spelling is still suggested (filters kept)
    await page.goto(`${app.url}/?q=facebok&section=report-link`);
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    const suggestion = empty.getByRole('link', { name: 'facebook', exact: true });
    expect(await suggestion.getAttribute('href')).toBe('/?q=facebook&section=report-link');
    await page.goto(`${app.url}/?q=zzyzx`);
    await empty.waitFor();
    for (const example of ['second jobs', 'Facebook', 'inappropriate disclosure to the media']) {
      expect(await empty.getByRole('link', { name: example, exact: true }).count()).toBe(1);
    }
    await empty.getByRole('link', { name: 'Facebook', exact: true }).click();
    await page.waitForURL(/\?q=Facebook$/);
    await waitForText(total(page), /^12 findings/);
    expect(await searchBox(page).inputValue()).toBe('Facebook');

    await page.goto(`${app.url}/?q=facebook&force=Essex+Police&topic=procurement`);
    await empty.waitFor();
    await empty.getByRole('link', { name: 'remove all filters' }).click();
    await page.waitForURL(/\?q=facebook$/);
    await waitForText(total(page), /^12 findings/);
    await page.context().close();
  });

  it('sorts by force and pages through results with links', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?sort=force`);
    const first = await hitIds(page);
    expect(first[0]).toMatch(/^bedfordshire-police-2012/);
    await page.getByRole('navigation', { name: 'Result pages' }).getByRole('link', { name: 'Next' }).click();
    await page.waitForURL(/page=2/);
    await page.locator('ol[start="21"]').waitFor();
    const second = await hitIds(page);
    expect(second.length).toBe(20);
    expect(second.some((id) => first.includes(id))).toBe(false);
    await page.context().close();
  });

  it('shows a friendly message for invalid parameters', async () => {
    const page = await newPage(app.browser);
    const res = await page.goto(`${app.url}/?page=abc&topic=not-a-topic`);
    expect(res?.status()).toBe(200);
    const alert = page.getByTestId('invalid-params');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/page/);
    expect(await searchBox(page).isVisible()).toBe(true);
    await page.context().close();
  });
});
