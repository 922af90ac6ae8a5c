import { getEngine } from '@/lib/engine/get-engine';
import { sourceResponse } from '@/lib/engine/source-response';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ slug: string }> }) {
  const { slug } = await context.params;
  const response = await sourceResponse(getEngine, slug, request.headers.get('if-none-match'));
  return new Response(response.status === 304 ? null : response.body, { status: response.status, headers: response.headers });
}
