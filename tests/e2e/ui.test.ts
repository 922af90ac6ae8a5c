/** Accessibility (axe), colour scheme, small screens, keyboard focus, bundle size; writes screenshots. */
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, useApp, waitForText } from './server';

const app = useApp();

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

const PAGES = ['/', '/?q=second+jobs&force=Essex+Police', '/findings/essex-police-2012-7', '/figures', '/releases', '/releases/essex-police-2012?q=second+jobs'];

describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no serious or critical violations (${scheme})`, async () => {
      const page = await newPage(app.browser, { colorScheme: scheme });
      const problems: string[] = [];
      for (const path of PAGES) {
        await page.goto(`${app.url}${path}`, { waitUntil: 'networkidle' });
        expect(await page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))).toBe(scheme);
        for (const v of await seriousViolations(page)) problems.push(`${path}: ${v}`);
      }
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }

  it('axe passes with the filters drawer open at 360 px', async () => {
    const page = await newPage(app.browser, { viewport: { width: 360, height: 780 } });
    await page.goto(`${app.url}/?q=facebook`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByRole('dialog', { name: 'Filters' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('every page has one h1, landmarks and headings in order', async () => {
    const page = await newPage(app.browser);
    for (const path of PAGES) {
      await page.goto(`${app.url}${path}`);
      const info = await page.evaluate(() => ({
        h1: document.querySelectorAll('h1').length,
        levels: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1])),
        landmarks: ['header', 'nav', 'main', 'footer'].filter((tag) => document.querySelector(tag)),
      }));
      expect(info.h1, path).toBe(1);
      expect(info.levels[0], path).toBe(1);
      info.levels.forEach((level, i) => {
        if (i > 0) expect(level - info.levels[i - 1]!, `${path} heading ${i}`).toBeLessThanOrEqual(1);
      });
      expect(info.landmarks, path).toEqual(['header', 'nav', 'main', 'footer']);
    }
    await page.goto(`${app.url}/`);
    expect(await page.locator('aside').count()).toBe(1);
    await page.context().close();
  });

  it('is keyboard-usable with a visible focus indicator', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => document.activeElement?.textContent);
    expect(skip).toBe('Skip to main content');
    const outline = async () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { tag: el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      const o = await outline();
      expect(o.outline, `${o.tag} focus`).not.toBe('none');
      expect(o.width).toBeGreaterThan(0);
    }
    // tick a facet with the keyboard
    await page.getByRole('complementary').getByRole('checkbox', { name: /^Essex Police/ }).focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/force=Essex\+Police/);
    await waitForText(page.getByTestId('result-total'), /^13 results/);
    await page.context().close();
  });
});

describe('colour scheme', () => {
  it('the toggle flips data-mantine-color-scheme and the choice survives a reload', async () => {
    const page = await newPage(app.browser, { colorScheme: 'light' });
    await page.goto(`${app.url}/?q=facebook`);
    const scheme = () => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
    expect(await scheme()).toBe('light');
    await page.getByRole('button', { name: 'Toggle dark mode' }).click();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await page.reload();
    expect(await scheme()).toBe('dark');
    await screenshot(page, 'search-facebook-dark', false);
    await page.getByRole('button', { name: 'Toggle dark mode' }).click();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-mantine-color-scheme') === 'light');
    await page.reload();
    expect(await scheme()).toBe('light');
    await page.context().close();
  });

  it('dark screenshots of the finding and figures pages', async () => {
    const page = await newPage(app.browser, { colorScheme: 'dark' });
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    await screenshot(page, 'finding-dark');
    await page.goto(`${app.url}/figures`, { waitUntil: 'networkidle' });
    await page.getByTestId('figures-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await screenshot(page, 'figures-dark');
    await page.context().close();
  });
});

describe('small screens', () => {
  it('at 360 px the facets move into a drawer opened by a Filters button', async () => {
    const page = await newPage(app.browser, { viewport: { width: 360, height: 780 } });
    await page.goto(`${app.url}/?q=second+jobs`);
    expect(await page.getByRole('complementary').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'search-360', false);
    const button = page.getByRole('button', { name: /^Filters/ });
    await button.click();
    const drawer = page.getByRole('dialog', { name: 'Filters' });
    await drawer.waitFor();
    const forces = await drawer.getByRole('group', { name: 'Force' }).getByRole('checkbox').count();
    expect(forces).toBe(5);
    await page.waitForTimeout(500); // let the slide-in transition finish
    await screenshot(page, 'search-360-drawer', false);
    await drawer.getByRole('checkbox', { name: /^Essex Police/ }).check();
    await page.waitForURL(/force=Essex\+Police/);
    await waitForText(page.getByTestId('result-total'), /^3 findings/);
    expect(await drawer.getByRole('checkbox', { name: /^Essex Police/ }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(await button.textContent()).toBe('Filters (1 selected)');
    for (const path of ['/findings/essex-police-2012-7', '/figures', '/releases/essex-police-2012']) {
      await page.goto(`${app.url}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await screenshot(page, 'release-360', false);
    await page.context().close();
  });
});

describe('bundle', () => {
  it('first-load JavaScript of / is at most 250 kB gzipped, and the charts are not part of it', async () => {
    const page = await newPage(app.browser);
    const scripts = new Map<string, Buffer>();
    page.on('response', async (res) => {
      if (res.request().resourceType() === 'script' && res.url().startsWith(app.url)) {
        try {
          scripts.set(res.url(), await res.body());
        } catch {
          /* navigated away */
        }
      }
    });
    await page.goto(`${app.url}/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    const gz = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    const raw = [...scripts.values()].reduce((sum, body) => sum + body.length, 0);
    console.log(`first-load JS of /: ${scripts.size} files, ${(raw / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzipped`);
    expect(scripts.size).toBeGreaterThan(0);
    expect(gz).toBeLessThanOrEqual(250 * 1024);
    const all = [...scripts.values()].map((b) => b.toString('utf8')).join('\n');
    expect(all).not.toMatch(/recharts-bar-rectangle/);
    await page.context().close();
  });
});
