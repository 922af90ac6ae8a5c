/**
 * The site's public origin, for absolute URLs in feeds, the sitemap, OpenSearch and citations:
 * `SITE_URL` (e.g. `https://integrity.example.org`), else `http://localhost:<PORT or 3000>`.
 * Read at call time, so a server picks up its environment, not the build's.
 */

/** The origin (and base path, if any) without a trailing slash. */
export function siteUrl(): string {
  const configured = process.env.SITE_URL?.trim();
  const base = configured ? configured : `http://localhost:${process.env.PORT?.trim() || '3000'}`;
  return base.replace(/\/+$/, '');
}

/** `path` (starting with `/`, query and fragment allowed) on the site's origin. */
export function absoluteUrl(path: string): string {
  return `${siteUrl()}${path.startsWith('/') ? path : `/${path}`}`;
}
