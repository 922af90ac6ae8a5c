/**
 * The sitemap parts, `/sitemap/<n>.xml`: release and finding pages with absolute URLs, at most
 * 50,000 a part (lib/engine/sitemap-plan.ts); `/sitemap.xml` (app/sitemap-index.xml/route.ts) indexes them.
 */
import type { MetadataRoute } from 'next';
import { getEngine } from '@/lib/engine/get-engine';
import { absoluteUrl } from '@/lib/engine/site-url';
import { sitemapCount, sitemapPart } from '@/lib/engine/sitemap-plan';

// The index is read at run time (INDEX_DIR), never at build time.
export const dynamic = 'force-dynamic';

export async function generateSitemaps(): Promise<{ id: number }[]> {
  let parts = 1;
  try {
    parts = sitemapCount(getEngine().listReleases());
  } catch {
    /* no index (e.g. at build time): one part, filled at request time */
  }
  return Array.from({ length: parts }, (_, id) => ({ id }));
}

export default async function sitemap({ id }: { id: Promise<string> }): Promise<MetadataRoute.Sitemap> {
  const part = Number(await id);
  return sitemapPart(getEngine().listReleases(), part).map((u) => ({
    url: absoluteUrl(u.path),
    ...(u.lastModified ? { lastModified: u.lastModified } : {}),
  }));
}
