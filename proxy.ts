/**
 * Next.js proxy (runs before routes): permanent (301) redirects from a release's former slugs to
 * its current ones, for release, source and finding URLs (and a finding's citation downloads), so citations never break.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { aliasRedirect, aliasTableOf } from './lib/engine/alias-redirect';
import { indexDir } from './lib/engine/index-dir';

export function proxy(request: NextRequest) {
  const target = aliasRedirect(request.nextUrl.pathname, aliasTableOf(indexDir()));
  if (!target) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = target;
  return NextResponse.redirect(url, 301);
}

export const config = {
  matcher: ['/releases/:slug', '/sources/:slug', '/findings/:id', '/findings/:id/:file', '/api/findings/:id'],
};
