/** GET /robots.txt — crawl everything but the JSON API; the sitemap index's absolute URL. */
import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/engine/site-url';

// SITE_URL is read when the server runs, not when it was built.
export const dynamic = 'force-dynamic';

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: '/api/' },
    sitemap: absoluteUrl('/sitemap.xml'),
  };
}
