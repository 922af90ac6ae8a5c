/** GET /api/v1/search/export — the versioned name of /api/search/export (same handler). */
export { GET } from '../../../search/export/route';

export const dynamic = 'force-dynamic';
