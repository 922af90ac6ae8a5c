import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKGROUND_FINDINGS,
  BACKGROUND_REQUEST,
  DUPLICATE_NOTES,
  HEADLINES,
  NOTES,
  QUOTES,
  REPORT_LINE,
  backgroundRevisit,
  hmicLink,
} from '../../bench/boilerplate';
import { parseGenerateArgs } from '../../bench/generate';
import { COMPLETE_MARKER, CORPUS_SHAPES, defaultCorpusDir, generateCorpus, iterateReleases, readManifest } from '../../bench/generate-corpus';
import { Rng, ZipfSampler, hashSeed } from '../../bench/prng';
import { DEFAULT_SEEDS_DIR, FORCES, REGIONS, harvestSeedVocabulary, numberToWords } from '../../bench/vocabulary';

const tmpRoot = mkdtempSync(join(tmpdir(), 'hmic-bench-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

/** All files under `dir` (recursively, dot files skipped), as sorted relative paths. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Lines starting with "- " between the "HMIC found:" line and the inspector's "said:" line. */
function countFindings(text: string): number {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /HMIC found:$/.test(l));
  const end = lines.findIndex((l, i) => i > start && /said:$/.test(l));
  if (start < 0 || end < 0) return -1;
  return lines.slice(start + 1, end).filter((l) => l.startsWith('- ')).length;
}

const seedTexts = readdirSync(DEFAULT_SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(DEFAULT_SEEDS_DIR, f), 'utf8'));
const inSomeSeed = (fragment: string) => seedTexts.some((t) => t.includes(fragment));

describe('prng', () => {
  it('is deterministic per seed and uniform-ish', () => {
    const a = new Rng(123);
    const b = new Rng(123);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(new Rng(124).next()).not.toBe(new Rng(123).next());
    expect(hashSeed(42, 0)).not.toBe(hashSeed(42, 1));
    expect(hashSeed(42, 0)).not.toBe(hashSeed(43, 0));
  });

  it('samples Zipf ranks with a heavy head and a long tail', () => {
    const ranked = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const zipf = new ZipfSampler(ranked, 1.07);
    const rng = new Rng(9);
    const counts = new Array<number>(ranked.length).fill(0);
    for (let i = 0; i < 50_000; i++) counts[zipf.sampleRank(rng)]!++;
    expect(counts[0]!).toBeGreaterThan(counts[1]!);
    expect(counts[0]! / 50_000).toBeCloseTo(zipf.probability(0), 1);
    expect(counts.slice(1000).reduce((s, c) => s + c, 0)).toBeGreaterThan(0);
  });

  it('draws distinct weighted indices, never weight-0 ones', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const got = rng.weightedDistinct([5, 0, 1, 3, 0, 2], 4);
      expect(new Set(got).size).toBe(got.length);
      expect(got).not.toContain(1);
      expect(got).not.toContain(4);
      expect(got.length).toBe(4);
    }
  });
});

describe('vocabulary', () => {
  it('writes numbers the way the releases do', () => {
    expect(numberToWords(1)).toBe('one');
    expect(numberToWords(71)).toBe('seventy-one');
    expect(numberToWords(116)).toBe('one hundred and sixteen');
    expect(numberToWords(2005)).toBe('two thousand and five');
    expect(numberToWords(1250)).toBe('one thousand two hundred and fifty');
  });

  it('has 45 forces with unique names and slugs and known regions', () => {
    expect(FORCES).toHaveLength(45);
    expect(new Set(FORCES.map((f) => f.name)).size).toBe(45);
    expect(new Set(FORCES.map((f) => f.slug)).size).toBe(45);
    for (const f of FORCES) expect(REGIONS).toContain(f.region);
    for (const name of ['Essex Police', 'Hertfordshire Constabulary', 'British Transport Police', 'Police Service of Northern Ireland']) {
      expect(FORCES.map((f) => f.name)).toContain(name);
    }
  });

  it('harvests a frequency-ranked vocabulary from the seeds, without force names', () => {
    const v = harvestSeedVocabulary();
    expect(v.words.length).toBeGreaterThan(100);
    for (let i = 1; i < v.counts.length; i++) expect(v.counts[i]!).toBeLessThanOrEqual(v.counts[i - 1]!);
    expect(v.words).toContain('media');
    expect(v.words).not.toContain('hertfordshire');
    expect(v.words).not.toContain('billingham');
  });

  it('copies the boilerplate verbatim from the seeds', () => {
    const fragments = (template: string) => template.split(/\{F\}|\{LINK\}/).filter((s) => s.trim().length > 0);
    const all = [
      BACKGROUND_REQUEST,
      ...BACKGROUND_FINDINGS,
      backgroundRevisit(2012),
      ...HEADLINES,
      ...QUOTES.flat(),
      REPORT_LINE,
      ...DUPLICATE_NOTES,
    ];
    for (const t of all) for (const f of fragments(t)) expect(inSomeSeed(f), f).toBe(true);
    for (const n of NOTES) {
      expect(inSomeSeed(n.replace('{LINK}', hmicLink('plain'))), n).toBe(true);
      expect(inSomeSeed(n.replace('{LINK}', hmicLink('markdown'))), n).toBe(true);
    }
  });
});

describe('generateCorpus', () => {
  it('writes exactly N findings, byte-identical for the same seed, different for another', async () => {
    const a = await generateCorpus({ findings: 1500, seed: 7, outDir: join(tmpRoot, 'a') });
    const b = await generateCorpus({ findings: 1500, seed: 7, outDir: join(tmpRoot, 'b') });
    const c = await generateCorpus({ findings: 1500, seed: 8, outDir: join(tmpRoot, 'c') });
    expect(a.cached).toBe(false);
    expect(a.manifest.findings).toBe(1500);
    expect(a.manifest.sha256).toBe(b.manifest.sha256);
    expect(c.manifest.sha256).not.toBe(a.manifest.sha256);

    const filesA = listFiles(a.dir);
    expect(filesA).toEqual(listFiles(b.dir));
    expect(filesA).toHaveLength(a.manifest.files);
    let total = 0;
    let bytes = 0;
    for (const f of filesA) {
      const bufA = readFileSync(join(a.dir, f));
      expect(bufA.equals(readFileSync(join(b.dir, f))), f).toBe(true);
      total += countFindings(bufA.toString('utf8'));
      bytes += bufA.length;
    }
    expect(total).toBe(1500);
    expect(bytes).toBe(a.manifest.bytes);

    const filesC = listFiles(c.dir);
    const differs = filesC.some((f, i) => f !== filesA[i] || !readFileSync(join(c.dir, f)).equals(readFileSync(join(a.dir, f))));
    expect(differs).toBe(true);
  });

  it.each([1, 4, 5, 12, 13, 97, 2000])('yields exactly %i findings', (n) => {
    const releases = [...iterateReleases({ findings: n, seed: 3 })];
    const counts = releases.map((r) => countFindings(r.text));
    expect(counts).toEqual(releases.map((r) => r.findings));
    expect(counts.reduce((s, c) => s + c, 0)).toBe(n);
    counts.slice(0, -1).forEach((c) => {
      expect(c).toBeGreaterThanOrEqual(5);
      expect(c).toBeLessThanOrEqual(12);
    });
  });

  it('matches the seed structure in every release', () => {
    const structure = (text: string, forceName: string, year: number) => {
      const lines = text.split('\n');
      const nonEmpty = lines.filter((l) => l.trim() !== '');
      const headline = nonEmpty[0]!.replace(/^#+\s*\*\*|\*\*$/g, '');
      expect(headline.startsWith(forceName)).toBe(true);
      expect(headline).toMatch(/improvements to how they identify, monitor and manage integrity issues$/);
      expect(lines).toContain(BACKGROUND_REQUEST);
      expect(lines).toContain(backgroundRevisit(year));
      const found = lines.findIndex((l) => /^In .+, HMIC found:$/.test(l));
      const said = lines.findIndex((l) => /^HM Inspector of Constabulary for the .+ Region, .+, said:$/.test(l));
      const report = lines.findIndex((l) => l.startsWith(`The full report for ${forceName}, `));
      const notes = lines.findIndex((l) => /^(#+ \*\*)?Notes to editors(\*\*)?$/.test(l));
      const first = lines.findIndex((l) => l.startsWith('1. '));
      expect(found).toBeGreaterThan(0);
      expect(said).toBeGreaterThan(found);
      expect(report).toBeGreaterThan(said);
      expect(notes).toBeGreaterThan(report);
      expect(first).toBeGreaterThan(notes);
      expect(lines.filter((l) => /^\d+\. /.test(l)).length).toBeGreaterThanOrEqual(6);
      // Between the findings heading and the inspector line there are only bullets and blank lines.
      for (const l of lines.slice(found + 1, said)) expect(l === '' || l.startsWith('- ')).toBe(true);
      expect(text).not.toMatch(/\{F\}|\{LINK\}|undefined|NaN/);
    };
    for (const r of iterateReleases({ findings: 2000, seed: 11 })) structure(r.text, r.force.name, r.year);
  });

  it('shards files, caches complete corpora and refuses to clobber other directories', async () => {
    const dir = join(tmpRoot, 'sharded');
    const first = await generateCorpus({ findings: 600, seed: 5, outDir: dir, filesPerDir: 20 });
    const shards = readdirSync(dir).filter((d) => !d.startsWith('.'));
    expect(shards.length).toBe(Math.ceil(first.manifest.files / 20));
    for (const s of shards) expect(readdirSync(join(dir, s)).length).toBeLessThanOrEqual(20);
    expect(readManifest(dir)).toEqual(first.manifest);
    expect(readdirSync(dir)).toContain(COMPLETE_MARKER);

    const again = await generateCorpus({ findings: 600, seed: 5, outDir: dir, filesPerDir: 20 });
    expect(again.cached).toBe(true);
    const forced = await generateCorpus({ findings: 600, seed: 5, outDir: dir, filesPerDir: 20, force: true });
    expect(forced.cached).toBe(false);
    expect(forced.manifest).toEqual(first.manifest);
    const other = await generateCorpus({ findings: 601, seed: 5, outDir: dir, filesPerDir: 20 });
    expect(other.cached).toBe(false);
    expect(other.manifest.findings).toBe(601);
    // Work directories are swapped in and cleaned up: no partial or stale siblings remain.
    expect(readdirSync(tmpRoot).filter((n) => /\.(partial|stale)-\d+$/.test(n))).toEqual([]);

    const foreign = join(tmpRoot, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'precious');
    await expect(generateCorpus({ findings: 10, outDir: foreign })).rejects.toThrow(/refusing/);
    expect(readFileSync(join(foreign, 'keep.txt'), 'utf8')).toBe('precious');
  });
});

describe('corpus shapes', () => {
  it('makes another corpus with the other shape: its own release sizes and longer findings, in a directory of its own', async () => {
    const other = CORPUS_SHAPES.other;
    const standard = await generateCorpus({ findings: 2000, seed: 7, outDir: join(tmpRoot, 'shape-standard') });
    const shaped = await generateCorpus({ findings: 2000, seed: 7, outDir: join(tmpRoot, 'shape-other'), shape: other });
    expect(shaped.manifest.sha256).not.toBe(standard.manifest.sha256);
    expect(shaped.manifest.shape).toEqual(other);
    expect(standard.manifest.shape).toBeUndefined();
    const sizes = (releases: Iterable<{ findings: number }>) => [...releases].map((r) => r.findings).slice(0, -1);
    const otherSizes = sizes(iterateReleases({ findings: 2000, seed: 7, shape: other }));
    expect(Math.min(...otherSizes)).toBe(other.minFindingsPerRelease);
    expect(Math.max(...otherSizes)).toBe(other.maxFindingsPerRelease);
    const standardSizes = sizes(iterateReleases({ findings: 2000, seed: 7 }));
    expect(Math.min(...standardSizes)).toBe(CORPUS_SHAPES.standard.minFindingsPerRelease);
    expect(Math.max(...standardSizes)).toBe(CORPUS_SHAPES.standard.maxFindingsPerRelease);
    // More findings carry a filler sentence: longer findings.
    const meanFinding = (options: { shape?: typeof other }) => {
      const bullets = [...iterateReleases({ findings: 2000, seed: 7, ...options })].flatMap((r) => r.text.split('\n').filter((l) => l.startsWith('- ')));
      return bullets.reduce((sum, b) => sum + b.length, 0) / bullets.length;
    };
    expect(meanFinding({ shape: other })).toBeGreaterThan(meanFinding({}) + 10);
    // Cached per shape: asking for the standard shape in the other's directory regenerates it.
    expect((await generateCorpus({ findings: 2000, seed: 7, outDir: join(tmpRoot, 'shape-other'), shape: other })).cached).toBe(true);
    expect((await generateCorpus({ findings: 2000, seed: 7, outDir: join(tmpRoot, 'shape-other') })).cached).toBe(false);
    expect(defaultCorpusDir(100_000, 7, other)).toMatch(/\/100000-7-other$/);
    expect(defaultCorpusDir(100_000, 42)).toMatch(/\/100000-42$/);
  });
});

describe('generate CLI', () => {
  it('parses its arguments', () => {
    expect(parseGenerateArgs(['--findings', '10_000', '--seed=7', '--out', 'x', '--force'])).toEqual({
      findings: 10000,
      seed: 7,
      out: 'x',
      force: true,
      quiet: false,
    });
    expect(parseGenerateArgs(['-n', '5']).seed).toBe(42);
    expect(() => parseGenerateArgs([])).toThrow(/findings/);
    expect(() => parseGenerateArgs(['--findings', 'lots'])).toThrow(/integer/);
    expect(() => parseGenerateArgs(['--findings', '5', '--bogus'])).toThrow(/unknown/);
  });
});
