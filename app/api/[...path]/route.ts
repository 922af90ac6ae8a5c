import { errorResponse } from '@/lib/engine/api-responses';
import { toNextResponse } from '@/lib/engine/next-response';

export const dynamic = 'force-dynamic';

const notFound = () => toNextResponse(errorResponse(404, 'not_found', 'no such API route'));
export { notFound as GET, notFound as POST, notFound as PUT, notFound as DELETE, notFound as PATCH };
