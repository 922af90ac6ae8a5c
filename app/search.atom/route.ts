/** GET /search.atom?… — a search (same params as /api/search) as an Atom feed, newest release first. */
import { getEngine } from '@/lib/engine/get-engine';
import { searchFeedResponse } from '@/lib/engine/search-feed';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  const response = searchFeedResponse(getEngine, new URL(request.url));
  return new Response(response.body, { status: response.status, headers: response.headers });
}
