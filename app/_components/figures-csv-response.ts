/**
 * GET /figures.csv — the figures table as CSV (same filters and sort as /figures), with an ETag
 * (`If-None-Match` → 304 before any search) and the response cache of lib/engine/response-cache.ts.
 */
import type { HttpResponse } from '@/lib/engine/api-responses';
import type { Engine } from '@/lib/engine/engine';
import { cachedResponse } from '@/lib/engine/response-cache';
import { canonicalParams } from '@/lib/query/params';
import { figureRows, figuresCsv, parseFiguresQuery } from './figures-data';

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };

export function figuresCsvResponse(getEngine: () => Engine, url: URL, ifNoneMatch: string | null = null): HttpResponse {
  const query = parseFiguresQuery(url.searchParams);
  if (!query.ok) return { status: 400, raw: `invalid parameters:\n${query.issues.join('\n')}\n`, headers: TEXT };
  let engine: Engine;
  try {
    engine = getEngine();
  } catch {
    return { status: 503, raw: 'the search index is not available\n', headers: TEXT };
  }
  return cachedResponse({
    kind: 'figures-csv',
    engine,
    // The CSV has every row: the table's page does not change it.
    canonical: JSON.stringify([canonicalParams(query.params, ['page', 'size', 'fields', 'facetLimit']), query.sort, query.dir]),
    ifNoneMatch,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="police-integrity-figures.csv"',
      'Cache-Control': 'public, max-age=60',
    },
    produce() {
      const rows = figureRows(engine, query);
      return { text: figuresCsv(rows), total: rows.length };
    },
  });
}
