import { noResultsResponse } from '@/lib/engine/no-results-response';
import { zeroResultStore } from '@/lib/engine/record-search-outcome';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  const response = noResultsResponse(
    { url: new URL(request.url), authorization: request.headers.get('authorization'), accept: request.headers.get('accept') },
    () => zeroResultStore().entries(),
  );
  return new Response(response.body, { status: response.status, headers: response.headers });
}
