/** GET /api/suggest (the route's logic) and `npm run search -- --suggest`: the same list, the same body. */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHEABLE, suggestResponse, textBody } from '../../lib/engine/api-responses';
import { jsonBody } from '../helpers/json-body';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';

let seed: SeedIndex;
beforeAll(async () => {
  seed = await buildSeedIndex();
});
afterAll(() => seed?.cleanup());

type Body = { q: string; suggestions: { text: string; count: number; kind: string }[] };

const api = (query: string, ifNoneMatch: string | null = null) => suggestResponse(() => seed.engine, new URL(`http://x/api/v1/suggest${query}`), ifNoneMatch);

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/search.ts', ...args, '--index', seed.dir], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('GET /api/suggest', () => {
  it('"seco" offers "second jobs" (a phrase), most findings first', () => {
    const res = api('?q=seco');
    expect(res.status).toBe(200);
    const body = jsonBody(res) as Body;
    expect(body.q).toBe('seco');
    expect(body.suggestions).toContainEqual({ text: 'second jobs', count: 10, kind: 'phrase' });
    expect(body.suggestions.length).toBeLessThanOrEqual(8);
    const counts = body.suggestions.map((s) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(Object.keys(body)).toEqual(['q', 'suggestions']);
    expect(Object.keys(body.suggestions[0]!)).toEqual(['text', 'count', 'kind']);
  });

  it('"ess" offers "Essex Police" (a force)', () => {
    expect((jsonBody(api('?q=ess')) as Body).suggestions).toContainEqual({ text: 'Essex Police', count: 10, kind: 'force' });
  });

  it('a partial matching nothing gives []', () => {
    expect(jsonBody(api('?q=zzqx'))).toEqual({ q: 'zzqx', suggestions: [] });
  });

  it('caches like the search API: Cache-Control, ETag, 304', () => {
    const res = api('?q=seco');
    expect(res.headers['Cache-Control']).toBe(CACHEABLE['Cache-Control']);
    expect(res.headers['Content-Type']).toBe('application/json; charset=utf-8');
    const etag = res.headers.ETag!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(api('?q=seco', etag).status).toBe(304);
    expect(api('?q=sec', etag).status).toBe(200);
  });

  it.each([
    ['', 'q'],
    ['?q=', 'q'],
    [`?q=${'a'.repeat(65)}`, 'q'],
  ])('bad params %j → 400 invalid_params', (query, path) => {
    const res = api(query);
    expect(res.status).toBe(400);
    expect(res.headers['Cache-Control']).toBe('no-store');
    const body = jsonBody(res) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_params');
    expect(body.error.issues.map((i) => i.path)).toEqual([path]);
  });

  it('64 characters are fine', () => {
    expect(api(`?q=${'a'.repeat(64)}`).status).toBe(200);
  });
});

describe('npm run search -- --suggest', () => {
  it.each(['seco', 'ess', 'zzqx', 'Second J', 's'])('--json prints exactly the API body for %j', (partial) => {
    const out = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/search.ts', '--suggest', partial, '--index', seed.dir, '--json'], { encoding: 'utf8' });
    expect(out).toBe(`${textBody(api(`?q=${encodeURIComponent(partial)}`))}\n`);
  });

  it('prints one suggestion per line without --json', () => {
    const { status, stdout } = cli(['--suggest', 'seco']);
    expect(status).toBe(0);
    const body = jsonBody(api('?q=seco')) as Body;
    expect(stdout).toBe(body.suggestions.map((s) => `${s.text}\t${s.count}\t${s.kind}\n`).join(''));
    expect(stdout).toContain('second jobs\t10\tphrase\n');
  });

  it('rejects bad params with exit 2, like the API', () => {
    const empty = cli(['--suggest', '']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/invalid params: q: /);
    expect(cli(['--suggest', 'a'.repeat(65)]).status).toBe(2);
  });
});
