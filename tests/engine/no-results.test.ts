/**
 * The zero-result log: what is counted (normalised text only), bounded memory, persistence
 * (atomic, throttled, read back after a restart, refused inside an index dir), and the admin
 * page (404 / 401 / 200, constant-time token check, no-store) fed by real API searches.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createZeroResultLog, normaliseQuery, ZeroResultLogFileSchema } from '../../lib/engine/zero-result-log';
import { openZeroResultStore, ZERO_RESULT_LOG_FILE } from '../../lib/engine/zero-result-store';
import { noResultsResponse } from '../../lib/engine/no-results-response';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';

const work = mkdtempSync(join(tmpdir(), 'hmic-zero-'));
// The process-wide log (used by the API response) lives here for this test file.
process.env.DATA_DIR = join(work, 'process-data');
let seed: SeedIndex;
beforeAll(async () => {
  seed = await buildSeedIndex();
}, 120_000);
afterAll(() => {
  seed?.cleanup();
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => vi.useRealTimers());

let dirs = 0;
const freshDir = () => join(work, `data-${dirs++}`);
const day = (iso: string) => () => new Date(iso);

describe('zero-result log', () => {
  it('keeps only the normalised query text: case, spacing and Unicode forms fold, the OR operator stays', () => {
    expect(normaliseQuery('  Second\tJOBS   leak OR Disclosure ')).toBe('second jobs leak OR disclosure');
    expect(normaliseQuery('ｆｕｌｌwidth')).toBe('fullwidth');
    expect(normaliseQuery('leak or x')).not.toBe(normaliseQuery('leak OR x'));
  });

  it('holds at most maxQueries distinct queries, forgetting the least recently counted', () => {
    const log = createZeroResultLog({ maxQueries: 3 });
    for (const q of ['a', 'b', 'c']) log.count(q, 0, '2026-01-01');
    log.count('a', 0, '2026-01-02'); // a is recent again: b is now the oldest
    log.count('d', 2, '2026-01-02');
    expect(log.entries().map((e) => e.query).sort()).toEqual(['a', 'c', 'd']);
    expect(log.entries()[0]).toEqual({ query: 'a', count: 2, nearMisses: 0, lastSeen: '2026-01-02' });
    expect(log.entries().find((e) => e.query === 'd')).toMatchObject({ count: 1, nearMisses: 1 });
  });

  it('counts only searches without a full match, and every such request', () => {
    const store = openZeroResultStore({ dir: freshDir(), now: day('2026-03-04T15:16:17Z') });
    store.record('second jobs', 10, 0);
    store.record('zzz qqq', 0, 0);
    store.record('ZZZ  qqq', 0, 0);
    store.record('investigations into conduct', 0, 7);
    store.record('   ', 0, 0);
    expect(store.entries()).toEqual([
      { query: 'zzz qqq', count: 2, nearMisses: 0, lastSeen: '2026-03-04' },
      { query: 'investigations into conduct', count: 1, nearMisses: 1, lastSeen: '2026-03-04' },
    ]);
  });

  it('writes at most every flushMs, atomically, with a format version — and a restart reads it back', async () => {
    vi.useFakeTimers();
    const dir = freshDir();
    const file = join(dir, ZERO_RESULT_LOG_FILE);
    const store = openZeroResultStore({ dir, flushMs: 5000, now: day('2026-03-04T10:00:00Z') });
    store.record('leak OR disclosure', 0, 3);
    store.record('zzz', 0, 0);
    expect(existsSync(file)).toBe(false); // not on every request
    vi.advanceTimersByTime(5000);
    vi.useRealTimers();
    await store.flush(); // waits for the write the timer started
    const saved = ZeroResultLogFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(saved.formatVersion).toBe(1);
    expect(readdirSync(dir)).toEqual([ZERO_RESULT_LOG_FILE]); // no temp file left behind
    // Nothing but the query text, counts and the day.
    expect(JSON.stringify(saved)).not.toMatch(/T\d\d:|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/);

    const restarted = openZeroResultStore({ dir, now: day('2026-03-05T10:00:00Z') });
    expect(restarted.entries()).toEqual(store.entries());
    restarted.record('zzz', 0, 0);
    restarted.flushSync(); // what process exit does
    const again = openZeroResultStore({ dir });
    expect(again.entries().find((e) => e.query === 'zzz')).toEqual({ query: 'zzz', count: 2, nearMisses: 0, lastSeen: '2026-03-05' });
  });

  it('moves an unreadable or other-version log aside and starts empty', () => {
    for (const content of ['{not json', JSON.stringify({ formatVersion: 2, queries: [] })]) {
      const dir = freshDir();
      mkdirSync(dir);
      writeFileSync(join(dir, ZERO_RESULT_LOG_FILE), content);
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const store = openZeroResultStore({ dir });
      expect(error).toHaveBeenCalled();
      error.mockRestore();
      expect(store.entries()).toEqual([]);
      expect(readFileSync(join(dir, `${ZERO_RESULT_LOG_FILE}.unreadable`), 'utf8')).toBe(content);
    }
  });

  it('never writes inside an index directory', () => {
    const indexDir = freshDir();
    const dir = join(indexDir, 'data');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const store = openZeroResultStore({ dir, indexDir });
    error.mockRestore();
    store.record('zzz', 0, 0);
    store.flushSync();
    expect(store.file).toBeNull();
    expect(existsSync(dir)).toBe(false);
    expect(store.entries()).toHaveLength(1);
  });
});

describe('/admin/no-results', () => {
  const url = (query = '') => new URL(`http://localhost/admin/no-results${query}`);
  const entries = () => [{ query: '<script>alert(1)</script> leak', count: 3, nearMisses: 1, lastSeen: '2026-03-04' }];

  it('is 404 without ADMIN_TOKEN and 401 for a missing or wrong token, never cached', () => {
    const read = vi.fn(entries);
    const cases = [
      noResultsResponse({ url: url(), authorization: 'Bearer anything', accept: null }, read, undefined),
      noResultsResponse({ url: url(), authorization: 'Bearer anything', accept: null }, read, ''),
      noResultsResponse({ url: url(), authorization: null, accept: null }, read, 's3cret-token'),
      noResultsResponse({ url: url(), authorization: 'Bearer s3cret-tokem', accept: null }, read, 's3cret-token'),
      noResultsResponse({ url: url(), authorization: 's3cret-token', accept: null }, read, 's3cret-token'),
      noResultsResponse({ url: url(), authorization: 'Bearer s3cret-token-and-more', accept: null }, read, 's3cret-token'),
    ];
    expect(cases.map((r) => r.status)).toEqual([404, 404, 401, 401, 401, 401]);
    for (const r of cases) expect(r.headers['Cache-Control']).toBe('no-store');
    expect(cases[2]!.headers['WWW-Authenticate']).toMatch(/^Bearer/);
    expect(read).not.toHaveBeenCalled();
  });

  it('lists the log as an escaped HTML table, or JSON on ?format=json or Accept: application/json', () => {
    const auth = 'Bearer s3cret-token';
    const html = noResultsResponse({ url: url(), authorization: auth, accept: 'text/html,application/xhtml+xml' }, entries, 's3cret-token');
    expect(html.status).toBe(200);
    expect(html.headers['Content-Type']).toMatch(/^text\/html/);
    expect(html.headers['Cache-Control']).toBe('no-store');
    expect(html.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62; leak');
    expect(html.body).not.toContain('<script>');
    for (const response of [
      noResultsResponse({ url: url('?format=json'), authorization: auth, accept: 'text/html' }, entries, 's3cret-token'),
      noResultsResponse({ url: url(), authorization: auth, accept: 'application/json' }, entries, 's3cret-token'),
    ]) {
      expect(response.headers['Content-Type']).toMatch(/^application\/json/);
      expect(JSON.parse(response.body)).toEqual({ queries: entries() });
    }
    expect(noResultsResponse({ url: url('?format=xml'), authorization: auth, accept: null }, entries, 's3cret-token').status).toBe(400);
  });

  it('lists a zero-result query made through the API, and a near-miss-only one', async () => {
    const { searchResponse } = await import('../../lib/engine/api-responses');
    const { zeroResultStore } = await import('../../lib/engine/record-search-outcome');
    const getEngine = () => seed.engine;
    const search = (q: string) => searchResponse(getEngine, new URL(`http://localhost/api/search?q=${encodeURIComponent(q)}`));
    expect(search('Qwxzy Plorb').status).toBe(200);
    search('qwxzy   plorb');
    search('investigations into conduct force:hertfordshire');
    search('second jobs');
    const response = noResultsResponse({ url: url('?format=json'), authorization: 'Bearer t0ken', accept: null }, () => zeroResultStore().entries(), 't0ken');
    const { queries } = JSON.parse(response.body) as { queries: { query: string; count: number; nearMisses: number }[] };
    expect(queries.find((e) => e.query === 'qwxzy plorb')).toMatchObject({ count: 2, nearMisses: 0 });
    expect(queries.find((e) => e.query === 'investigations into conduct force:hertfordshire')).toMatchObject({ count: 1, nearMisses: 1 });
    expect(queries.some((e) => e.query === 'second jobs')).toBe(false);
    // Persisted under DATA_DIR, outside any index.
    await zeroResultStore().flush();
    expect(zeroResultStore().file).toBe(join(process.env.DATA_DIR!, ZERO_RESULT_LOG_FILE));
    expect(existsSync(zeroResultStore().file!)).toBe(true);
  });
});
