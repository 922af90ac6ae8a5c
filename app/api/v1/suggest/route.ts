/** GET /api/v1/suggest — the versioned name of /api/suggest (same handler). */
export { GET } from '../../suggest/route';

export const dynamic = 'force-dynamic';
