/**
 * Deterministic synthetic corpus of HMIC "Revisiting police relationships" force press releases.
 *
 * Releases follow the seed format exactly (headline, background, "In <Force>, HMIC found:" with
 * "- " bullets, inspector quote, full-report line, numbered notes to editors) so the real parser
 * ingests them. Release `i` is about force `FORCES[i % 45]` in year `2012 + floor(i / 45)`; its
 * content comes from its own random stream seeded by `(seed, i)`. Generation streams: one release
 * is rendered, hashed and written at a time.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BACKGROUND_FINDINGS,
  BACKGROUND_REQUEST,
  DUPLICATE_NOTES,
  HEADLINES,
  NOTES,
  NOTES_HEADINGS,
  QUOTES,
  REPORT_LINE,
  type ReleaseStyle,
  backgroundRevisit,
  hmicLink,
} from './boilerplate';
import { Rng, ZipfSampler, hashSeed } from './prng';
import {
  DEFAULT_SEEDS_DIR,
  FINDING_TEMPLATES,
  FORCES,
  type FindingContext,
  type Force,
  buildRankedVocabulary,
  fillerSentence,
  harvestSeedVocabulary,
  inspectorFor,
} from './vocabulary';

/** Bumped whenever the output for a given (findings, seed) changes; invalidates cached corpora. */
export const GENERATOR_VERSION = 1;

/** Seed used when none is given. */
export const DEFAULT_SEED = 42;

/** Year of the first synthetic releases (the real revisit). */
export const FIRST_YEAR = 2012;

/** How a corpus is made beyond its seed: a second shape checks that results hold beyond one corpus. */
export interface CorpusShape {
  name: string;
  /** Fewest and most findings in a release (only the last release may have fewer). */
  minFindingsPerRelease: number;
  maxFindingsPerRelease: number;
  /** Zipf exponent of the filler words: lower is flatter (rare words more common, a larger vocabulary). */
  zipfExponent: number;
  /** Share of findings followed by a filler sentence (longer findings, more varied words). */
  fillerShare: number;
}

/** The bench's own corpus shape, and another: more uneven releases, longer findings, a flatter vocabulary. */
export const CORPUS_SHAPES = {
  standard: { name: 'standard', minFindingsPerRelease: 5, maxFindingsPerRelease: 12, zipfExponent: 1.07, fillerShare: 0.25 },
  other: { name: 'other', minFindingsPerRelease: 2, maxFindingsPerRelease: 16, zipfExponent: 0.9, fillerShare: 0.6 },
} as const satisfies Record<string, CorpusShape>;
export type CorpusShapeName = keyof typeof CORPUS_SHAPES;

/** Name of the marker file holding the {@link CorpusManifest} of a complete corpus. */
export const COMPLETE_MARKER = '.complete';
/** Marker present while a corpus is being written (a crash leaves it behind). */
export const GENERATING_MARKER = '.generating';

/** Root of the default cache (`bench/corpus/`, git-ignored). */
export const CORPUS_ROOT = fileURLToPath(new URL('./corpus/', import.meta.url));

/** Default output directory for a corpus: `bench/corpus/<findings>-<seed>/` (`<findings>-<seed>-<shape>/` for a shape other than the standard one). */
export function defaultCorpusDir(findings: number, seed: number = DEFAULT_SEED, shape: CorpusShape = CORPUS_SHAPES.standard): string {
  return join(CORPUS_ROOT, shape.name === CORPUS_SHAPES.standard.name ? `${findings}-${seed}` : `${findings}-${seed}-${shape.name}`);
}

/** Options of {@link generateCorpus} and {@link iterateReleases}. */
export interface CorpusOptions {
  /** Exact total number of findings (bullets) across all releases; a positive integer. */
  findings: number;
  /** PRNG seed (default {@link DEFAULT_SEED}). */
  seed?: number;
  /** Directory of seed releases the vocabulary is harvested from (default `<repo>/seeds`). */
  seedsDir?: string;
  /** Default {@link CORPUS_SHAPES}.standard. */
  shape?: CorpusShape;
}

/** Options of {@link generateCorpus}. */
export interface GenerateCorpusOptions extends CorpusOptions {
  /** Output directory (default {@link defaultCorpusDir}). */
  outDir?: string;
  /** Regenerate even when a matching complete corpus is already there. */
  force?: boolean;
  /** Releases per shard subdirectory (default 1000). */
  filesPerDir?: number;
  /** Called every `progressEvery` releases and once at the end. */
  onProgress?: (progress: { releases: number; findings: number; bytes: number }) => void;
  /** Releases between progress callbacks (default 10,000). */
  progressEvery?: number;
}

/** Contents of the `.complete` marker: what was generated and a hash of all of it. */
export interface CorpusManifest {
  generator: 'hmic-synthetic-corpus';
  version: number;
  findings: number;
  seed: number;
  /** Number of release files written (one release per file). */
  files: number;
  filesPerDir: number;
  /** Total size of the release files in bytes. */
  bytes: number;
  /** Years covered, inclusive. */
  firstYear: number;
  lastYear: number;
  /** sha256 of the seed files the vocabulary came from. */
  vocabularyHash: string;
  /** sha256 over every file's relative path and bytes, in generation order. */
  sha256: string;
  /** The shape, when not the standard one (manifests before shapes existed have none). */
  shape?: CorpusShape;
}

/** Result of {@link generateCorpus}. */
export interface GenerateCorpusResult {
  /** Absolute output directory. */
  dir: string;
  manifest: CorpusManifest;
  /** True when an existing complete corpus was reused and nothing was written. */
  cached: boolean;
  /** Wall-clock time spent, in milliseconds. */
  elapsedMs: number;
}

/** One generated release. */
export interface GeneratedRelease {
  /** 0-based position in the corpus. */
  index: number;
  force: Force;
  year: number;
  /** Path relative to the corpus directory, with `/` separators. */
  path: string;
  /** Full file text. */
  text: string;
  /** Number of findings (bullets) in this release. */
  findings: number;
}

/** Everything {@link renderRelease} needs, fixed before any text is produced. */
export interface ReleaseSpec {
  force: Force;
  year: number;
  style: ReleaseStyle;
  /** Finding texts, without bullet markers. */
  findings: string[];
  /** Random stream for layout choices (headline wording, quote, blank lines…). */
  rng: Rng;
}

/** Shared, seed-derived state of a generation run (vocabulary and samplers). */
interface GeneratorState {
  seed: number;
  shape: CorpusShape;
  filler: ZipfSampler<string>;
  vocabularyHash: string;
}

function prepare(options: CorpusOptions): GeneratorState {
  const { findings } = options;
  if (!Number.isSafeInteger(findings) || findings < 1) throw new RangeError(`findings must be a positive integer, got ${findings}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const shape = options.shape ?? CORPUS_SHAPES.standard;
  const vocab = harvestSeedVocabulary(options.seedsDir ?? DEFAULT_SEEDS_DIR);
  return { seed, shape, filler: new ZipfSampler(buildRankedVocabulary(vocab), shape.zipfExponent), vocabularyHash: vocab.sourceHash };
}

/**
 * Render one release in the seeds' format. Pure given the spec (all randomness comes from
 * `spec.rng`).
 */
export function renderRelease(spec: ReleaseSpec): string {
  const { force, year, style, findings, rng } = spec;
  const md = style === 'markdown';
  const link = hmicLink(style);
  const name = force.name;
  const out: string[] = [];

  const headline = rng.pick(HEADLINES).replace('{F}', name);
  out.push(rng.pick(['\n\n', '\n\n\n\n']) + (md ? `## **${headline}**` : headline));
  out.push(BACKGROUND_REQUEST, rng.pick(BACKGROUND_FINDINGS), backgroundRevisit(year));

  const inName = force.short !== null && rng.chance(0.2) ? force.short : name;
  out.push(`In ${inName}, HMIC found:`);
  const bullets = findings.map((f) => `- ${f}`);
  if (bullets.length >= 2 && rng.chance(0.1)) {
    // Two seeds separate their last bullet from the others by a blank line.
    const last = bullets.pop()!;
    out.push(bullets.join('\n'), last);
  } else {
    out.push(bullets.join('\n'));
  }

  out.push(`HM Inspector of Constabulary for the ${force.region}, ${inspectorFor(force.region, year)}, said:`);
  const quote = rng.pick(QUOTES).map((p) => p.replace('{F}', name));
  const opened = quote.map((p, i) => (i === 0 ? `“${p}` : i === quote.length - 1 ? `${p}”` : p));
  out.push(...(md ? opened.map((p) => `*${p}*`) : opened));

  out.push(REPORT_LINE.replace('{F}', name).replace('{LINK}', link));
  out.push(rng.pick(NOTES_HEADINGS[style]));
  const notes = NOTES.map((n) => n.replace('{LINK}', link));
  if (rng.chance(0.05)) notes.push(...DUPLICATE_NOTES);
  out.push(notes.map((n, i) => `${i + 1}. ${n}`).join('\n'));

  return out.join('\n\n') + rng.pick(['', '', '', '\n', '\n\n']);
}

/** Relative path of release `index`: `<shard>/<index>_<force-slug>-<year>.txt`. */
export function releasePath(index: number, force: Force, year: number, filesPerDir = 1000): string {
  const shard = String(Math.floor(index / filesPerDir)).padStart(4, '0');
  return `${shard}/${String(index).padStart(6, '0')}_${force.slug}-${year}.txt`;
}

function makeRelease(state: GeneratorState, index: number, remaining: number, filesPerDir: number): GeneratedRelease {
  const force = FORCES[index % FORCES.length]!;
  const year = FIRST_YEAR + Math.floor(index / FORCES.length);
  const rng = new Rng(hashSeed(state.seed, index));
  const count = Math.min(rng.int(state.shape.minFindingsPerRelease, state.shape.maxFindingsPerRelease), remaining);
  const selfNoun = force.name.endsWith('Constabulary') && rng.chance(0.5) ? 'constabulary' : 'force';
  const ctx: FindingContext = { force, year, selfNoun, rng, filler: state.filler };

  const weights = FINDING_TEMPLATES.map((t) => (t.applies && !t.applies(ctx) ? 0 : t.weight));
  const chosen = rng.weightedDistinct(weights, count);
  while (chosen.length < count) chosen.push(FINDING_TEMPLATES.length - 1); // only if templates run out
  if (rng.chance(0.8)) chosen.sort((a, b) => a - b);
  const findings = chosen.map((t) => {
    const text = FINDING_TEMPLATES[t]!.render(ctx);
    return rng.chance(state.shape.fillerShare) ? `${text} ${fillerSentence(rng, state.filler)}` : text;
  });

  const style: ReleaseStyle = rng.chance(0.4) ? 'markdown' : 'plain';
  const text = renderRelease({ force, year, style, findings, rng });
  return { index, force, year, path: releasePath(index, force, year, filesPerDir), text, findings: count };
}

/**
 * Lazily generate the releases of a corpus, in order, without touching the disk. Holds one
 * release at a time; the same options always yield the same releases.
 */
export function* iterateReleases(options: CorpusOptions & { filesPerDir?: number }): Generator<GeneratedRelease> {
  const state = prepare(options);
  const filesPerDir = options.filesPerDir ?? 1000;
  let remaining = options.findings;
  for (let index = 0; remaining > 0; index++) {
    const release = makeRelease(state, index, remaining, filesPerDir);
    remaining -= release.findings;
    yield release;
  }
}

/** The manifest of a complete corpus directory, or null when it has none (or an unreadable one). */
export function readManifest(dir: string): CorpusManifest | null {
  const file = join(dir, COMPLETE_MARKER);
  if (!existsSync(file)) return null;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CorpusManifest>;
    return data.generator === 'hmic-synthetic-corpus' ? (data as CorpusManifest) : null;
  } catch {
    return null;
  }
}

/** Throw unless `dir` is absent, empty or a generated corpus (complete or partial). */
function assertReplaceable(dir: string): void {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir);
  if (entries.length === 0) return;
  if (!entries.includes(COMPLETE_MARKER) && !entries.includes(GENERATING_MARKER)) {
    throw new Error(`refusing to overwrite ${dir}: it is not empty and holds no generated corpus`);
  }
}

/** Whether a process with this id is running. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove `<dir>.partial-<pid>` / `<dir>.stale-<pid>` siblings left behind by runs that died. */
function removeLeftovers(dir: string): void {
  const parent = dirname(dir);
  if (!existsSync(parent)) return;
  const prefix = `${basename(dir)}.`;
  for (const name of readdirSync(parent)) {
    const m = name.startsWith(prefix) ? /^(?:partial|stale)-(\d+)$/.exec(name.slice(prefix.length)) : null;
    if (m && (Number(m[1]) === process.pid || !isAlive(Number(m[1])))) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** Write every release of the corpus into `work` and its manifest; returns the manifest. */
function writeCorpusFiles(
  work: string,
  options: GenerateCorpusOptions,
  seed: number,
  filesPerDir: number,
  vocabularyHash: string,
): CorpusManifest {
  writeFileSync(join(work, GENERATING_MARKER), `${process.pid}\n`);
  const hash = createHash('sha256');
  const progressEvery = options.progressEvery ?? 10_000;
  let files = 0;
  let bytes = 0;
  let findings = 0;
  let lastYear = FIRST_YEAR;
  let currentShard = '';
  for (const release of iterateReleases({ ...options, seed, filesPerDir })) {
    const shard = release.path.slice(0, release.path.indexOf('/'));
    if (shard !== currentShard) {
      mkdirSync(join(work, shard), { recursive: true });
      currentShard = shard;
    }
    const buf = Buffer.from(release.text, 'utf8');
    writeFileSync(join(work, release.path), buf);
    hash.update(release.path).update('\0').update(buf).update('\0');
    files++;
    bytes += buf.length;
    findings += release.findings;
    lastYear = release.year;
    if (options.onProgress && files % progressEvery === 0) options.onProgress({ releases: files, findings, bytes });
  }
  if (findings !== options.findings) throw new Error(`internal error: wrote ${findings} findings, wanted ${options.findings}`);
  options.onProgress?.({ releases: files, findings, bytes });

  const manifest: CorpusManifest = {
    generator: 'hmic-synthetic-corpus',
    version: GENERATOR_VERSION,
    findings,
    seed,
    files,
    filesPerDir,
    bytes,
    firstYear: FIRST_YEAR,
    lastYear,
    vocabularyHash,
    sha256: hash.digest('hex'),
    ...(options.shape && options.shape.name !== CORPUS_SHAPES.standard.name ? { shape: options.shape } : {}),
  };
  writeFileSync(join(work, COMPLETE_MARKER), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(join(work, GENERATING_MARKER), { force: true });
  return manifest;
}

/**
 * Generate a corpus of exactly `findings` findings into `outDir` (sharded, ≤ `filesPerDir` files
 * per subdirectory) and write a `.complete` manifest. If `outDir` already holds a complete corpus
 * for the same findings, seed, generator version and seeds, it is reused unless `force` is set.
 *
 * Files are written one at a time as they are generated, so memory stays flat for any size. They
 * go to a sibling `<outDir>.partial-<pid>` directory that replaces `outDir` only once complete, so
 * `outDir` never holds a half-written corpus. An existing `outDir` that is neither empty nor a
 * generated corpus is never touched (the call throws).
 */
export async function generateCorpus(options: GenerateCorpusOptions): Promise<GenerateCorpusResult> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const filesPerDir = options.filesPerDir ?? 1000;
  if (!Number.isSafeInteger(filesPerDir) || filesPerDir < 1) throw new RangeError(`filesPerDir must be a positive integer`);
  const shape = options.shape ?? CORPUS_SHAPES.standard;
  const dir = resolve(options.outDir ?? defaultCorpusDir(options.findings, seed, shape));
  const vocabularyHash = harvestSeedVocabulary(options.seedsDir ?? DEFAULT_SEEDS_DIR).sourceHash;

  const existing = readManifest(dir);
  if (
    !options.force &&
    existing &&
    existing.version === GENERATOR_VERSION &&
    existing.findings === options.findings &&
    existing.seed === seed &&
    existing.filesPerDir === filesPerDir &&
    existing.vocabularyHash === vocabularyHash &&
    JSON.stringify(existing.shape ?? CORPUS_SHAPES.standard) === JSON.stringify(shape) &&
    !existsSync(join(dir, GENERATING_MARKER))
  ) {
    return { dir, manifest: existing, cached: true, elapsedMs: performance.now() - started };
  }

  assertReplaceable(dir);
  removeLeftovers(dir);
  const work = `${dir}.partial-${process.pid}`;
  mkdirSync(work, { recursive: true });

  let manifest: CorpusManifest;
  try {
    manifest = writeCorpusFiles(work, options, seed, filesPerDir, vocabularyHash);
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }

  // Swap the finished corpus in; the old one (if any) is deleted only after the swap.
  assertReplaceable(dir);
  const stale = `${dir}.stale-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, stale);
  try {
    renameSync(work, dir);
  } catch (err) {
    // Another process swapped in the same corpus first: keep theirs if it is identical.
    if (readManifest(dir)?.sha256 !== manifest.sha256) throw err;
    rmSync(work, { recursive: true, force: true });
  }
  rmSync(stale, { recursive: true, force: true });
  return { dir, manifest, cached: false, elapsedMs: performance.now() - started };
}
