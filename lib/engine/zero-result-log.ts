/**
 * The zero-result log: how often each query found nothing, or only near misses, so curators can
 * see what readers look for and do not find. Only the normalised query text is kept (no IP, no
 * user agent, no time finer than the day), for at most `maxQueries` distinct queries: the least
 * recently counted one is forgotten first (lru-cache).
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { MAX_QUERY_LENGTH } from '../query/params';

export const ZERO_RESULT_LOG_FORMAT_VERSION = 1;

const EntrySchema = z
  .object({
    query: z.string().min(1).max(MAX_QUERY_LENGTH),
    /** Requests that found no full match. */
    count: z.number().int().positive(),
    /** Of those, the requests that showed near misses. */
    nearMisses: z.number().int().nonnegative(),
    /** UTC day of the last such request (`YYYY-MM-DD`). */
    lastSeen: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();
export type ZeroResultEntry = z.infer<typeof EntrySchema>;

/** The persisted file (`<DATA_DIR>/no-results.json`): queries most recently counted first. */
export const ZeroResultLogFileSchema = z.object({ formatVersion: z.literal(ZERO_RESULT_LOG_FORMAT_VERSION), queries: z.array(EntrySchema) }).strict();
export type ZeroResultLogFile = z.infer<typeof ZeroResultLogFileSchema>;

export interface ZeroResultLogOptions {
  /** Distinct queries kept (default 1000). */
  maxQueries?: number;
  /** A previously saved log to start from. */
  restore?: ZeroResultLogFile;
}

export interface ZeroResultLog {
  /** Count one request of `query` (normalised, non-empty) on UTC day `day`. */
  count(query: string, nearMissTotal: number, day: string): void;
  /** Every kept query, most requests first (then alphabetical). */
  entries(): ZeroResultEntry[];
  /** The file to persist. */
  toFile(): ZeroResultLogFile;
}

/**
 * The query as counted: Unicode NFKC, whitespace collapsed, lowercase — but the `OR` operator
 * stays uppercase (`leak or x` and `leak OR x` are different queries).
 */
export function normaliseQuery(q: string): string {
  return q
    .normalize('NFKC')
    .trim()
    .split(/\s+/)
    .map((token) => (token === 'OR' ? token : token.toLowerCase()))
    .join(' ')
    .slice(0, MAX_QUERY_LENGTH);
}

export function createZeroResultLog(options: ZeroResultLogOptions = {}): ZeroResultLog {
  const cache = new LRUCache<string, ZeroResultEntry>({ max: options.maxQueries ?? 1000 });
  // Saved most recent first: restore oldest first so recency survives a restart.
  for (const entry of [...(options.restore?.queries ?? [])].reverse()) cache.set(entry.query, { ...entry });
  return {
    count(query, nearMissTotal, day) {
      const entry = cache.get(query) ?? { query, count: 0, nearMisses: 0, lastSeen: day };
      entry.count++;
      if (nearMissTotal > 0) entry.nearMisses++;
      entry.lastSeen = day;
      cache.set(query, entry);
    },
    entries: () => [...cache.values()].map((e) => ({ ...e })).sort((a, b) => b.count - a.count || a.query.localeCompare(b.query)),
    toFile: () => ({ formatVersion: ZERO_RESULT_LOG_FORMAT_VERSION, queries: [...cache.values()].map((e) => ({ ...e })) }),
  };
}
