import { indexStatus } from '@/lib/engine/get-engine';
import { healthResponse } from '@/lib/engine/health-response';
import { toNextResponse } from '@/lib/engine/next-response';

export const dynamic = 'force-dynamic';

export function GET() {
  return toNextResponse(healthResponse(indexStatus()));
}
