/**
 * GET /api/search/export?<the params of /api/search>&format=csv|jsonl — every hit of a search
 * (every full match, in the search's sort order; `page`, `size` and `group` are ignored) as CSV or
 * JSON lines, streamed: the result set is ranked once (document numbers only), then documents
 * are read from the index in batches as the client pulls, so memory does not grow with the rows.
 */
import { FIGURE_KEYS } from '../schema';
import type { StoredDoc } from '../index/documents';
import { canonicalParams } from '../query/params';
import { CACHEABLE, engineOrUnavailable, errorResponse, parseSearchRequest, type ApiResponse } from './api-responses';
import { etagOf, ifNoneMatchHits } from './response-cache';
import type { Engine } from './engine';
import { toNextResponse } from './next-response';
import { absoluteUrl } from './site-url';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Documents read (and encoded into one chunk) per pull. */
export const EXPORT_BATCH = 500;

/** Columns of both formats, in order. */
export const EXPORT_COLUMNS = ['id', 'url', 'force', 'region', 'inspection', 'year', 'section', 'topics', ...FIGURE_KEYS, 'text'] as const;

export interface ExportRow {
  id: string;
  url: string;
  force: string | null;
  region: string | null;
  inspection: string | null;
  year: number | null;
  section: string;
  topics: string[];
  secondJobApplications: number | null;
  secondJobsApproved: number | null;
  socialMediaCases: number | null;
  mediaDisclosureInvestigations: number | null;
  conductInvestigations: number | null;
  text: string;
}

export function exportRow(doc: StoredDoc): ExportRow {
  const row = {
    id: doc.id,
    url: absoluteUrl(`/findings/${doc.id}`),
    force: doc.force,
    region: doc.region,
    inspection: doc.inspection,
    year: doc.year,
    section: doc.section,
    topics: doc.topics,
  } as ExportRow;
  for (const key of FIGURE_KEYS) row[key] = doc.figures[key]?.value ?? null;
  row.text = doc.text;
  return row;
}

/** A CSV cell: quoted when needed; text a spreadsheet would run as a formula is prefixed with `'`. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(row: ExportRow): string {
  return `${EXPORT_COLUMNS.map((c) => csvCell(c === 'topics' ? row.topics.join(';') : row[c])).join(',')}\r\n`;
}

/** The rows of a cursor as a byte stream (one chunk per batch, pulled on demand). */
export function exportStream(cursor: ReturnType<Engine['exportCursor']>, format: ExportFormat, batch = EXPORT_BATCH): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = format !== 'csv';
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let chunk = '';
        if (!headerSent) {
          chunk = `${EXPORT_COLUMNS.join(',')}\r\n`;
          headerSent = true;
        }
        const docs = cursor.next(batch);
        for (const doc of docs) {
          const row = exportRow(doc);
          chunk += format === 'csv' ? csvLine(row) : `${JSON.stringify(row)}\n`;
        }
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (docs.length === 0) controller.close();
      },
      // The client went away: let go of the engine (a reload may be waiting to close it).
      cancel() {
        cursor.close();
      },
    },
    { highWaterMark: 1 },
  );
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/**
 * Validate the request and stream the export, or answer 400/503 JSON like /api/search. The ETag
 * is known before any search (lib/engine/response-cache.ts), so `If-None-Match` → 304 ranks
 * nothing; bodies are streamed, never kept in the response cache (one could be the whole corpus).
 */
export function exportResponse(getEngine: () => Engine, url: URL, ifNoneMatch: string | null = null): Response {
  const request = parseSearchRequest(url);
  const format = url.searchParams.get('format') ?? 'csv';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    const issue = { path: 'format', message: `format must be one of ${EXPORT_FORMATS.join(', ')}` };
    const issues = request.ok ? [issue] : [...(((request.response.body as { error: { issues?: unknown[] } }).error.issues ?? []) as unknown[]), issue];
    return toNextResponse(errorResponse(400, 'invalid_params', 'invalid params', issues));
  }
  if (!request.ok) return toNextResponse(request.response);
  const engine = engineOrUnavailable(getEngine);
  if (!engine.ok) return toNextResponse(engine.response);
  // page, size, group, fields and facetLimit do not change an export.
  const etag = etagOf(`export-${format}`, engine.engine, canonicalParams(request.params, ['page', 'size', 'group', 'fields', 'facetLimit']));
  if (ifNoneMatchHits(ifNoneMatch, etag)) return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': CACHEABLE['Cache-Control'] } });
  let cursor;
  try {
    cursor = engine.engine.exportCursor(request.params);
  } catch (error) {
    const failed: ApiResponse = errorResponse(500, 'internal', (error as Error).message);
    return toNextResponse(failed);
  }
  return new Response(exportStream(cursor, format as ExportFormat), {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[format as ExportFormat],
      'Content-Disposition': `attachment; filename="hmic-search-results.${format}"`,
      'Cache-Control': CACHEABLE['Cache-Control'],
      ETag: etag,
      'X-Total-Count': String(cursor.total),
      // A stream: the compression layer (server/compression.mjs) and any proxy in front pass it on
      // as it comes instead of holding the body back.
      'X-Accel-Buffering': 'no',
    },
  });
}
