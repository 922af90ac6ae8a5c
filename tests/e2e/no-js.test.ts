/** Everything important works with JavaScript disabled: GET forms and plain links. */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, screenshot, useApp, waitForText } from './server';

const app = useApp();

const noJs = (browser: Browser, width = 1280) => newPage(browser, { javaScriptEnabled: false, viewport: { width, height: 900 } });
const total = (page: Page) => page.getByTestId('result-total');
const hitCount = (page: Page) => page.locator('[data-hit-id]').count();

describe('without JavaScript', () => {
  it('the search form submits and facets apply through the GET form', async () => {
    const page = await noJs(app.browser);
    await page.goto(`${app.url}/`);
    expect(await page.evaluate(() => 1).catch(() => 'disabled')).toBe(1); // page.evaluate still works; page scripts do not
    await page.getByRole('searchbox', { name: 'Search the findings' }).fill('facebook');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/\?q=facebook$/);
    await waitForText(total(page), /^12 findings/);
    expect(await page.locator('[data-hit-id] mark').count()).toBeGreaterThan(0);

    const aside = page.getByRole('complementary');
    await aside.getByRole('checkbox', { name: /^Essex Police/ }).check();
    await aside.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=facebook/);
    expect(new URL(page.url()).searchParams.getAll('force')).toEqual(['Essex Police']);
    await waitForText(total(page), /^3 findings/);
    expect(await hitCount(page)).toBe(3);
    await screenshot(page, 'no-js-facet-applied');

    // the search form keeps the filters (hidden inputs)
    const box = page.getByRole('searchbox', { name: 'Search the findings' });
    await box.fill('twitter');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=twitter/);
    expect(new URL(page.url()).searchParams.getAll('force')).toEqual(['Essex Police']);

    // chips are plain links
    await page.getByRole('link', { name: 'Remove filter Force: Essex Police' }).click();
    await page.waitForURL((u) => u.searchParams.getAll('force').length === 0);
    expect(await hitCount(page)).toBeGreaterThan(3);
    await page.context().close();
  });

  it('sort, pagination, suggestion and example links work', async () => {
    const page = await noJs(app.browser);
    await page.goto(`${app.url}/`);
    await page.getByRole('navigation', { name: 'Sort results' }).getByRole('link', { name: 'Force' }).click();
    await page.waitForURL(/sort=force/);
    await page.getByRole('navigation', { name: 'Result pages' }).getByRole('link', { name: 'Page 3' }).click();
    await page.waitForURL(/sort=force&page=3/);
    expect(await hitCount(page)).toBe(19); // 59 results, 20 per page
    await page.goto(`${app.url}/?q=hospitalty+zebra`);
    await page.getByRole('link', { name: 'second jobs', exact: true }).click();
    await page.waitForURL(/q=second\+jobs/);
    await waitForText(total(page), /^10 findings/);
    await page.context().close();
  });

  it('at 360 px the facets are shown inline instead of behind the drawer button', async () => {
    const page = await noJs(app.browser, 360);
    await page.goto(`${app.url}/?q=second+jobs`);
    expect(await page.getByRole('button', { name: /^Filters/ }).isVisible()).toBe(false);
    expect(await page.getByRole('complementary').getByRole('checkbox', { name: /^Essex Police/ }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('finding, release and figures pages render', async () => {
    const page = await noJs(app.browser);
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    expect(await page.getByTestId('finding-text').textContent()).toContain('71 applications');
    await page.getByTestId('release-anchor-link').click();
    await page.waitForURL(/#essex-police-2012-7$/);
    await page.getByRole('searchbox', { name: 'Highlight words on this page' }).fill('facebook');
    await page.getByRole('button', { name: 'Highlight' }).click();
    await page.waitForURL(/\/releases\/essex-police-2012\?q=facebook$/);
    expect(await page.locator('main mark').count()).toBeGreaterThan(0);
    await page.goto(`${app.url}/figures`);
    expect(await page.locator('tr[data-force="Essex Police"] td[data-column="secondJobApplications"]').textContent()).toBe('71');
    await page.context().close();
  });
});
