/**
 * Content-Security-Policy the pages work under. Next.js streams its flight data and Mantine sets its
 * colour scheme with small inline scripts, so scripts allow 'unsafe-inline' from our own origin only;
 * nothing is loaded from anywhere else, nothing may frame us, and forms post only to us.
 */
const csp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: csp },
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
    // the page CSP for PDFs so the browser's viewer works); everything else gets the page policy.
    return [{ source: '/:path((?!sources/).*)', headers: securityHeaders }];
  },
};

export default nextConfig;
