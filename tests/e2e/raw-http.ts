/**
 * One HTTP GET with node:http, body bytes exactly as they came over the wire (fetch decodes gzip
 * and br by itself, and sends its own Accept-Encoding), and a decoder for the encodings the
 * server may answer with.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent (still compressed when Content-Encoding says so). */
  body: Buffer;
}

/** GET `url` with exactly `headers` (no Accept-Encoding unless given). */
export function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** The body decoded as its Content-Encoding says (identity when there is none). */
export function decodedBody(res: RawResponse): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === undefined) return res.body;
  if (encoding === 'gzip') return gunzipSync(res.body);
  if (encoding === 'br') return brotliDecompressSync(res.body);
  throw new Error(`unexpected Content-Encoding ${String(encoding)}`);
}

/** The Vary header's field names, lowercase. */
export function varyOf(res: RawResponse): string[] {
  const vary = res.headers.vary;
  return (Array.isArray(vary) ? vary.join(',') : (vary ?? '')).split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
}
