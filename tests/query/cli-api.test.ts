/** The CLI and the JSON API give the same results for the same params. */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingResponse, searchResponse } from '../../lib/engine/api-responses';
import { jsonBody } from '../helpers/json-body';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';

let seed: SeedIndex;
beforeAll(async () => {
  seed = await buildSeedIndex();
});
afterAll(() => seed?.cleanup());

function cli(args: string[]): unknown {
  const out = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/search.ts', ...args, '--index', seed.dir, '--json'], { encoding: 'utf8' });
  return JSON.parse(out);
}

const withoutTiming = (r: unknown) => ({ ...(r as object), took_ms: 0 });

describe('CLI and API agree', () => {
  it.each([
    [['second jobs', '--force', 'Essex Police', '--topic', 'second-jobs'], '?q=second+jobs&force=Essex+Police&topic=second-jobs'],
    [['PSD'], '?q=PSD'],
    [['media', '--section', 'findings', '--section', 'background', '--page', '2', '--size', '3'], '?q=media&section=findings&section=background&page=2&size=3'],
    [['secondJobApplications>60', '--sort', 'force'], '?q=secondJobApplications%3E60&sort=force'],
    [['second jobs', '--inspection', 'Revisiting police relationships', '--year', '2012', '--sort', 'date'], '?q=second+jobs&inspection=Revisiting+police+relationships&year=2012&sort=date'],
  ])('%j', (args, query) => {
    const api = searchResponse(() => seed.engine, new URL(`http://x/api/search${query}`));
    expect(api.status).toBe(200);
    expect(withoutTiming(cli(args))).toEqual(withoutTiming(jsonBody(api)));
  });

  it('CLI prints a readable list with matches marked when not --json', () => {
    const out = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/search.ts', 'second jobs', '--index', seed.dir], { encoding: 'utf8' });
    expect(out).toMatch(/^\d+ hits/);
    expect(out).toContain('[second] [jobs]');
  });

  it('API rejects invalid params with 400 invalid_params and issues', () => {
    const bad = searchResponse(() => seed.engine, new URL(`http://x/api/search?q=${'a'.repeat(300)}&size=500`));
    expect(bad.status).toBe(400);
    expect(jsonBody(bad)).toMatchObject({ error: { code: 'invalid_params' } });
    expect((jsonBody(bad) as { error: { issues: unknown[] } }).error.issues.length).toBe(2);
  });

  it('findings API returns context, 404 for unknown ids', () => {
    const ok = findingResponse(() => seed.engine, 'essex-police-2012-7');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      finding: { id: 'essex-police-2012-7', force: 'Essex Police' },
      previous: { id: 'essex-police-2012-6' },
      next: { id: 'essex-police-2012-8' },
      release: { slug: 'essex-police-2012' },
    });
    expect(findingResponse(() => seed.engine, 'nope-1').status).toBe(404);
    expect(findingResponse(() => seed.engine, '../../etc/passwd').status).toBe(404);
  });
});
