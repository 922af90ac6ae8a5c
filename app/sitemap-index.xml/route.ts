/**
 * GET /sitemap.xml (rewritten here by next.config.js: a route at /sitemap.xml would clash with
 * app/sitemap.ts) — the sitemap index: one `/sitemap/<n>.xml` (app/sitemap.ts) per 50,000 URLs.
 */
import { getEngine } from '@/lib/engine/get-engine';
import { absoluteUrl } from '@/lib/engine/site-url';
import { sitemapCount, sitemapIndexXml } from '@/lib/engine/sitemap-plan';

export const dynamic = 'force-dynamic';

export function GET() {
  let parts;
  try {
    parts = sitemapCount(getEngine().listReleases());
  } catch {
    return new Response('the search index is not available\n', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return new Response(sitemapIndexXml(parts, absoluteUrl), {
    status: 200,
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}
