/**
 * HTTP caching of search responses (JSON, CSV, Atom): a strong `ETag` computed from what the body
 * depends on, before any search runs, so `If-None-Match` costs no search; and an in-process LRU of
 * serialised bodies keyed by that ETag, bounded by bytes, emptied when the engine's index changes.
 *
 * ETag = hash of (kind of response, index build id, app build id, canonical params):
 * - index build id: the manifest's `dataDir` (`data-<buildId>`, new for every build) and `builtAt`;
 * - app build id: Next's `.next/BUILD_ID` (new for every `next build`), else the package version
 *   with "-dev", plus {@link RESPONSE_SHAPE_VERSION} (so a changed response shape never matches);
 * - canonical params: the validated params in one fixed order (filter values sorted), so
 *   equivalent URLs share an ETag and a cache entry.
 *
 * Env: `SEARCH_CACHE=off` turns the LRU off (ETags and 304s stay); `SEARCH_CACHE_MB` bounds it
 * (default 64 MB of serialised bodies).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { Engine } from './engine';

/** Bumped whenever the JSON shape of a response changes (part of every ETag). */
export const RESPONSE_SHAPE_VERSION = 2;

/** Default bound of the LRU, in MB of serialised bodies (`SEARCH_CACHE_MB`). */
export const DEFAULT_CACHE_MB = 64;
/** Bodies larger than this share of the cache are never stored (one export-sized body would flush it). */
const MAX_ENTRY_SHARE = 1 / 16;

/** What a cached response keeps: its bytes, and what a served-search log needs on a hit too. */
export interface CachedBody {
  bytes: Uint8Array;
  /** Matching documents of the search (for the zero-result log, also on cache hits). */
  total: number;
  /** Near misses of a zero-result search, when the search reports them. */
  nearMissTotal?: number;
  /** How long producing the body took (search and serialisation), ms. */
  ms: number;
}

interface CacheState {
  cache: LRUCache<string, CachedBody>;
  maxBytes: number;
  /** The engine the entries were computed with; another engine (a reload) empties the cache. */
  engine: WeakRef<Engine> | null;
  hits: number;
  misses: number;
}

const stateKey = Symbol.for('hmic-search.response-cache');
const store = globalThis as unknown as { [stateKey]?: CacheState };

/** True unless `SEARCH_CACHE` is `off` (also `0`, `false`, `no`). */
export function cacheEnabled(): boolean {
  return !/^(off|0|false|no)$/i.test(process.env.SEARCH_CACHE ?? '');
}

function cacheBytes(): number {
  const mb = Number(process.env.SEARCH_CACHE_MB);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_CACHE_MB) * 1024 * 1024);
}

/** The process-wide LRU for `engine` (emptied first when the engine changed), or null when turned off. */
export function responseCache(engine: Engine): LRUCache<string, CachedBody> | null {
  if (!cacheEnabled()) return null;
  const maxBytes = cacheBytes();
  let state = store[stateKey];
  if (!state || state.maxBytes !== maxBytes) {
    const cache = new LRUCache<string, CachedBody>({ maxSize: maxBytes, maxEntrySize: Math.floor(maxBytes * MAX_ENTRY_SHARE), sizeCalculation: (v) => v.bytes.byteLength + 64 });
    state = store[stateKey] = { cache, maxBytes, engine: null, hits: 0, misses: 0 };
  }
  if (state.engine?.deref() !== engine) {
    state.cache.clear();
    state.engine = new WeakRef(engine);
  }
  return state.cache;
}

/** Entries, bytes, hits and misses of the process-wide cache (tests, diagnostics). */
export function responseCacheStats(): { entries: number; bytes: number; hits: number; misses: number } {
  const state = store[stateKey];
  return state ? { entries: state.cache.size, bytes: state.cache.calculatedSize, hits: state.hits, misses: state.misses } : { entries: 0, bytes: 0, hits: 0, misses: 0 };
}

function countLookup(hit: boolean): void {
  const state = store[stateKey];
  if (state) hit ? state.hits++ : state.misses++;
}

let appBuild: string | undefined;

/** Next's BUILD_ID of the running build, else `<package version>-dev`; with the response shape version. */
export function appBuildId(): string {
  if (appBuild === undefined) {
    let id: string;
    try {
      id = readFileSync(join(/* turbopackIgnore: true */ process.cwd(), '.next/BUILD_ID'), 'utf8').trim();
    } catch {
      id = '';
    }
    if (!id) {
      try {
        id = `${(JSON.parse(readFileSync(join(/* turbopackIgnore: true */ process.cwd(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0'}-dev`;
      } catch {
        id = 'unknown-dev';
      }
    }
    appBuild = `${id}/shape-${RESPONSE_SHAPE_VERSION}`;
  }
  return appBuild;
}

const anonymousBuilds = new WeakMap<Engine, string>();

/** The build of the index `engine` serves (an engine without a manifest gets an id of its own). */
export function indexBuildId(engine: Engine): string {
  if (engine.manifest) return `${engine.manifest.dataDir}@${engine.manifest.builtAt}`;
  let id = anonymousBuilds.get(engine);
  if (!id) anonymousBuilds.set(engine, (id = `memory-${randomUUID()}`));
  return id;
}

/** The strong ETag (quoted) of a response `kind` (`search`, `export-csv`, …) for `canonical` params. */
export function etagOf(kind: string, engine: Engine, canonical: string): string {
  const hash = createHash('sha256').update(`${kind}\n${indexBuildId(engine)}\n${appBuildId()}\n${canonical}`).digest('base64url');
  return `"${hash.slice(0, 27)}"`;
}

/** True when an `If-None-Match` header value names `etag` (a list, weak forms, or `*`). */
export function ifNoneMatchHits(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const wanted = header.trim();
  if (wanted === '*') return true;
  return wanted.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** A response already serialised: bytes or text, or null (304). */
export interface SerializedResponse {
  status: number;
  raw: Uint8Array | string | null;
  headers: Record<string, string>;
}

/** What a cacheable response's producer returns (its text and what a search log needs). */
export interface ProducedBody {
  text: string;
  total: number;
  nearMissTotal?: number;
  /** Server-Timing entries of the producer besides the total, e.g. `search;dur=1.23`. */
  timing?: string;
}

export interface CachedRequest {
  /** The response kind (part of the ETag and cache key): `search`, `atom`, `figures-csv`, … */
  kind: string;
  engine: Engine;
  /** The canonical params (see the module comment). */
  canonical: string;
  ifNoneMatch: string | null;
  /** Headers of a 200 (Content-Type, Cache-Control, …); ETag, X-Cache and Server-Timing are added. */
  headers: Record<string, string>;
  produce: () => ProducedBody;
  /** Called for every response served (hit, miss or 304; null for a 304 whose body is not cached) with what the body says: the place to log served searches. */
  served?: (outcome: { total: number; nearMissTotal?: number } | null) => void;
}

const encoder = new TextEncoder();
const ms = (t: number) => Math.round(t * 100) / 100;

/**
 * 304 when `If-None-Match` names the ETag; else the cached body, or a new one (stored).
 * Headers say which: `X-Cache: hit|miss|off`, and `Server-Timing` (`cache;desc=hit;dur=…`, or the
 * producer's own entries and `total;dur=…`).
 */
export function cachedResponse(request: CachedRequest): SerializedResponse {
  const started = performance.now();
  const etag = etagOf(request.kind, request.engine, request.canonical);
  const cacheControl = request.headers['Cache-Control'];
  const cache = responseCache(request.engine);
  const key = `${request.kind}:${etag}`;
  if (ifNoneMatchHits(request.ifNoneMatch, etag)) {
    request.served?.(cache?.peek(key) ?? null);
    return { status: 304, raw: null, headers: { ETag: etag, ...(cacheControl ? { 'Cache-Control': cacheControl } : {}) } };
  }
  const cached = cache?.get(key);
  if (cache) countLookup(cached !== undefined);
  if (cached) {
    request.served?.(cached);
    return {
      status: 200,
      raw: cached.bytes,
      headers: { ...request.headers, ETag: etag, 'X-Cache': 'hit', 'Server-Timing': `cache;desc=hit;dur=${ms(performance.now() - started)}` },
    };
  }
  const produced = request.produce();
  const bytes = encoder.encode(produced.text);
  const took = performance.now() - started;
  const entry: CachedBody = { bytes, total: produced.total, ms: took };
  if (produced.nearMissTotal !== undefined) entry.nearMissTotal = produced.nearMissTotal;
  cache?.set(key, entry);
  request.served?.(entry);
  const timing = [produced.timing, `total;dur=${ms(took)}`].filter(Boolean).join(', ');
  return { status: 200, raw: bytes, headers: { ...request.headers, ETag: etag, 'X-Cache': cache ? 'miss' : 'off', 'Server-Timing': timing } };
}
