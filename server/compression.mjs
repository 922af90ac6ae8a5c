/**
 * The one compression layer of the server (`serve.mjs` puts it in front of Next's standalone
 * request handler; `next.config.js` turns Next's own `compress` off). Plain ESM with only Node's
 * own `zlib`, so it runs beside `server.js` in the standalone output and in the Docker image.
 *
 * Why here and not in the routes: Next 16 drops a route handler's own `Content-Encoding` (and
 * `Content-Length`, `Transfer-Encoding`) in `next/dist/server/send-response.js`, and copies the
 * route's headers with its own `appendHeader` (`next/dist/server/base-http/node.js`), which sets
 * every value as an array — and the `compression` middleware Next bundles reads an array
 * `Content-Type` as "not compressible": Next gzipped pages but no route handler (API JSON, CSV,
 * Atom, sitemap XML), and would have given its gzip body the identity body's ETag.
 *
 * What it does, per request:
 * - negotiates `br` or `gzip` from `Accept-Encoding` (q-values, `*`, `x-gzip`; br when both are
 *   equally acceptable), nothing for HEAD;
 * - compresses responses whose `Content-Type` is text (text/*, JSON, XML and their `+json`/`+xml`
 *   kinds, JavaScript, NDJSON, SVG, BibTeX, RIS) and whose body reaches {@link THRESHOLD} bytes —
 *   not 1xx/204/206/304, not `Cache-Control: no-transform`, not a body already encoded;
 * - sends `Vary: Accept-Encoding` on every response of a compressible type (compressed or not: the
 *   representation depends on the header either way) and on every 304;
 * - gives each compressed representation its own ETag, the identity one with the coding as suffix
 *   (`"abc"` → `"abc-gzip"` / `"abc-br"`, as Apache's mod_deflate does), and maps such tags in
 *   `If-None-Match` back to the identity tag the app computes when the client still accepts that
 *   coding, so a 304 works per representation (and names the client's tag);
 * - holds a compressible body back until its size is known (Next sends its headers with
 *   `flushHeaders()` before the first chunk, with no `Content-Length`): a body that ends within
 *   {@link HOLD_LIMIT} bytes — every API, CSV, feed and sitemap body — goes out as
 *   it is below {@link THRESHOLD}, else compressed in one zlib call, with its `Content-Length`;
 * - streams the rest: a body the app marks as a stream (`X-Accel-Buffering: no`, as the export
 *   does; held only up to {@link THRESHOLD}), one it flushed (Next calls `res.flush()` after every
 *   chunk) without ending it within that turn (streamed pages), or one past {@link HOLD_LIMIT},
 *   goes through one zlib stream, flushed at the end of each turn the app
 *   flushed in, with backpressure both ways (the app's `write()` returns false while zlib is full,
 *   zlib pauses while the socket is), so a streamed export stays bounded in memory.
 */
import zlib from 'node:zlib';

/** Bodies smaller than this (bytes) are sent as they are. */
export const THRESHOLD = 1024;
/** gzip level (1–9). 6 is zlib's default; see README "HTTP caching" for the cost measured. */
export const GZIP_LEVEL = 6;
/** Brotli quality (0–11): 4 costs about what gzip 6 does and is ~10 % smaller on search JSON. */
export const BROTLI_QUALITY = 4;
/** A body is held back up to this many bytes waiting for its end (then compressed in one go), else streamed. */
export const HOLD_LIMIT = 256 * 1024;

/** @typedef {'br' | 'gzip'} Coding */

const SUFFIX = /^(W\/)?"(.*)-(gzip|br)"$/;
const TAG = /^(W\/)?"([^"]*)"$/;

/**
 * The coding to use for an `Accept-Encoding` value: `br` or `gzip` (the client's higher q-value
 * wins, br on a tie), or null (nothing acceptable but identity).
 * @param {string | string[] | undefined} header
 * @returns {Coding | null}
 */
export function negotiate(header) {
  const q = acceptedCodings(header);
  const br = q.br ?? q['*'] ?? 0;
  const gzip = q.gzip ?? q['x-gzip'] ?? q['*'] ?? 0;
  if (br <= 0 && gzip <= 0) return null;
  return br >= gzip ? 'br' : 'gzip';
}

/**
 * q-value per coding named in an `Accept-Encoding` value (lowercase names).
 * @param {string | string[] | undefined} header
 * @returns {Record<string, number>}
 */
function acceptedCodings(header) {
  /** @type {Record<string, number>} */
  const out = {};
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return out;
  for (const part of value.split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const m = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (m) q = Math.min(1, Number(m[1]) || 0);
    }
    const key = name.toLowerCase();
    out[key] = Math.max(out[key] ?? 0, q);
  }
  return out;
}

/** True when the client accepts `coding` (q > 0). */
function accepts(/** @type {Record<string, number>} */ q, /** @type {Coding} */ coding) {
  return (coding === 'gzip' ? q.gzip ?? q['x-gzip'] ?? q['*'] ?? 0 : q.br ?? q['*'] ?? 0) > 0;
}

/**
 * True for a `Content-Type` worth compressing (text of any kind). Accepts the array Next's
 * `appendHeader` sets.
 * @param {unknown} contentType
 */
export function compressibleType(contentType) {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  if (typeof value !== 'string') return false;
  const type = value.split(';')[0].trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /^application\/(json|xml|javascript|ecmascript|x-javascript|x-ndjson|x-bibtex|x-research-info-systems)$/.test(type) ||
    /^application\/[\w.-]+\+(json|xml)$/.test(type) ||
    type === 'image/svg+xml'
  );
}

/**
 * The ETag of a compressed representation: the identity tag with `-<coding>` inside the quotes
 * (weak stays weak); null for a malformed tag (then the compressed response carries none).
 * @param {string} etag
 * @param {Coding} coding
 */
export function codedEtag(etag, coding) {
  const m = TAG.exec(etag.trim());
  return m ? `${m[1] ?? ''}"${m[2]}-${coding}"` : null;
}

/**
 * Rewrite an `If-None-Match` value for the app: a tag of a compressed representation (`"x-gzip"`)
 * whose coding the client accepts becomes the identity tag (`"x"`), the one the app computes and
 * compares; other tags stay as they are (a `-br` tag from a client that no longer accepts br
 * matches nothing). Returns the new value and, per identity opaque tag, the codings the client
 * named it with (to answer a 304 with the client's own tag).
 * @param {string} header
 * @param {string | string[] | undefined} acceptEncoding
 * @returns {{ header: string, coded: Map<string, Coding[]> }}
 */
export function rewriteIfNoneMatch(header, acceptEncoding) {
  const q = acceptedCodings(acceptEncoding);
  /** @type {Map<string, Coding[]>} */
  const coded = new Map();
  const tags = header.split(',').map((t) => t.trim()).filter(Boolean);
  const rewritten = tags.map((tag) => {
    const m = SUFFIX.exec(tag);
    if (!m) return tag;
    const coding = /** @type {Coding} */ (m[3]);
    if (!accepts(q, coding)) return tag;
    const list = coded.get(m[2]) ?? [];
    list.push(coding);
    coded.set(m[2], list);
    return `${m[1] ?? ''}"${m[2]}"`;
  });
  return { header: rewritten.join(', '), coded };
}

/** @param {unknown} value */
const headerText = (value) => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value));

/**
 * Add `Accept-Encoding` to the response's Vary (kept as one header line).
 * @param {import('node:http').ServerResponse} res
 */
function varyOnAcceptEncoding(res) {
  const vary = headerText(res.getHeader('Vary'));
  const fields = vary.split(',').map((f) => f.trim().toLowerCase());
  if (fields.includes('accept-encoding') || fields.includes('*')) return;
  res.setHeader('Vary', vary.trim() ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/** @param {unknown} chunk @param {BufferEncoding | undefined} encoding */
function toBuffer(chunk, encoding) {
  if (chunk === undefined || chunk === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), encoding);
}

/**
 * @typedef {object} CompressionOptions
 * @property {number} [threshold] bytes below which a body is sent as it is
 * @property {number} [holdLimit] bytes held back waiting for the end of the body before streaming
 * @property {number} [gzipLevel]
 * @property {number} [brotliQuality]
 */

/** zlib options of a coding (one-shot and streaming alike). */
function zlibOptions(/** @type {Coding} */ coding, /** @type {CompressionOptions} */ options, /** @type {number} */ sizeHint) {
  if (coding === 'gzip') return { level: options.gzipLevel ?? GZIP_LEVEL };
  return {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: options.brotliQuality ?? BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      ...(sizeHint > 0 ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint } : {}),
    },
  };
}

/**
 * Install the layer on one request/response pair, before the app sees either.
 *
 * A compressible response is held back (headers and body) until its size is known:
 * - the body ends within {@link HOLD_LIMIT} bytes (every API, CSV and feed body that is not an
 *   export): below {@link THRESHOLD} it goes out as it is, else compressed in one go (one zlib call
 *   on this thread: a zlib stream per response would cost several times the compression itself)
 *   with its `Content-Length`;
 * - the app marked the response as a stream (`X-Accel-Buffering: no`) and {@link THRESHOLD} bytes
 *   came, or it flushed and the turn ended without the end of the body, or more than
 *   {@link HOLD_LIMIT} bytes came: a stream (the export, streamed pages), through one zlib stream
 *   with backpressure both ways, flushed at the end of each turn the app flushed in.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {CompressionOptions} [options]
 */
export function compress(req, res, options = {}) {
  const threshold = options.threshold ?? THRESHOLD;
  /** How much of a body is held back waiting for its end; only the threshold for a response the app marks as a stream. */
  let holdLimit = Math.max(threshold, options.holdLimit ?? HOLD_LIMIT);
  const acceptEncoding = req.headers['accept-encoding'];
  const coding = req.method === 'HEAD' ? null : negotiate(acceptEncoding);

  /** Codings the client named its cached tags with, per identity opaque tag (If-None-Match). */
  let clientCoded = /** @type {Map<string, Coding[]>} */ (new Map());
  const ifNoneMatch = req.headers['if-none-match'];
  if (typeof ifNoneMatch === 'string' && ifNoneMatch) {
    const rewritten = rewriteIfNoneMatch(ifNoneMatch, acceptEncoding);
    req.headers['if-none-match'] = rewritten.header;
    clientCoded = rewritten.coded;
  }

  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders, emit: res.emit };
  /**
   * 'headers': nothing decided; 'held': compressible, headers and body held until the size is
   * known; 'identity': passed through as it is; 'streaming': through a zlib stream.
   */
  let state = /** @type {'headers' | 'held' | 'identity' | 'streaming'} */ ('headers');
  /** @type {Buffer[]} */
  let held = [];
  let heldBytes = 0;
  /** @type {zlib.Gzip | zlib.BrotliCompress | null} */
  let stream = null;
  let ended = false;
  /** @type {NodeJS.Immediate | null} */
  let flushTimer = null;

  /** Send the headers as they are now (Node's own writeHead keeps a statusMessage set before). */
  const sendHeaders = () => original.writeHead.call(res, res.statusCode);

  /** Set the headers of the coded representation. */
  function codedHeaders(/** @type {Coding} */ codingName) {
    const etag = res.getHeader('ETag');
    if (etag !== undefined) {
      const tag = codedEtag(headerText(etag), codingName);
      if (tag) res.setHeader('ETag', tag);
      else res.removeHeader('ETag');
    }
    res.setHeader('Content-Encoding', codingName);
    res.removeHeader('Content-Length');
  }

  /** From the status and headers alone: identity, or held (size unknown or small enough to hold), or streaming (declared larger than we hold). */
  function decide() {
    if (res.statusCode === 304) {
      varyOnAcceptEncoding(res);
      // The app matched the identity tag: answer with the tag the client named it by.
      const etag = headerText(res.getHeader('ETag'));
      const m = TAG.exec(etag);
      const named = m ? clientCoded.get(m[2]) : undefined;
      if (named?.length) res.setHeader('ETag', /** @type {string} */ (codedEtag(etag, coding && named.includes(coding) ? coding : /** @type {Coding} */ (named[0]))));
      return 'identity';
    }
    if (!compressibleType(res.getHeader('Content-Type'))) return 'identity';
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headerText(res.getHeader('Cache-Control')))) return 'identity';
    varyOnAcceptEncoding(res);
    if (!coding) return 'identity';
    const status = res.statusCode;
    if (status < 200 || status === 204 || status === 206 || res.getHeader('Content-Range') !== undefined) return 'identity';
    const existing = headerText(res.getHeader('Content-Encoding')).trim().toLowerCase();
    if (existing && existing !== 'identity') return 'identity';
    // The app's "this is a stream" (nginx's header, also heeded by proxies in front): hold only
    // what the threshold needs, then stream.
    if (headerText(res.getHeader('X-Accel-Buffering')).trim().toLowerCase() === 'no') holdLimit = threshold;
    const declared = res.getHeader('Content-Length');
    if (declared !== undefined) {
      const length = Number(headerText(declared));
      if (Number.isFinite(length) && length < threshold) return 'identity';
      if (Number.isFinite(length) && length > holdLimit) return 'streaming';
    }
    return 'held';
  }

  /** Decide once, when the headers are about to go out (writeHead, flushHeaders, first write, end). */
  function settleHeaders() {
    if (state !== 'headers') return;
    const decision = decide();
    if (decision === 'identity') {
      state = 'identity';
      sendHeaders();
    } else if (decision === 'streaming') startStreaming();
    else state = 'held';
  }

  /** Switch to a zlib stream (held bytes go in first) and send the coded headers. */
  function startStreaming() {
    const codingName = /** @type {Coding} */ (coding);
    const declared = Number(headerText(res.getHeader('Content-Length')));
    codedHeaders(codingName);
    const z = codingName === 'br' ? zlib.createBrotliCompress(zlibOptions('br', options, declared > 0 ? declared : 0)) : zlib.createGzip(zlibOptions('gzip', options, 0));
    stream = z;
    state = 'streaming';
    z.on('data', (chunk) => {
      if (original.write.call(res, chunk) === false) z.pause();
    });
    z.on('end', () => original.end.call(res));
    // zlib can take more: now the app may write again.
    z.on('drain', () => original.emit.call(res, 'drain'));
    z.on('error', (error) => res.destroy(error));
    sendHeaders();
    const chunks = held;
    held = [];
    heldBytes = 0;
    let ok = true;
    for (const chunk of chunks) ok = z.write(chunk) && ok;
    return ok;
  }

  /** The whole body is here and was held: send it as it is, or compressed in one go, with its length. */
  function sendHeld(/** @type {(() => void) | undefined} */ callback) {
    let body = held.length === 1 ? /** @type {Buffer} */ (held[0]) : Buffer.concat(held);
    held = [];
    heldBytes = 0;
    if (body.length >= threshold) {
      const codingName = /** @type {Coding} */ (coding);
      body = codingName === 'br' ? zlib.brotliCompressSync(body, zlibOptions('br', options, body.length)) : zlib.gzipSync(body, zlibOptions('gzip', options, 0));
      codedHeaders(codingName);
    }
    res.setHeader('Content-Length', body.length);
    state = 'identity';
    sendHeaders();
    return original.end.call(res, body, callback);
  }

  res.writeHead = /** @type {typeof res.writeHead} */ (
    function writeHead(/** @type {number} */ statusCode, /** @type {any} */ reason, /** @type {any} */ headers) {
      if (state === 'identity' || state === 'streaming') return original.writeHead.apply(res, /** @type {any} */ (arguments));
      // Held: record the status and headers; they go out once the decision is made.
      res.statusCode = statusCode;
      if (typeof reason === 'string') res.statusMessage = reason;
      else headers = reason;
      if (Array.isArray(headers)) {
        // Either [[name, value], …] or a flat [name, value, name, value, …].
        const pairs = Array.isArray(headers[0]) ? headers : headers.flatMap((_, i) => (i % 2 ? [] : [[headers[i], headers[i + 1]]]));
        for (const [name, value] of pairs) res.appendHeader(name, value);
      } else if (headers) {
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
      }
      settleHeaders();
      return res;
    }
  );

  res.flushHeaders = function flushHeaders() {
    settleHeaders();
    if (state === 'identity' || state === 'streaming') original.flushHeaders.call(res);
  };

  res.write = /** @type {typeof res.write} */ (
    function write(/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ callback) {
      if (ended) return false;
      if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
      settleHeaders();
      if (state === 'identity') return original.write.call(res, chunk, encoding, callback);
      const buffer = toBuffer(chunk, encoding);
      if (state === 'streaming') return /** @type {zlib.Gzip} */ (stream).write(buffer, callback);
      held.push(buffer);
      heldBytes += buffer.length;
      if (callback) process.nextTick(callback);
      return heldBytes > holdLimit ? startStreaming() : true;
    }
  );

  res.end = /** @type {typeof res.end} */ (
    function end(/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ callback) {
      if (ended) return res;
      if (typeof chunk === 'function') [callback, chunk, encoding] = [chunk, undefined, undefined];
      else if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
      settleHeaders();
      ended = true;
      if (flushTimer) clearImmediate(flushTimer);
      if (state === 'identity') return original.end.call(res, chunk, encoding, callback);
      const buffer = toBuffer(chunk, encoding);
      if (state === 'streaming') {
        if (callback) res.once('finish', callback);
        /** @type {zlib.Gzip} */ (stream).end(buffer.length ? buffer : undefined);
        return res;
      }
      if (buffer.length) held.push(buffer);
      sendHeld(callback);
      return res;
    }
  );

  /** Next calls this after every chunk it writes: send what there is, at the end of this turn. */
  res.flush = function flush() {
    if (ended || flushTimer || state === 'identity') return;
    flushTimer = setImmediate(() => {
      flushTimer = null;
      if (ended) return;
      settleHeaders();
      // The body did not end within the turn it was flushed in: a stream.
      if (state === 'held') startStreaming();
      if (state === 'streaming') /** @type {zlib.Gzip} */ (stream).flush();
    });
  };

  // The socket's 'drain' means zlib may push again; the app hears 'drain' only when zlib can take
  // more (zlib's own 'drain', re-emitted above).
  res.emit = /** @type {typeof res.emit} */ (
    function emit(/** @type {string | symbol} */ event, /** @type {any[]} */ ...args) {
      if (event === 'drain' && state === 'streaming') {
        stream?.resume();
        return true;
      }
      return original.emit.call(res, event, ...args);
    }
  );

  // A client that goes away mid-body: let zlib's memory go now, not at GC.
  res.once('close', () => {
    if (flushTimer) clearImmediate(flushTimer);
    if (stream && !res.writableFinished) stream.destroy();
    held = [];
  });
}

/**
 * A request listener with the layer in front of `listener`.
 * @template {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown} L
 * @param {L} listener
 * @param {CompressionOptions} [options]
 * @returns {L}
 */
export function compressing(listener, options) {
  return /** @type {L} */ (
    function compressingListener(/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) {
      compress(req, res, options);
      return listener(req, res);
    }
  );
}
