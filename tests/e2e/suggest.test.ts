/** As-you-type suggestions: the API over HTTP, and the search box's combobox by keyboard, with axe. */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, useApp, waitForText } from './server';

const app = useApp();

const box = (page: Page) => page.getByRole('combobox', { name: 'Search the findings' });
const total = (page: Page) => page.getByTestId('result-total');

/**
 * Wait until a client navigation has landed: the URL and the new title. Next swaps the streamed
 * <title> by removing the old one and adding the new, so for some 10–20 ms mid-navigation the page
 * has none, and an axe check that lands there reports document-title.
 */
async function settledOn(page: Page, url: RegExp, title: string): Promise<void> {
  await page.waitForURL(url);
  await page.waitForFunction((expected) => document.title === expected, title, { timeout: 15_000 });
}

async function allViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

describe('GET /api/v1/suggest over HTTP', () => {
  it('offers "second jobs" for "seco" and "Essex Police" for "ess"; /api/suggest is the same', async () => {
    const res = await fetch(`${app.url}/api/v1/suggest?q=seco`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(res.headers.get('etag')).toMatch(/^"/);
    const body = (await res.json()) as { q: string; suggestions: { text: string; count: number; kind: string }[] };
    expect(body.q).toBe('seco');
    expect(body.suggestions).toContainEqual({ text: 'second jobs', count: 10, kind: 'phrase' });
    const counts = body.suggestions.map((s) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const alias = await fetch(`${app.url}/api/suggest?q=ess`);
    expect(((await alias.json()) as typeof body).suggestions).toContainEqual({ text: 'Essex Police', count: 10, kind: 'force' });
    expect(await (await fetch(`${app.url}/api/v1/suggest?q=zzqx`)).json()).toEqual({ q: 'zzqx', suggestions: [] });
    const etag = res.headers.get('etag')!;
    expect((await fetch(`${app.url}/api/v1/suggest?q=seco`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('bad params → 400 invalid_params', async () => {
    for (const query of ['', '?q=', `?q=${'x'.repeat(65)}`]) {
      const res = await fetch(`${app.url}/api/v1/suggest${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_params');
    }
  });
});

describe('the search box offers suggestions', () => {
  it('typing "seco" offers "second jobs"; ↓ and Enter run it; axe finds nothing', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    const input = box(page);
    await input.click();
    await input.pressSequentially('seco', { delay: 60 });
    const listbox = page.getByRole('listbox');
    const option = listbox.getByRole('option', { name: /^second jobs/ });
    await option.waitFor();
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    expect(await input.getAttribute('aria-controls')).toBe(await listbox.getAttribute('id'));
    // Most findings first, each with its kind and count.
    expect(await option.textContent()).toMatch(/second jobs\s*phrase, 10 findings/);
    await waitForText(page.getByTestId('suggest-status'), /suggestions?: ↓ and ↑ to choose/);
    await settledOn(page, /\/\?q=seco$/, '“seco” — search');
    expect(await allViolations(page)).toEqual([]);
    await screenshot(page, 'suggest-seco-light', false);

    // ↓ until "second jobs" is the active option (announced through aria-activedescendant), then Enter.
    const optionId = await option.getAttribute('id');
    for (let i = 0; i < 8 && (await input.getAttribute('aria-activedescendant')) !== optionId; i++) await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe(optionId);
    expect(await input.inputValue()).toBe('seco');
    await page.keyboard.press('Enter');
    await settledOn(page, /\/\?q=second\+jobs$/, '“second jobs” — search');
    expect(await input.inputValue()).toBe('second jobs');
    await waitForText(total(page), /^10 findings/);
    expect(await page.locator('[data-hit-id]').count()).toBe(10);
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await allViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('↑ reaches the suggestions too, Escape clears the box, and Enter without a chosen suggestion searches for what was typed', async () => {
    const page = await newPage(app.browser, { colorScheme: 'dark' });
    await page.goto(`${app.url}/`);
    const input = box(page);
    await input.click();
    await input.pressSequentially('ess', { delay: 60 });
    const essex = page.getByRole('listbox').getByRole('option', { name: /^Essex Police/ });
    await essex.waitFor();
    expect(await essex.textContent()).toMatch(/force, 10 findings/);
    await settledOn(page, /\/\?q=ess$/, '“ess” — search');
    expect(await allViolations(page)).toEqual([]);
    await page.keyboard.press('ArrowUp');
    expect(await input.getAttribute('aria-activedescendant')).toBeTruthy();
    await page.keyboard.press('Escape');
    expect(await input.inputValue()).toBe('');
    await input.pressSequentially('faceb', { delay: 60 });
    await page.getByRole('listbox').getByRole('option', { name: /^facebook\s*word/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/\?q=faceb$/);
    expect(await input.inputValue()).toBe('faceb');
    await page.context().close();
  });
});
