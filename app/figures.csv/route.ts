/** GET /figures.csv — the figures table as CSV (same filters and sort as /figures). */
import { getEngine } from '@/lib/engine/get-engine';
import { figureRows, figuresCsv, parseFiguresQuery } from '../_components/figures-data';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  const query = parseFiguresQuery(new URL(request.url).searchParams);
  if (!query.ok) {
    return new Response(`invalid parameters:\n${query.issues.join('\n')}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  let rows;
  try {
    rows = figureRows(getEngine(), query);
  } catch {
    return new Response('the search index is not available\n', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return new Response(figuresCsv(rows), {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="police-integrity-figures.csv"',
      'Cache-Control': 'public, max-age=60',
    },
  });
}
