/**
 * The response cache is emptied when the served index changes: a second build into the served
 * directory (one more release) is picked up by getEngine, and the same URL is searched again
 * (a miss with the new total and another ETag), never answered from the old index's entry.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { getEngine, settleIndex } from '../../lib/engine/get-engine';
import { searchResponse } from '../../lib/engine/api-responses';
import { jsonBody } from '../helpers/json-body';
import { responseCacheStats } from '../../lib/engine/response-cache';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('response cache and index reloads', () => {
  it('a new build of the served index empties the cache', async () => {
    delete process.env.SEARCH_CACHE;
    const served = tempDir('hmic-served-');
    await buildFromDirectory({ source: 'seeds', out: served });
    // The server loads in the background; wait until the index serves.
    await settleIndex(served);
    const search = () => searchResponse(() => getEngine(served), new URL('http://x/api/search?q=media&force=Kent+Police'));
    const first = search();
    expect((jsonBody(first) as { total: number }).total).toBe(0);
    expect(first.headers['X-Cache']).toBe('miss');
    expect(search().headers['X-Cache']).toBe('hit');
    expect(responseCacheStats().entries).toBeGreaterThan(0);
    const oldBuild = getEngine(served).manifest!.dataDir;

    const source = tempDir('hmic-swap-');
    cpSync('seeds', source, { recursive: true });
    writeFileSync(join(source, 'kent.txt'), readFileSync('seeds/003_4f249c14dfe13b76.txt', 'utf8').replaceAll('Essex', 'Kent'));
    await buildFromDirectory({ source, out: served });
    // Requests would pick the new build up within a second, loading it in the background; check now and wait for it.
    await settleIndex(served);
    expect(getEngine(served).manifest!.dataDir).not.toBe(oldBuild);

    const after = search();
    expect(after.headers['X-Cache']).toBe('miss');
    expect(after.headers.ETag).not.toBe(first.headers.ETag);
    expect((jsonBody(after) as { total: number }).total).toBeGreaterThan(0);
    // only the new entry is left
    expect(responseCacheStats().entries).toBe(1);
  }, 120_000);
});
