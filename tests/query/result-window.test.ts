/**
 * The result window (from + size ≤ 10,000): a deeper page is a 400 `result_window_too_large` in
 * the API and exit 2 in the CLI, and `pages` never points past the window.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { createEngine, type Engine } from '../../lib/engine/engine';
import { searchResponse } from '../../lib/engine/api-responses';
import { jsonBody } from '../helpers/json-body';
import { MAX_RESULT_WINDOW } from '../../lib/query/params';

const root = mkdtempSync(join(tmpdir(), 'hmic-window-'));
const out = join(root, 'index');
let engine: Engine;
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  // 4,000 findings: with the notes to editors, more than 10,000 documents match an empty query.
  await generateCorpus({ findings: 4000, seed: 5, outDir: join(root, 'corpus') });
  await buildFromDirectory({ source: join(root, 'corpus'), out });
  engine = createEngine(loadIndex(out));
}, 300_000);

const api = (query: string) => searchResponse(() => engine, new URL(`http://localhost/api/search?${query}`));

describe('result window', () => {
  it('answers pages inside the window and caps `pages` at its last page', () => {
    const first = api('includeBoilerplate=true&size=20');
    expect(first.status).toBe(200);
    const body = jsonBody(first) as { total: number; pages: number };
    expect(body.total).toBeGreaterThan(MAX_RESULT_WINDOW);
    expect(body.pages).toBe(MAX_RESULT_WINDOW / 20);
    const last = api(`includeBoilerplate=true&size=20&page=${MAX_RESULT_WINDOW / 20}`);
    expect(last.status).toBe(200);
    expect((jsonBody(last) as { hits: unknown[] }).hits).toHaveLength(20);
    expect((jsonBody(api('q=the&size=100&page=100')) as { pages: number }).pages).toBeLessThanOrEqual(100);
  });

  it('refuses a page past it with 400 result_window_too_large', () => {
    for (const query of ['includeBoilerplate=true&size=20&page=501', 'q=the&size=100&page=101', 'size=2&page=5001']) {
      const response = api(query);
      expect(response.status, query).toBe(400);
      expect((jsonBody(response) as { error: { code: string; message: string } }).error.code).toBe('result_window_too_large');
    }
    expect((jsonBody(api('q=the&size=100&page=101')) as { error: { message: string } }).error.message).toMatch(/last page at this size is 100/);
  });

  it('makes the CLI exit 2 with the same code', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['scripts/search.ts', 'the', '--size', '100', '--page', '101', '--index', out, '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^result_window_too_large: page 101 of 100 hits/);
  });
});
