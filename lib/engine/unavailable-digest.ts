/**
 * `digest` of the error a page throws while no index is being served (lib/engine/get-engine.ts):
 * Next.js passes a thrown error's own digest to app/error.tsx, which then says the index is loading.
 */
export const INDEX_UNAVAILABLE_DIGEST = 'index_unavailable';
