/**
 * Runs once when a Next.js server starts: begin loading the index right away (in slices, in the
 * background), so it is usually serving before the first request; until then the API answers
 * 503 `index_unavailable` and /api/health says so.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { settleIndex } = await import('./lib/engine/get-engine');
  void settleIndex();
}
