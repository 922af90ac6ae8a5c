/**
 * The site's public base URL, for absolute links (export rows, feeds, sitemap, OpenSearch,
 * citations): `SITE_URL` (e.g. `https://integrity.example.org`, trailing slashes dropped), else
 * `http://localhost:<PORT or 3000>`. Read at call time, so the server picks up its environment.
 */

/** The base URL without a trailing slash. */
export function siteUrl(): string {
  const configured = process.env.SITE_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  const port = process.env.PORT?.trim() || '3000';
  return `http://localhost:${port}`;
}

/** `path` (site-relative, e.g. `/findings/essex-police-2012-7`) as an absolute URL. */
export function absoluteUrl(path: string): string {
  return `${siteUrl()}${path.startsWith('/') ? path : `/${path}`}`;
}
