/**
 * "Similar findings in other forces" on the seeds and on a generated corpus: what every finding
 * shows is pinned (a digest of every list, and a few lists in full), so a change to how they are
 * scored that changes what users see fails here; and each list keeps its rules.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { createEngine, type Engine } from '../../lib/engine/engine';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';

const root = mkdtempSync(join(tmpdir(), 'hmic-similar-'));
const engines: Record<string, Engine> = {};

beforeAll(async () => {
  await buildFromDirectory({ source: 'seeds', out: join(root, 'seeds') });
  engines.seeds = createEngine(loadIndex(join(root, 'seeds')));
  await generateCorpus({ findings: 2000, seed: 7, outDir: join(root, 'corpus') });
  await buildFromDirectory({ source: join(root, 'corpus'), out: join(root, 'generated') });
  engines.generated = createEngine(loadIndex(join(root, 'generated')));
}, 300_000);
afterAll(() => {
  for (const engine of Object.values(engines)) engine.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every finding of the index with the ids of its similar findings, in release order. */
function similarOfEveryFinding(engine: Engine): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const summary of engine.listReleases()) {
    for (const f of engine.getRelease(summary.slug)!.findings) out.set(f.id, engine.similar(f.id).map((h) => h.id));
  }
  return out;
}

const digest = (lists: Map<string, string[]>) => createHash('sha256').update(JSON.stringify([...lists])).digest('hex').slice(0, 16);

describe.each([
  { name: 'seeds', findings: 42, digest: 'e1947c770567c488' },
  { name: 'generated', findings: 2000, digest: 'cf6b228f011d6f0b' },
])('similar findings on the $name', ({ name, findings, digest: pinned }) => {
  it('are findings of other forces, at most 5, each once, and most findings have some', () => {
    const engine = engines[name]!;
    const lists = similarOfEveryFinding(engine);
    expect(lists.size).toBe(findings);
    let withSome = 0;
    for (const [id, similar] of lists) {
      const force = engine.getFinding(id)!.finding.force;
      expect(similar.length).toBeLessThanOrEqual(5);
      expect(new Set(similar).size).toBe(similar.length);
      for (const other of similar) {
        const hit = engine.getFinding(other)!.finding;
        expect(hit.kind).toBe('finding');
        expect(hit.force).not.toBe(force);
      }
      if (similar.length > 0) withSome++;
    }
    expect(withSome).toBeGreaterThan(findings * 0.9);
  });

  it('show what they showed when pinned', () => {
    expect(digest(similarOfEveryFinding(engines[name]!))).toBe(pinned);
  });
});

it('pins a few seed lists in full', () => {
  const lists = similarOfEveryFinding(engines.seeds!);
  expect(Object.fromEntries(['essex-police-2012-1', 'essex-police-2012-7', 'bedfordshire-police-2012-3'].map((id) => [id, lists.get(id)]))).toEqual({
    'essex-police-2012-1': ['hampshire-constabulary-2012-1', 'hertfordshire-constabulary-2012-1', 'bedfordshire-police-2012-1', 'cambridgeshire-constabulary-2012-1', 'cambridgeshire-constabulary-2012-4'],
    'essex-police-2012-7': ['hampshire-constabulary-2012-4', 'hertfordshire-constabulary-2012-6', 'bedfordshire-police-2012-9', 'cambridgeshire-constabulary-2012-9', 'bedfordshire-police-2012-2'],
    'bedfordshire-police-2012-3': ['cambridgeshire-constabulary-2012-3', 'hertfordshire-constabulary-2012-1', 'hampshire-constabulary-2012-3', 'essex-police-2012-10'],
  });
});
