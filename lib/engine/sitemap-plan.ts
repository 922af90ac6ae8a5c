/**
 * What the sitemap lists and how it is split: every release page and every finding page, in slug
 * order (each release followed by its findings), cut into sitemaps of at most
 * {@link SITEMAP_MAX_URLS} URLs (the sitemaps.org limit). Pure, so the splitting is testable with
 * made-up counts; `app/sitemap.ts` serves the parts, `/sitemap.xml` is their index.
 */
import { findingId } from '../finding-id';
import { escapeXml, XML_DECLARATION } from './xml';

export const SITEMAP_MAX_URLS = 50_000;

/** What the plan needs of a release (finding ids are `<slug>-<1…findingCount>`). */
export interface SitemapRelease {
  slug: string;
  findingCount: number;
  date: string | null;
}

export interface SitemapUrl {
  path: string;
  /** The release's date (ISO), when known. */
  lastModified?: string;
}

const bySlug = (a: SitemapRelease, b: SitemapRelease) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

/** Number of URLs of all releases. */
export function sitemapUrlCount(releases: readonly SitemapRelease[]): number {
  return releases.reduce((n, r) => n + 1 + r.findingCount, 0);
}

/** Number of sitemaps (at least one, possibly empty). */
export function sitemapCount(releases: readonly SitemapRelease[], max = SITEMAP_MAX_URLS): number {
  return Math.max(1, Math.ceil(sitemapUrlCount(releases) / max));
}

/** The URLs of sitemap `part` (0-based): positions `[part × max, (part + 1) × max)` of the whole list. */
export function sitemapPart(releases: readonly SitemapRelease[], part: number, max = SITEMAP_MAX_URLS): SitemapUrl[] {
  const start = part * max;
  const end = start + max;
  const out: SitemapUrl[] = [];
  if (!Number.isInteger(part) || part < 0) return out;
  let position = 0;
  for (const r of [...releases].sort(bySlug)) {
    const size = 1 + r.findingCount;
    if (position + size <= start) {
      position += size;
      continue;
    }
    if (position >= end) break;
    const lastModified = r.date ?? undefined;
    const at = (path: string): SitemapUrl => (lastModified ? { path, lastModified } : { path });
    // Offset 0 is the release page, offset k its finding k.
    for (let k = Math.max(0, start - position); k < size && position + k < end; k++) {
      out.push(at(k === 0 ? `/releases/${r.slug}` : `/findings/${findingId(r.slug, k)}`));
    }
    position += size;
  }
  return out;
}

/** `/sitemap/<part>.xml`, the address Next.js gives each part of `app/sitemap.ts`. */
export function sitemapPartPath(part: number): string {
  return `/sitemap/${part}.xml`;
}

/** The sitemap index (`/sitemap.xml`) listing the parts, with absolute URLs made by `absolute`. */
export function sitemapIndexXml(parts: number, absolute: (path: string) => string): string {
  const entries = Array.from({ length: parts }, (_, i) => `  <sitemap><loc>${escapeXml(absolute(sitemapPartPath(i)))}</loc></sitemap>`);
  return [XML_DECLARATION, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...entries, '</sitemapindex>', ''].join('\n');
}
