/** GET /api/v1/search — the versioned name of /api/search (same handler). */
export { GET } from '../../search/route';

export const dynamic = 'force-dynamic';
