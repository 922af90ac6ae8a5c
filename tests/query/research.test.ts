/**
 * Research workflow on the real seeds: group=force, figureStats (with the derived approvalRate)
 * and the whole-result-set export, through the API logic and the CLI.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchResponse } from '../../lib/engine/api-responses';
import { jsonBody } from '../helpers/json-body';
import { EXPORT_COLUMNS, exportResponse } from '../../lib/engine/export';
import { absoluteUrl, siteUrl } from '../../lib/engine/site-url';
import type { SearchResults } from '../../lib/query/types';
import { withFigureRange, withoutFigureComparisons, figureComparisons, isFigureRange } from '../../lib/query/figure-range';
import { tidyWidth } from '../../lib/query/figure-stats';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';

let seed: SeedIndex;
beforeAll(async () => {
  seed = await buildSeedIndex();
});
afterAll(() => seed?.cleanup());

const api = (query: string) => {
  const res = searchResponse(() => seed.engine, new URL(`http://x/api/search?${query}`));
  expect(res.status).toBe(200);
  return jsonBody(res) as SearchResults;
};
const cli = (args: string[]) =>
  JSON.parse(execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/search.ts', ...args, '--index', seed.dir, '--json'], { encoding: 'utf8' })) as SearchResults;
const withoutTiming = (r: SearchResults) => ({ ...r, took_ms: 0 });

/** Seed gold: per release, second-job applications / approved. */
const GOLD: Record<string, [number, number]> = {
  'hertfordshire-constabulary-2012': [60, 56],
  'bedfordshire-police-2012': [54, 51],
  'hampshire-constabulary-2012': [71, 70],
  'essex-police-2012': [71, 71],
  'cambridgeshire-constabulary-2012': [32, 29],
};

/** Minimal RFC 4180 parser (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('group=force', () => {
  it('returns the best hit per force with groupCount; total and facets stay per document', () => {
    const plain = api('q=second+jobs&size=100');
    const grouped = api('q=second+jobs&group=force');
    expect(grouped.total).toBe(plain.total);
    expect(grouped.facets).toEqual(plain.facets);
    expect(grouped.groupTotal).toBe(5);
    expect(plain.groupTotal).toBeUndefined();
    expect(grouped.hits.map((h) => h.force)).toEqual([...new Set(plain.hits.map((h) => h.force))]);
    const perForce = new Map<string, number>();
    for (const h of plain.hits) perForce.set(h.force!, (perForce.get(h.force!) ?? 0) + 1);
    for (const h of grouped.hits) {
      expect(h.groupCount).toBe(perForce.get(h.force!));
      expect(h.id).toBe(plain.hits.find((p) => p.force === h.force)!.id);
    }
    expect(grouped.hits.reduce((n, h) => n + h.groupCount!, 0)).toBe(grouped.total);
    expect(plain.hits.every((h) => h.groupCount === undefined)).toBe(true);
  });

  it('page and size count groups', () => {
    const all = api('q=second+jobs&group=force');
    const p1 = api('q=second+jobs&group=force&size=2');
    const p3 = api('q=second+jobs&group=force&size=2&page=3');
    expect(p1.pages).toBe(3);
    expect(p1.hits.map((h) => h.id)).toEqual(all.hits.slice(0, 2).map((h) => h.id));
    expect(p3.hits.map((h) => h.id)).toEqual(all.hits.slice(4).map((h) => h.id));
  });

  it('works with every sort and with filters', () => {
    for (const sort of ['relevance', 'date', 'force']) {
      const plain = api(`q=media&sort=${sort}&section=findings&size=100`);
      const grouped = api(`q=media&sort=${sort}&section=findings&group=force`);
      expect(grouped.hits.map((h) => h.id)).toEqual(plain.hits.filter((h, i) => plain.hits.findIndex((x) => x.force === h.force) === i).map((h) => h.id));
    }
  });

  it('CLI --group force --json equals the API', () => {
    expect(withoutTiming(cli(['second jobs', '--group', 'force']))).toEqual(withoutTiming(api('q=second+jobs&group=force')));
    expect(withoutTiming(cli(['--group', 'force', '--sort', 'date', '--size', '2', '--page', '2']))).toEqual(withoutTiming(api('group=force&sort=date&size=2&page=2')));
  });

  it('rejects an unknown group', () => {
    const res = searchResponse(() => seed.engine, new URL('http://x/api/search?group=region'));
    expect(res.status).toBe(400);
    expect(jsonBody(res)).toMatchObject({ error: { code: 'invalid_params', issues: [{ path: 'group' }] } });
  });
});

describe('figureStats', () => {
  it('covers every figure over the five seed releases', () => {
    const { figureStats } = api('');
    expect(figureStats.secondJobApplications).toEqual({
      min: 32,
      max: 71,
      count: 5,
      buckets: [
        { from: 30, to: 40, count: 1 },
        { from: 40, to: 50, count: 0 },
        { from: 50, to: 60, count: 1 },
        { from: 60, to: 70, count: 1 },
        { from: 70, to: 80, count: 2 },
      ],
    });
    expect(figureStats.secondJobsApproved).toMatchObject({ min: 29, max: 71, count: 5 });
    const rates = Object.values(GOLD).map(([apps, ok]) => (ok / apps) * 100);
    expect(figureStats.approvalRate.min).toBeCloseTo(Math.min(...rates), 2);
    expect(figureStats.approvalRate.max).toBe(100);
    expect(figureStats.approvalRate.count).toBe(5);
    for (const stat of Object.values(figureStats)) {
      expect(stat.buckets.length).toBeLessThanOrEqual(6);
      expect(stat.buckets.reduce((n, b) => n + b.count, 0)).toBe(stat.count);
      const w = stat.buckets[0] ? stat.buckets[0].to - stat.buckets[0].from : 1;
      expect([1, 2, 5, 10, 20, 50, 100]).toContain(w);
      for (const b of stat.buckets) expect(b.to - b.from).toBe(w);
    }
  });

  it("a figure's own range does not narrow its own stats (disjunctive); it narrows the others", () => {
    const all = api('').figureStats;
    const q = encodeURIComponent('secondJobApplications>=60');
    const narrowed = api(`q=${q}`);
    expect(narrowed.total).toBe(3); // Herts 60, Hants 71, Essex 71
    expect(narrowed.figureStats.secondJobApplications).toEqual(all.secondJobApplications);
    expect(narrowed.figureStats.secondJobsApproved).toMatchObject({ min: 56, max: 71, count: 3 });
    // other figures' ranges do narrow: with approved < 60 too, applications count Herts, Beds, Cambs
    const both = api(`q=${encodeURIComponent('secondJobApplications>=60 secondJobsApproved<60')}`);
    expect(both.figureStats.secondJobApplications).toMatchObject({ min: 32, max: 60, count: 3 });
    expect(both.figureStats.secondJobsApproved).toMatchObject({ min: 56, max: 71, count: 3 });
    expect(both.total).toBe(1); // Hertfordshire states 60 applications and 56 approved in one finding
  });

  it('other selections (force) narrow the stats', () => {
    expect(api('force=Essex+Police').figureStats.secondJobApplications).toEqual({ min: 71, max: 71, count: 1, buckets: [{ from: 71, to: 72, count: 1 }] });
  });

  it('approvalRate<95 matches exactly the applications findings of releases with a rate under 95 %', () => {
    const res = api(`q=${encodeURIComponent('approvalRate<95')}&size=100`);
    const expected = Object.entries(GOLD).filter(([, [apps, ok]]) => (ok / apps) * 100 < 95).map(([slug]) => slug).sort();
    expect(expected).toEqual(['bedfordshire-police-2012', 'cambridgeshire-constabulary-2012', 'hertfordshire-constabulary-2012']);
    expect(res.hits.map((h) => h.releaseSlug).sort()).toEqual(expected);
    for (const h of res.hits) expect(h.figures.secondJobApplications?.value).toBe(GOLD[h.releaseSlug]![0]);
    // every finding stating applications in those releases, and only those
    const stating = api('size=100').hits.filter((h) => h.figures.secondJobApplications && expected.includes(h.releaseSlug));
    expect(res.hits.map((h) => h.id).sort()).toEqual(stating.map((h) => h.id).sort());
    expect(api(`q=${encodeURIComponent('approvalRate>=100')}`).hits.map((h) => h.releaseSlug)).toEqual(['essex-police-2012']);
    // its own stats ignore it
    expect(res.figureStats.approvalRate.count).toBe(5);
  });

  it('tidy widths and range helpers', () => {
    expect(tidyWidth(32, 71)).toBe(10);
    expect(tidyWidth(5, 5)).toBe(1);
    expect(tidyWidth(0, 1000)).toBe(200);
    expect(tidyWidth(1, 8)).toBe(2); // width 1 would need 8 buckets: more than 6
    const q = withFigureRange('second jobs secondJobApplications>10', 'secondJobApplications', 50, 60);
    expect(q).toBe('second jobs secondJobApplications>=50 secondJobApplications<60');
    expect(isFigureRange(q, 'secondJobApplications', 50, 60)).toBe(true);
    expect(figureComparisons(q)).toHaveLength(2);
    expect(withoutFigureComparisons(`${q} approvalRate<95`, 'secondJobApplications')).toBe('second jobs approvalRate<95');
  });
});

describe('export', () => {
  const exported = async (query: string) => {
    const res = exportResponse(() => seed.engine, new URL(`http://x/api/search/export?${query}`));
    return { res, text: await res.text() };
  };

  it('CSV parses back: header, every hit (not one page) in sort order, absolute URLs', async () => {
    for (const sort of ['relevance', 'date', 'force']) {
      const { res, text } = await exported(`q=second+jobs&sort=${sort}&size=3&page=2&format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.csv"$/);
      const rows = parseCsv(text);
      expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
      const plain = api(`q=second+jobs&sort=${sort}&size=100&fields=segments`);
      expect(rows.length - 1).toBe(plain.total);
      expect(rows.slice(1).map((r) => r[0])).toEqual(plain.hits.map((h) => h.id));
      const first = rows[1]!;
      const hit = plain.hits[0]!;
      expect(first[1]).toBe(absoluteUrl(`/findings/${hit.id}`));
      expect(first[2]).toBe(hit.force);
      expect(first[7]).toBe(hit.topics.join(';'));
      expect(first[8]).toBe(String(hit.figures.secondJobApplications?.value ?? ''));
      expect(first[13]).toBe(hit.segments!.map((s) => s.text).join(''));
    }
  });

  it('JSONL parses back with the same rows as the CSV', async () => {
    const { res, text } = await exported('includeBoilerplate=true&sort=date&format=jsonl');
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    const total = api('includeBoilerplate=true').total;
    expect(lines.length).toBe(total);
    const csv = parseCsv((await exported('includeBoilerplate=true&sort=date&format=csv')).text);
    expect(lines.map((l) => l.id)).toEqual(csv.slice(1).map((r) => r[0]));
    expect(Object.keys(lines[0])).toEqual([...EXPORT_COLUMNS]);
    const essex = lines.find((l) => l.id === 'essex-police-2012-7');
    expect(essex).toMatchObject({ force: 'Essex Police', year: 2012, section: 'findings', secondJobApplications: 71, secondJobsApproved: 71 });
  });

  it('answers 400 invalid_params like /api/search for bad params and a bad format', async () => {
    for (const query of ['format=xml', 'size=0&format=csv', `q=${'a'.repeat(300)}&format=jsonl`]) {
      const { res, text } = await exported(query);
      expect(res.status).toBe(400);
      const body = JSON.parse(text);
      expect(body.error.code).toBe('invalid_params');
      expect(body.error.issues.length).toBeGreaterThan(0);
    }
  });

  it('SITE_URL sets the base of absolute URLs', () => {
    const before = { site: process.env.SITE_URL, port: process.env.PORT };
    try {
      delete process.env.SITE_URL;
      process.env.PORT = '8080';
      expect(siteUrl()).toBe('http://localhost:8080');
      process.env.SITE_URL = 'https://integrity.example.org/';
      expect(absoluteUrl('/findings/x-1')).toBe('https://integrity.example.org/findings/x-1');
    } finally {
      if (before.site === undefined) delete process.env.SITE_URL;
      else process.env.SITE_URL = before.site;
      if (before.port === undefined) delete process.env.PORT;
      else process.env.PORT = before.port;
    }
  });
});
