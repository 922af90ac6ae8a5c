/**
 * Content-Security-Policy of the responses that are not pages (API JSON, CSV, XML, feeds, build
 * assets). They run no scripts, so script-src allows no inline script at all. HTML pages get a
 * per-request nonce policy from proxy.ts instead (lib/engine/page-csp.ts, same directives but
 * script-src); nothing is loaded from anywhere else, nothing may frame us, forms post only to us.
 */
import { readFileSync } from 'node:fs';

/** Directives shared with the page policy (lib/data/csp.json), plus scripts from our origin only. */
const sharedDirectives = JSON.parse(readFileSync(new URL('./lib/data/csp.json', import.meta.url), 'utf8')).directives;
const staticCsp = [...sharedDirectives, "script-src 'self'"].join('; ');

/**
 * The paths that are not pages, as a path-to-regexp pattern: exactly the paths proxy.ts's page
 * matcher leaves out (keep the two lists the same; tests/e2e/csp.test.ts checks every kind of path
 * gets exactly one policy). `sources/` is not here: original files set their own headers.
 */
const NON_PAGE_PATHS = '(?:api|_next)/.*|icon\\.svg|favicon\\.ico|robots\\.txt|sitemap.*|opensearch\\.xml|search\\.atom|figures\\.csv|findings/[^/]+/cite\\..*';

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server (.next/standalone/server.js with only the node_modules it uses): what
  // `npm start` runs and what the Dockerfile copies into its image. The index is not part of it:
  // it is read at run time from INDEX_DIR (built into the image or mounted read-only).
  output: 'standalone',
  // File tracing cannot know where INDEX_DIR points, so it collects files named like index files
  // (manifest.json …) and other data from anywhere in the repository; none is read at run time.
  // (Next applies these to the routes' traces; the proxy's and instrumentation's may still list a few.)
  outputFileTracingExcludes: { '*': ['bench/**', 'tests/**', 'seeds/**', 'index/**', 'tmp/**', 'app/**', 'test-results/**'] },
  poweredByHeader: false,
  // One compression layer, in front of the standalone server (server/serve.mjs with
  // server/compression.mjs: gzip or br, per-representation ETags, route handlers too). Next's own
  // gzip would only reach pages: it drops a route handler's Content-Encoding, and it copies the
  // route's Content-Type as an array, which its compression middleware finds "not compressible".
  compress: false,
  // `/api/findings/` must be a JSON 404 like any unknown API path, not a 308 to a page URL.
  skipTrailingSlashRedirect: true,
  reactStrictMode: true,
  // Type checking runs as its own step (`npm run typecheck`, TypeScript 7); the Next build skips it.
  typescript: { ignoreBuildErrors: true },
  experimental: { optimizePackageImports: ['@mantine/core', '@mantine/hooks', '@mantine/charts'] },
  // The index is read at run time from disk; keep flexsearch a plain node require on the server.
  serverExternalPackages: ['flexsearch'],
  async rewrites() {
    // The sitemap index. app/sitemap.ts splits the sitemap (generateSitemaps: /sitemap/<n>.xml), so
    // Next.js serves nothing at /sitemap.xml itself and a route there would clash with it.
    return { beforeFiles: [{ source: '/sitemap.xml', destination: '/sitemap-index.xml' }], afterFiles: [], fallback: [] };
  },
  async headers() {
    // Original source files (`/sources/<slug>`) set their own headers (a sandbox for HTML, none of
    // the page CSP for PDFs so the browser's viewer works). Pages get their CSP from proxy.ts, so
    // the static one goes only to the non-page paths: a page never carries two policies.
    return [
      { source: '/:path((?!sources/).*)', headers: securityHeaders },
      { source: `/:path(${NON_PAGE_PATHS})`, headers: [{ key: 'Content-Security-Policy', value: staticCsp }] },
    ];
  },
};

export default nextConfig;
