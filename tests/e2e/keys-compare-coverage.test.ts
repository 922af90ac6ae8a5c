/**
 * Keys on `/` (↓/↑ through the results with a live-region announcement, Enter opens, `g` toggles
 * `group=force`, nothing while typing), the compare page (/compare: columns, links, no JavaScript,
 * 360 px one force at a time) and the coverage page (/coverage, linked from the empty state), with axe.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, screenshot, useApp, waitForText } from './server';

const app = useApp();

const SEED_FORCES = ['Essex Police', 'Bedfordshire Police', 'Cambridgeshire Constabulary', 'Hertfordshire Constabulary', 'Hampshire Constabulary'];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

async function apiHits(query: string): Promise<{ total: number; hits: { id: string; force: string | null; kind: string; ordinal: number | null }[] }> {
  return (await fetch(`${app.url}/api/search?${query}`)).json();
}

const announcer = (page: Page) => page.getByTestId('result-announcer');
const columns = (page: Page) => page.locator('[data-testid="compare-grid"] thead th[data-force]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-force')));
const visibleCellForces = (page: Page) =>
  page.locator('[data-testid="compare-grid"] tbody tr').first().locator('td').evaluateAll((tds) => tds.filter((td) => (td as HTMLElement).offsetParent !== null).map((td) => td.getAttribute('data-force')));
const noJs = (browser: Browser, width = 1280) => newPage(browser, { javaScriptEnabled: false, viewport: { width, height: 900 } });

describe('keys on the search page', () => {
  it('↓ three times: the third hit has focus and the active outline, the live region says "Result 3 of …"; Enter opens it', async () => {
    const { total, hits } = await apiHits('q=second+jobs');
    const third = hits[2]!;
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=second+jobs`);
    await waitForText(page.getByTestId('result-total'), /findings|results/);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    const state = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const article = el.closest('article')!;
      return {
        tag: el.tagName,
        href: el.getAttribute('href'),
        hitId: article?.getAttribute('data-hit-id'),
        index: [...document.querySelectorAll('ol[aria-label="Search results"] > li')].indexOf(el.closest('li')!),
        linkOutline: getComputedStyle(el).outlineStyle,
        cardOutline: getComputedStyle(article).outlineStyle,
        otherOutline: getComputedStyle(document.querySelector('ol[aria-label="Search results"] > li article')!).outlineStyle,
      };
    });
    expect(state).toMatchObject({ tag: 'A', href: `/findings/${third.id}`, hitId: third.id, index: 2 });
    expect(state.linkOutline).not.toBe('none');
    expect(state.cardOutline).not.toBe('none');
    expect(state.otherOutline).toBe('none');
    const label = third.kind === 'finding' ? `${third.force}, finding ${third.ordinal}` : third.force!;
    await waitForText(announcer(page), new RegExp(`^Result 3 of ${total}: `));
    expect(await announcer(page).textContent()).toBe(`Result 3 of ${total}: ${label}`);
    expect(await announcer(page).getAttribute('aria-live')).toBe('polite');
    // ↑ goes back one.
    await page.keyboard.press('ArrowUp');
    await waitForText(announcer(page), /^Result 2 of /);
    await page.keyboard.press('ArrowDown');
    await waitForText(announcer(page), /^Result 3 of /);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'keys-third-hit', false);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/findings/${third.id}$`));
    await page.context().close();
  });

  it('g adds group=force to the URL and g again removes it; typing g or ↓ in the search box does neither', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=second+jobs&force=Essex+Police`);
    await page.keyboard.press('g');
    await page.waitForURL((u) => u.searchParams.get('group') === 'force');
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('second jobs');
    expect(url.searchParams.getAll('force')).toEqual(['Essex Police']);
    await waitForText(announcer(page), /^Grouping results by force$/);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.keyboard.press('g');
    await page.waitForURL((u) => !u.searchParams.has('group'));

    await page.goto(`${app.url}/`);
    const box = page.getByRole('combobox', { name: 'Search the findings' });
    await box.click();
    await page.keyboard.type('g');
    await page.keyboard.press('ArrowDown');
    await page.waitForURL((u) => u.searchParams.get('q') === 'g'); // search-as-you-type ran
    await page.waitForTimeout(500);
    expect(new URL(page.url()).searchParams.has('group')).toBe(false);
    expect(await box.inputValue()).toBe('g');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    expect(await announcer(page).textContent()).toBe('');
    await page.context().close();
  });

  it('the query syntax help documents the keys', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    await page.getByRole('button', { name: 'Query syntax help' }).click();
    const keys = page.getByTestId('keys-help');
    await keys.waitFor();
    const text = await keys.textContent();
    for (const expected of ['↓ ↑', 'move through the results', 'Enter', 'open the result', 'g', 'group the results by force']) expect(text).toContain(expected);
    await page.context().close();
  });
});

describe('compare page', () => {
  it('is linked from / for the current search; columns are the forces with the most hits; a cell’s link opens the finding', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=second+jobs`);
    await page.getByTestId('compare-link').click();
    await page.waitForURL((u) => u.pathname === '/compare' && u.searchParams.get('q') === 'second jobs');
    expect(await columns(page)).toEqual(SEED_FORCES);
    const cell = page.locator('td[data-force="Essex Police"][data-topic="second-jobs"]');
    expect(await cell.textContent()).toContain('Second-job applications: 71');
    expect(await cell.textContent()).toContain('Second jobs approved: 71');
    expect(await cell.locator('mark').count()).toBeGreaterThan(0);
    await screenshot(page, 'compare-second-jobs');
    await cell.getByRole('link', { name: /^Finding 7/ }).click();
    await page.waitForURL(/\/findings\/essex-police-2012-7$/);
    await page.context().close();
  });

  it('works without JavaScript: force= picks the columns, the picker is links, cells link to findings', async () => {
    const page = await noJs(app.browser);
    await page.goto(`${app.url}/compare?q=second+jobs&force=Hampshire+Constabulary&force=Essex+Police`);
    expect(await columns(page)).toEqual(['Hampshire Constabulary', 'Essex Police']);
    await page.getByRole('link', { name: 'Remove Hampshire Constabulary' }).click();
    await page.waitForURL((u) => u.searchParams.getAll('force').join('|') === 'Essex Police');
    expect(await columns(page)).toEqual(['Essex Police']);
    await page.getByText(/^Add a force/).click();
    await page.getByRole('link', { name: 'Bedfordshire Police (2)' }).click();
    await page.waitForURL((u) => u.searchParams.getAll('force').join('|') === 'Essex Police|Bedfordshire Police');
    expect(await columns(page)).toEqual(['Essex Police', 'Bedfordshire Police']);
    // The query form keeps the forces.
    await page.getByRole('searchbox', { name: 'Query' }).fill('facebook');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/compare' && u.searchParams.get('q') === 'facebook');
    expect(new URL(page.url()).searchParams.getAll('force')).toEqual(['Essex Police', 'Bedfordshire Police']);
    expect(await columns(page)).toEqual(['Essex Police', 'Bedfordshire Police']);
    await page.goBack();
    await page.locator('td[data-force="Bedfordshire Police"][data-topic="second-jobs"]').getByRole('link', { name: /^Finding 9/ }).click();
    await page.waitForURL(/\/findings\/bedfordshire-police-2012-9$/);
    await page.context().close();
  });

  it('at 360 px shows one force at a time with no horizontal scroll; the tabs switch force (also without JavaScript)', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await newPage(app.browser, { javaScriptEnabled, viewport: { width: 360, height: 780 } });
      await page.goto(`${app.url}/compare?q=second+jobs`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await visibleCellForces(page)).toEqual(['Essex Police']);
      if (javaScriptEnabled) await screenshot(page, 'compare-360', false);
      await page.getByRole('navigation', { name: 'Force shown' }).getByRole('link', { name: 'Hampshire Constabulary' }).click();
      await page.waitForURL((u) => u.searchParams.get('show') === 'Hampshire Constabulary');
      expect(await visibleCellForces(page)).toEqual(['Hampshire Constabulary']);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.context().close();
    }
  });
});

describe('coverage page', () => {
  it('lists the indexed inspection with its missing forces; the nav and the empty state of / link to it', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=qqqzzzxxx`);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('empty-state').getByRole('link', { name: 'coverage of the index' }).click();
    await page.waitForURL(/\/coverage$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Coverage');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coverage' }).getAttribute('aria-current')).toBe('page');
    const rpr = page.getByTestId('coverage-inspection').filter({ has: page.getByRole('heading', { name: 'Revisiting police relationships (2012)' }) });
    const missing = await rpr.getByTestId('forces-missing').locator('li').allTextContents();
    expect(missing).toHaveLength(39);
    expect(missing).toContain('British Transport Police');
    expect(missing).not.toContain('Essex Police');
    expect(await rpr.getByTestId('forces-present').locator('li').allTextContents()).toEqual(['Bedfordshire Police', 'Cambridgeshire Constabulary', 'Essex Police', 'Hampshire Constabulary', 'Hertfordshire Constabulary']);
    expect(await page.getByTestId('coverage-summary').textContent()).toContain('5 releases from 1 inspection, covering 5 forces of the 44');
    await screenshot(page, 'coverage');
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });
});

describe('accessibility of /compare and /coverage', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no serious or critical violations (${colorScheme}, also at 360 px); headings in order`, async () => {
      const problems: string[] = [];
      for (const width of [1280, 360]) {
        const page = await newPage(app.browser, { colorScheme, viewport: { width, height: 900 } });
        for (const path of ['/compare?q=second+jobs', '/compare?q=facebook&force=Essex+Police&force=Kent+Police', '/coverage']) {
          await page.goto(`${app.url}${path}`, { waitUntil: 'networkidle' });
          for (const v of await seriousViolations(page)) problems.push(`${path} @${width}: ${v}`);
          const levels = await page.evaluate(() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1])));
          expect(levels[0], path).toBe(1);
          levels.forEach((level, i) => {
            if (i > 0) expect(level - levels[i - 1]!, `${path} heading ${i}`).toBeLessThanOrEqual(1);
          });
        }
        await page.context().close();
      }
      expect(problems).toEqual([]);
    });
  }
});
