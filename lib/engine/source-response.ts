/**
 * `GET /sources/<slug>`: exactly the file a release was indexed from, as stored in the index
 * (never a path from the request), with its own content type. Independent of Next.js for tests.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { SOURCE_CONTENT_TYPES } from '../ingest/readers/source-format';
import { isSlugShaped } from '../schema';
import type { Engine } from './engine';

export interface FileResponse {
  status: number;
  body: Uint8Array<ArrayBuffer> | string;
  headers: Record<string, string>;
}

const NOT_FOUND: FileResponse = {
  status: 404,
  body: 'no such source\n',
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
};

/**
 * Headers for a stored source. HTML pages are served as HTML (the right type) but inside a CSP
 * sandbox that allows nothing: their scripts never run and they load nothing, on our origin or
 * any other. The ETag is the file's sha256 (a source's bytes never change under its slug's build).
 */
function headersFor(format: keyof typeof SOURCE_CONTENT_TYPES, name: string, bytes: number, sha256: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': SOURCE_CONTENT_TYPES[format],
    'Content-Length': String(bytes),
    'Content-Disposition': `inline; filename="${name.replace(/[^\w.-]+/g, '_')}"`,
    'Cache-Control': 'public, max-age=3600',
    ETag: `"${sha256}"`,
    'X-Content-Type-Options': 'nosniff',
  };
  if (format === 'html') headers['Content-Security-Policy'] = "sandbox; default-src 'none'; style-src 'unsafe-inline'";
  else headers['Content-Security-Policy'] = "default-src 'none'; frame-ancestors 'self'";
  return headers;
}

export async function sourceResponse(getEngine: () => Engine, slug: string, ifNoneMatch: string | null): Promise<FileResponse> {
  if (!isSlugShaped(slug)) return NOT_FOUND;
  let stored;
  try {
    stored = getEngine().getSource(slug);
  } catch {
    return { ...NOT_FOUND, status: 503, body: 'the search index is not available\n' };
  }
  if (!stored) return NOT_FOUND;
  const { source } = stored;
  const headers = headersFor(source.format, stored.name, source.bytes, source.sha256);
  if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(headers.ETag!)) {
    delete headers['Content-Length'];
    return { status: 304, body: '', headers };
  }
  let body: Buffer;
  try {
    body = await readFile(stored.file);
  } catch {
    return NOT_FOUND;
  }
  // The copy is content-addressed: refuse to serve bytes that are not the indexed file.
  if (createHash('sha256').update(body).digest('hex') !== source.sha256) return { ...NOT_FOUND, status: 500, body: 'stored source is damaged\n' };
  return { status: 200, body: new Uint8Array(body), headers };
}
