/**
 * The strict Content-Security-Policy: every HTML page gets a fresh nonce (proxy.ts), no
 * 'unsafe-inline' for scripts, and every script the page carries has the nonce, so the pages run
 * without a single CSP violation, with JavaScript (hydrated, interactive) and without it. Non-page
 * responses get the static policy of next.config.js, and no response carries both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../../bench/measure-http';
import { ensureNextBuild, newPage, spawnServer, useApp, waitForText } from './server';

const app = useApp();

/** Pages with a 200 answer: the search (plain, filtered, page 2), a finding, a release and the other pages. */
const PAGES = [
  '/',
  '/?q=second+jobs&force=Essex+Police&topic=second-jobs',
  '/?q=police&page=2',
  '/findings/essex-police-2012-7',
  '/releases/essex-police-2012',
  '/releases',
  '/figures',
  '/compare',
  '/coverage',
];
/** HTML 404 pages: an unknown path, and unknown ids inside known routes. */
const NOT_FOUND_PAGES = ['/no-such-page', '/findings/essex-police-2012-99', '/releases/no-such-release', '/api', '/findings/essex-police-2012-7/no-such-file'];
/** Responses that are not pages, with their status: they must carry the static policy of next.config.js. */
const NON_PAGES: [string, number][] = [
  ['/api/search?q=media', 200],
  ['/api/no-such-route', 404],
  ['/api/findings/essex-police-2012-7', 200],
  ['/figures.csv', 200],
  ['/robots.txt', 200],
  ['/sitemap.xml', 200],
  ['/sitemap/0.xml', 200],
  ['/opensearch.xml', 200],
  ['/search.atom?q=media', 200],
  ['/icon.svg', 200],
  ['/findings/essex-police-2012-7/cite.bib', 200],
  ['/findings/essex-police-2012-7/cite.ris', 200],
];

/** A page policy's script-src: our origin, this response's nonce (128 bits, base64), 'strict-dynamic'. */
const NONCE_SCRIPT_SRC = /^'self' 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'/;

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values.join(' ')]));
}

function nonceOf(policy: string | null): string {
  const match = NONCE_SCRIPT_SRC.exec(directives(policy ?? '').get('script-src') ?? '');
  if (!match) throw new Error(`not a nonce policy: ${policy}`);
  return match[1]!;
}

/** Every opening <script> tag of an HTML document. */
function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/gi) ?? [];
}

interface Violations {
  /** `securitypolicyviolation` events and console messages about the policy, since the page opened. */
  list(): Promise<string[]>;
}

/**
 * Listen for CSP violations before anything on the page runs: an init script registers the
 * `securitypolicyviolation` listener (init scripts are not subject to the page's CSP), and the
 * console is watched for the browser's own "Content Security Policy" messages.
 */
async function watchViolations(page: Page): Promise<Violations> {
  const consoleMessages: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) consoleMessages.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}: ${event.sample}`);
    });
  });
  return {
    async list() {
      const events = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).catch(() => []);
      return [...events, ...consoleMessages];
    },
  };
}

/** Open `path` in a fresh page and wait until React has hydrated it (also for 404 and 500 pages). */
async function openHydrated(browser: Browser, url: string): Promise<{ page: Page; violations: Violations; status: number }> {
  const page = await newPage(browser);
  const violations = await watchViolations(page);
  const response = await page.goto(url);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
  return { page, violations, status: response?.status() ?? 0 };
}

describe('the page policy (headers)', () => {
  it('every page has a nonce policy with no unsafe-inline for scripts, a fresh nonce each request, and not shared-cacheable', async () => {
    for (const path of [...PAGES, ...NOT_FOUND_PAGES]) {
      const first = await fetch(`${app.url}${path}`);
      const second = await fetch(`${app.url}${path}`);
      expect(first.headers.get('content-type'), path).toMatch(/^text\/html/);
      const policy = first.headers.get('content-security-policy')!;
      expect(nonceOf(policy), path).not.toBe(nonceOf(second.headers.get('content-security-policy')));
      const scriptSrc = directives(policy).get('script-src') ?? '';
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, path).not.toContain("'unsafe-eval'");
      expect(directives(policy).get('object-src'), path).toBe("'none'");
      expect(directives(policy).get('frame-ancestors'), path).toBe("'none'");
      expect(first.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(first.headers.get('x-frame-options'), path).toBe('DENY');
      // A nonce is for one response: no shared cache may keep the page and hand it to someone else.
      const cacheControl = first.headers.get('cache-control') ?? '';
      expect(cacheControl, path).toMatch(/\b(private|no-store)\b/);
      expect(cacheControl, path).not.toMatch(/\b(public|s-maxage)\b/);
      await Promise.all([first.text(), second.text()]);
    }
  });

  it('every script tag in the HTML carries the nonce of its response', async () => {
    for (const path of [...PAGES, '/no-such-page']) {
      const response = await fetch(`${app.url}${path}`);
      const nonce = nonceOf(response.headers.get('content-security-policy'));
      const tags = scriptTags(await response.text());
      expect(tags.length, path).toBeGreaterThan(3);
      const inline = tags.filter((tag) => !/\bsrc=/.test(tag));
      expect(inline.length, path).toBeGreaterThan(0);
      expect(tags.filter((tag) => tag.includes('data-mantine-script')), path).toHaveLength(1);
      for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  });

  it('non-page responses carry the static policy (no nonce, no inline scripts) and pages the same policy but script-src', async () => {
    const page = directives((await fetch(`${app.url}/`)).headers.get('content-security-policy')!);
    for (const [path, status] of NON_PAGES) {
      const response = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).not.toMatch(/^text\/html/);
      const policy = response.headers.get('content-security-policy');
      expect(policy, path).toBeTruthy();
      // Two policies on one response would show as one value joined by a comma.
      expect(policy, path).not.toContain(',');
      expect(policy, path).not.toContain('nonce-');
      const staticDirectives = directives(policy!);
      expect(staticDirectives.get('script-src'), path).toBe("'self'");
      for (const [name, value] of page) if (name !== 'script-src') expect(staticDirectives.get(name), `${path} ${name}`).toBe(value);
      expect([...staticDirectives.keys()].sort(), path).toEqual([...page.keys()].sort());
      await response.arrayBuffer();
    }
  });

  it('a page never carries two policies and original sources keep their own', async () => {
    for (const path of PAGES) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.headers.get('content-security-policy'), path).not.toContain(',');
      await response.text();
    }
    const source = await fetch(`${app.url}/sources/essex-police-2012`);
    expect(source.status).toBe(200);
    expect(source.headers.get('content-security-policy')).not.toMatch(/nonce-|script-src 'self'/);
    await source.arrayBuffer();
  });
});

describe('with JavaScript', () => {
  it('every page hydrates with no CSP violation', async () => {
    for (const path of [...PAGES, ...NOT_FOUND_PAGES]) {
      const { page, violations, status } = await openHydrated(app.browser, `${app.url}${path}`);
      expect(status, path).toBe(NOT_FOUND_PAGES.includes(path) ? 404 : 200);
      expect(await page.locator('h1').count(), path).toBe(1);
      expect(await violations.list(), path).toEqual([]);
      await page.context().close();
    }
  });

  it('the toggle and search-as-you-type work without violations, and the colour-scheme script runs on its own', async () => {
    const { page, violations } = await openHydrated(app.browser, `${app.url}/`);
    await page.getByRole('button', { name: 'Toggle dark mode' }).click();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark');

    const box = page.getByRole('combobox', { name: 'Search the findings' });
    await box.pressSequentially('second jobs', { delay: 40 });
    await page.waitForURL(/\?q=second\+jobs$/);
    await waitForText(page.getByTestId('result-total'), /^10 findings/);
    // Client-side navigation loads more code and flight data under the same policy.
    await page.locator('[data-hit-id] a').first().click();
    await page.waitForURL(/\/findings\//);
    await page.getByTestId('finding-text').waitFor();
    expect(await violations.list()).toEqual([]);

    // The stored choice (dark) is applied before paint by Mantine's inline script alone: with every
    // bundle held back React never runs, and the server HTML says light, so dark proves it ran.
    const bare = await page.context().newPage();
    const bareViolations = await watchViolations(bare);
    await bare.route(/\/_next\/static\/.*\.js(\?|$)/, (route) => route.abort());
    await bare.goto(`${app.url}/`);
    expect(await bare.evaluate(() => document.documentElement.hasAttribute('data-hydrated'))).toBe(false);
    expect(await bare.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))).toBe('dark');
    expect(await bareViolations.list()).toEqual([]);
    await page.context().close();
  });

  it('injected inline code without the nonce is blocked (the policy is enforced)', async () => {
    // What markup injection could add: an inline event handler. ('strict-dynamic' would trust a
    // script element created by the page's own scripts, but never inline handlers.)
    const { page, violations } = await openHydrated(app.browser, `${app.url}/`);
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'injected';
      button.textContent = 'injected';
      button.setAttribute('onclick', 'window.injectedRan = true');
      document.body.prepend(button);
    });
    await page.locator('#injected').click();
    expect(await page.evaluate(() => (window as unknown as { injectedRan?: boolean }).injectedRan ?? false)).toBe(false);
    await expect.poll(async () => (await violations.list()).some((v) => /^script-src/.test(v))).toBe(true);
    await page.context().close();
  });
});

describe('without JavaScript', () => {
  it('the search form submits and the results show, with no CSP message', async () => {
    const page = await newPage(app.browser, { javaScriptEnabled: false });
    const messages: string[] = [];
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) messages.push(message.text());
    });
    const response = await page.goto(`${app.url}/`);
    expect(nonceOf(response!.headers()['content-security-policy'] ?? null)).toBeTruthy();
    await page.getByRole('searchbox', { name: 'Search the findings' }).fill('facebook');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/\?q=facebook$/);
    await waitForText(page.getByTestId('result-total'), /^12 findings/);
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    expect(await page.getByTestId('finding-text').textContent()).toContain('71 applications');
    expect(messages).toEqual([]);
    await page.context().close();
  });
});

describe('the error page', () => {
  // The error page shows when a page cannot render, e.g. no index has ever loaded: a second server
  // with no index at all (useApp's server would not start without one).
  let url = '';
  let stop = async () => {};
  beforeAll(async () => {
    const entry = ensureNextBuild();
    const work = mkdtempSync(join(tmpdir(), 'hmic-csp-'));
    const port = await freePort();
    const child = spawnServer(entry, port, { INDEX_DIR: join(work, 'no-index') }, 'ignore');
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
      rmSync(work, { recursive: true, force: true });
    };
    url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const status = await fetch(`${url}/`).then((r) => r.status, () => 0);
      if (status !== 0) break;
      if (Date.now() > deadline) throw new Error('the server (no index) did not answer');
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  afterAll(() => stop());

  it('renders under the nonce policy with no CSP violation', async () => {
    const { page, violations, status } = await openHydrated(app.browser, `${url}/`);
    expect(status).toBe(500);
    await page.getByRole('heading', { name: 'The search index is not available yet' }).waitFor();
    const response = await fetch(`${url}/`);
    const nonce = nonceOf(response.headers.get('content-security-policy'));
    for (const tag of scriptTags(await response.text())) expect(tag).toContain(`nonce="${nonce}"`);
    expect(await violations.list()).toEqual([]);
    await page.context().close();
  });
});
