import { getEngine } from '@/lib/engine/get-engine';
import { exportResponse } from '@/lib/engine/export';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return exportResponse(getEngine, new URL(request.url), request.headers.get('if-none-match'));
}
