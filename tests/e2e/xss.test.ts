/** Source text containing markup (<script>, <img onerror>) is rendered as text everywhere. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { newPage, useApp, waitForText } from './server';

const FIXTURE = fileURLToPath(new URL('./fixtures/hostile-release.txt', import.meta.url));
const app = useApp({ extraSources: [FIXTURE] });

async function assertInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // the only scripts are Next's own (src or JSON/flight payloads), none from the release text
  const inline = await page.locator('script:not([src])').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  expect(inline.some((t) => t.includes('window.__xss = 1') && !t.includes('self.__next'))).toBe(false);
  expect(await page.locator('main script, main img').count()).toBe(0);
  expect(await page.locator('mark *').count()).toBe(0);
}

describe('hostile source text', () => {
  it('search results show the markup as text', async () => {
    const page = await newPage(app.browser);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${app.url}/?q=window`);
    await waitForText(page.getByTestId('result-total'), /^2 findings/);
    const texts = await page.locator('[data-hit-id] p').allTextContents();
    expect(texts.join('\n')).toContain('<script>window.__xss = 1</script>');
    expect(texts.join('\n')).toContain('<img src=x onerror="window.__xss = 2">');
    const marks = await page.locator('[data-hit-id] mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toContain('window');
    await assertInert(page);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('finding and release pages show the markup as text', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/findings/kent-police-2012-1`);
    expect(await page.getByTestId('finding-text').textContent()).toContain('<script>window.__xss = 1</script>');
    await assertInert(page);
    await page.goto(`${app.url}/releases/kent-police-2012?q=script`);
    expect(await page.locator('#kent-police-2012-1').textContent()).toContain('<script>window.__xss = 1</script>');
    expect(await page.locator('#kent-police-2012-2').textContent()).toContain('<img src=x onerror="window.__xss = 2">');
    await assertInert(page);
    await page.context().close();
  });
});
