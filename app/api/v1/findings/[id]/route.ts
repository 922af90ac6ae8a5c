/**
 * GET /api/v1/findings/<id> — the versioned name of /api/findings/<id>. The proxy redirects former
 * slugs of /api/findings/ only, so this route answers them itself (301 to the current id).
 */
import { findingResponse } from '@/lib/engine/api-responses';
import { aliasRedirect, aliasTableOf } from '@/lib/engine/alias-redirect';
import { getEngine, indexDir } from '@/lib/engine/get-engine';
import { toNextResponse } from '@/lib/engine/next-response';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const response = findingResponse(getEngine, id);
  if (response.status === 404) {
    const target = aliasRedirect(`/api/v1/findings/${id}`, aliasTableOf(indexDir()));
    if (target) return Response.redirect(new URL(target, request.url), 301);
  }
  return toNextResponse(response);
}
