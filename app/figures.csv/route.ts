/** GET /figures.csv — the figures table as CSV (same filters and sort as /figures). */
import { getEngine } from '@/lib/engine/get-engine';
import { toNextResponse } from '@/lib/engine/next-response';
import { figuresCsvResponse } from '../_components/figures-csv-response';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return toNextResponse(figuresCsvResponse(getEngine, new URL(request.url), request.headers.get('if-none-match')));
}
