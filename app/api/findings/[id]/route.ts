import { getEngine } from '@/lib/engine/get-engine';
import { findingResponse } from '@/lib/engine/api-responses';
import { toNextResponse } from '@/lib/engine/next-response';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return toNextResponse(findingResponse(getEngine, id));
}
