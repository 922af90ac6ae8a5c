/** GET /api/v1/findings/<id> — the versioned name of /api/findings/<id> (same handler; proxy.ts redirects former slugs of both). */
export { GET } from '../../../findings/[id]/route';

export const dynamic = 'force-dynamic';
