/**
 * Next.js proxy (runs before routes), two jobs:
 * - permanent (301) redirects from a release's former slugs to its current ones, for release, source
 *   and finding URLs (and a finding's citation downloads), so citations never break;
 * - a strict Content-Security-Policy for every HTML page: a fresh nonce per request, so only the
 *   scripts this response carries (Next.js' own, its streamed flight data, Mantine's colour-scheme
 *   script) run, and no injected inline script does. Next.js reads the nonce from the request's
 *   CSP header and puts it on its scripts; app/layout.tsx reads `x-nonce` for Mantine's.
 * Responses that are not pages (API JSON, CSV, XML, feeds, build assets) never reach the nonce
 * branch: they get a static policy from next.config.js `headers()`.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { aliasRedirect, aliasTableOf } from './lib/engine/alias-redirect';
import { indexDir } from './lib/engine/index-dir';
import { newNonce, pageContentSecurityPolicy } from './lib/engine/page-csp';

/** Paths the matcher lets in only for their alias redirects; they are not HTML pages. */
const REDIRECT_ONLY = /^\/(?:api|sources)\/|^\/findings\/[^/]+\/cite\./;

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const target = aliasRedirect(pathname, aliasTableOf(indexDir()));
  if (target) {
    const url = request.nextUrl.clone();
    url.pathname = target;
    return NextResponse.redirect(url, 301);
  }
  if (REDIRECT_ONLY.test(pathname)) return NextResponse.next();

  const nonce = newNonce();
  const policy = pageContentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    // Every page, i.e. every path but the non-page ones. Keep this list the same as NON_PAGE_PATHS
    // in next.config.js (which gives those paths the static policy); tests/e2e/csp.test.ts checks
    // each kind of path gets exactly one of the two policies. Next.js needs the matcher as literals.
    '/((?!api/|_next/|sources/|icon\\.svg|favicon\\.ico|robots\\.txt|sitemap|opensearch\\.xml|search\\.atom|figures\\.csv|findings/[^/]+/cite\\.).*)',
    // Non-page paths that still need the alias redirects.
    '/api/findings/:id',
    '/api/v1/findings/:id',
    '/sources/:slug',
    '/findings/:id/:file',
  ],
};
