/**
 * Published sources end to end: a server whose index holds only the Word PDFs of the five seeds.
 * A hit's finding page names the PDF and page and links to the original at that page; the
 * original is served byte for byte; former slugs redirect permanently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPage, ROOT, screenshot, useApp } from './server';

const PDF = join(ROOT, 'tests/fixtures/published/pdf');
const FORCES = ['bedfordshire-police', 'cambridgeshire-constabulary', 'essex-police', 'hampshire-constabulary', 'hertfordshire-constabulary'];
const app = useApp({ sources: FORCES.map((f) => join(PDF, `${f}-2012.word.pdf`)) });

describe('a search over PDF sources', () => {
  it('finds "second jobs" and each hit links to the PDF page it came from', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=second+jobs`);
    const first = page.locator('[data-hit-id]').first();
    await first.waitFor();
    const id = await first.getAttribute('data-hit-id');
    expect(id).toMatch(/^(hertfordshire-constabulary|bedfordshire-police|hampshire-constabulary|essex-police|cambridgeshire-constabulary)-2012-\d+$/);
    await page.goto(`${app.url}/findings/${id}`);
    const source = page.getByTestId('source-link');
    const slug = id!.replace(/-\d+$/, '');
    expect(await source.textContent()).toBe(`${slug}.word.pdf, page 2`);
    expect(await source.getAttribute('href')).toBe(`/sources/${slug}#page=2`);
    await screenshot(page, 'finding-from-pdf');

    const response = await page.request.get(`${app.url}/sources/${slug}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await response.body()).equals(readFileSync(join(PDF, `${slug}.word.pdf`)))).toBe(true);
    await page.context().close();
  });

  it('links the Essex finding to where the release was published (sidecar url)', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    expect(await page.getByTestId('finding-source').textContent()).toContain('essex-police-2012.word.pdf, page 2');
    expect(await page.getByRole('link', { name: 'as published' }).getAttribute('href')).toBe(
      'https://www.justiceinspectorates.gov.uk/hmicfrs/media/essex-police-integrity-2012.pdf',
    );
    await page.context().close();
  });
});

describe('former slugs', () => {
  it.each([
    ['/releases/essex-2012', '/releases/essex-police-2012'],
    ['/releases/essex-police-revisited-2012', '/releases/essex-police-2012'],
    ['/findings/essex-2012-7', '/findings/essex-police-2012-7'],
    ['/findings/essex-2012-7/cite.bib', '/findings/essex-police-2012-7/cite.bib'],
    ['/findings/essex-2012-quote-1', '/findings/essex-police-2012-quote-1'],
    ['/api/findings/essex-2012-7', '/api/findings/essex-police-2012-7'],
    ['/sources/essex-2012', '/sources/essex-police-2012'],
  ])('%s answers 301 to %s', async (from, to) => {
    const response = await fetch(`${app.url}${from}`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(new URL(response.headers.get('location')!, app.url).pathname).toBe(to);
  });

  it('lands a reader who follows an old citation on the finding', async () => {
    const page = await newPage(app.browser);
    const response = await page.goto(`${app.url}/findings/essex-2012-7?q=second+jobs`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/findings/essex-police-2012-7');
    expect(new URL(page.url()).search).toBe('?q=second+jobs');
    expect(await page.getByTestId('finding-text').textContent()).toContain('71 applications for second jobs');
    await page.context().close();
  });

  it('leaves unknown slugs a 404', async () => {
    expect((await fetch(`${app.url}/releases/essex-2013`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${app.url}/sources/nothing-here`, { redirect: 'manual' })).status).toBe(404);
  });
});
