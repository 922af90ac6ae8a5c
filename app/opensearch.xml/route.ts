/** GET /opensearch.xml — the OpenSearch 1.1 description (linked from every page's head). */
import { OPENSEARCH_CONTENT_TYPE, openSearchXml } from '@/lib/engine/opensearch';
import { siteUrl } from '@/lib/engine/site-url';

export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(openSearchXml(siteUrl()), { status: 200, headers: { 'Content-Type': OPENSEARCH_CONTENT_TYPE, 'Cache-Control': 'public, max-age=3600' } });
}
