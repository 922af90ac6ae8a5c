/** GET /search.atom?… — a search (same params as /api/search) as an Atom feed, newest release first. */
import { getEngine } from '@/lib/engine/get-engine';
import { toNextResponse } from '@/lib/engine/next-response';
import { searchFeedResponse } from '@/lib/engine/search-feed';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return toNextResponse(searchFeedResponse(getEngine, new URL(request.url), request.headers.get('if-none-match')));
}
