import { getEngine } from '@/lib/engine/get-engine';
import { suggestResponse } from '@/lib/engine/api-responses';
import { toNextResponse } from '@/lib/engine/next-response';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return toNextResponse(suggestResponse(getEngine, new URL(request.url), request.headers.get('if-none-match')));
}
