/** GET /findings/<id>/cite.ris — the finding's citation as a download. */
import { getEngine } from '@/lib/engine/get-engine';
import { citeResponse } from '@/lib/engine/cite-response';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const response = citeResponse(getEngine, id, 'ris');
  return new Response(response.body, { status: response.status, headers: response.headers });
}
