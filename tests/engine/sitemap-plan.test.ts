/** Sitemap splitting (made-up counts past 50,000 URLs) and the real seeds' sitemap. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';
import { SITEMAP_MAX_URLS, sitemapCount, sitemapIndexXml, sitemapPart, sitemapUrlCount, type SitemapRelease } from '../../lib/engine/sitemap-plan';

const release = (slug: string, findingCount: number): SitemapRelease => ({ slug, findingCount, date: null });

/** Every URL in order, written out the slow way. */
function everyPath(releases: SitemapRelease[]): string[] {
  return [...releases]
    .sort((a, b) => a.slug.localeCompare(b.slug))
    .flatMap((r) => [`/releases/${r.slug}`, ...Array.from({ length: r.findingCount }, (_, i) => `/findings/${r.slug}-${i + 1}`)]);
}

describe('sitemap split', () => {
  it('counts parts of at most 50,000 URLs', () => {
    expect(SITEMAP_MAX_URLS).toBe(50_000);
    expect(sitemapCount([])).toBe(1);
    expect(sitemapCount([release('a', 49_999)])).toBe(1); // exactly 50,000 URLs
    expect(sitemapCount([release('a', 50_000)])).toBe(2); // 50,001
    expect(sitemapCount([release('a', 60_000), release('b', 39_998), release('c', 5)])).toBe(3);
  });

  it('cuts the whole list into consecutive parts, each URL exactly once', () => {
    // Out of slug order on purpose: parts follow slug order.
    const releases = [release('c', 5), release('a', 60_000), release('b', 39_998)];
    const all = everyPath(releases);
    expect(sitemapUrlCount(releases)).toBe(all.length);
    expect(all.length).toBe(100_006);
    const parts = Array.from({ length: sitemapCount(releases) }, (_, i) => sitemapPart(releases, i).map((u) => u.path));
    expect(parts.map((p) => p.length)).toEqual([50_000, 50_000, 6]);
    expect(parts.flat()).toEqual(all);
    expect(parts[1]![0]).toBe('/findings/a-50000');
    // a and b fill the first two parts exactly (60,001 + 39,999 URLs): c is the third.
    expect(parts[2]).toEqual(['/releases/c', '/findings/c-1', '/findings/c-2', '/findings/c-3', '/findings/c-4', '/findings/c-5']);
    expect(sitemapPart(releases, 3)).toEqual([]);
    expect(sitemapPart(releases, -1)).toEqual([]);
  });

  it('splits with a small limit too', () => {
    const releases = [release('x', 3), release('y', 0), release('z', 2)];
    expect(sitemapCount(releases, 2)).toBe(4);
    const parts = [0, 1, 2, 3].map((i) => sitemapPart(releases, i, 2).map((u) => u.path));
    expect(parts).toEqual([['/releases/x', '/findings/x-1'], ['/findings/x-2', '/findings/x-3'], ['/releases/y', '/releases/z'], ['/findings/z-1', '/findings/z-2']]);
  });

  it('indexes the parts with absolute URLs', () => {
    expect(sitemapIndexXml(2, (p) => `https://example.org${p}`)).toContain(
      '<sitemap><loc>https://example.org/sitemap/0.xml</loc></sitemap>\n  <sitemap><loc>https://example.org/sitemap/1.xml</loc></sitemap>',
    );
  });
});

describe('sitemap of the seeds', () => {
  let seed: SeedIndex;
  beforeAll(async () => {
    seed = await buildSeedIndex();
  });
  afterAll(() => seed?.cleanup());

  it('lists the 5 releases and 42 findings, every one a real page', () => {
    const releases = seed.engine.listReleases();
    expect(sitemapCount(releases)).toBe(1);
    const paths = sitemapPart(releases, 0).map((u) => u.path);
    const findings = paths.filter((p) => p.startsWith('/findings/'));
    expect(paths.filter((p) => p.startsWith('/releases/'))).toHaveLength(5);
    expect(findings).toHaveLength(42);
    for (const p of findings) expect(seed.engine.getFinding(p.slice('/findings/'.length))?.finding.kind).toBe('finding');
  });
});
