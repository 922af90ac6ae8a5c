/**
 * The benchmark: `npm run bench -- --findings N [--quick] [--skip-http] [--engines ours,minisearch,orama,sqlite] [--mix standard|other]`.
 *
 * On one synthetic corpus and one seeded query mix, measures our engine and, side by side,
 * MiniSearch, Orama and SQLite FTS5 (build, index size, cold load in a fresh process, RSS, query latency with
 * facet counts and highlighting), then HTTP load on the production server (serve.mjs, with a
 * browser's Accept-Encoding), and the first-load JS of `/`. Every engine runs in its own child process. Writes bench/results/<date>-<N>[-quick].json
 * and prints a Markdown report (with the issue's targets as met / missed) to stdout; progress goes
 * to stderr.
 *
 * Options:
 *   --findings N         corpus size (default 10,000; generated once, cached under bench/corpus/)
 *   --quick              CI smoke run (≤ 60 s on 2 cores): 10k findings, our engine only unless
 *                        --engines says otherwise (the peers alone take minutes: Orama's 1,000
 *                        queries need ~6 min at 10k), short HTTP run (5 s, 10 connections)
 *   --skip-http          no HTTP load test
 *   --pdf-files N        PDFs in the PDF-ingest measurement (default 200, quick 20; 0 skips it)
 *   --engines LIST       comma-separated subset of ours,minisearch,orama,sqlite (default all)
 *   --mix standard|other the query mix and its corpus: `other` is another mix (bench/query-mix.ts,
 *                        OTHER_MIX_PLAN) over another corpus (corpus seed 7 unless --seed, shape
 *                        CORPUS_SHAPES.other), to check the targets beyond the bench's own mix
 *   --queries N          timed queries (default 1,000)      --warmup N   untimed warm-up (default 100)
 *   --seed S             corpus seed (default 42)            --query-seed S
 *   --http-duration S    (default 20, quick 5)               --http-connections C (default 50, quick 10)
 *   --peer-budget MIN    stop a peer's build after this long (default 15)
 *   --query-budget MIN   stop an engine's query loop after this long (default 10)
 *   --profile            also CPU-profile our query loop (`node --cpu-prof`) and summarise it
 *   --reload             also measure request latency while the served index is replaced (bench/measure-reload.ts)
 *   --index DIR          where our index is built (default the corpus directory + `.index`; another
 *                        directory leaves a shared corpus's index alone)
 *   --out DIR            results directory (default bench/results)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPUS_SHAPES, DEFAULT_SEED, defaultCorpusDir, generateCorpus } from './generate-corpus';
import { REPO_ROOT, formatDuration, runChild, type ChildOutcome } from './child';
import { summarizeCpuProfile, type CpuProfile } from './cpu-profile';
import { ensureNextBuild, measureHttp } from './measure-http';
import { measureReload, renderReload, type ReloadResult } from './measure-reload';
import { readManifest } from '../lib/index/load-index';
import type { PeerBuildResult } from './measure-minisearch';
import type { OpenResult, OursBuildResult, QueryResult } from './measure-ours';
import { measurePageWeight } from './page-weight';
import { measurePdfIngest } from './measure-pdf-ingest';
import { measureJudgedSets } from './judged-sets';
import type { ParseResult } from './parse-corpus';
import {
  DEFAULT_QUERY_COUNT,
  DEFAULT_QUERY_SEED,
  DEFAULT_WARMUP_COUNT,
  OTHER_CORPUS_SEED,
  OTHER_QUERY_SEED,
  QUERY_MIXES,
  buildOtherQueryMix,
  buildQueryMix,
  buildSuggestPartials,
  queryCategory,
  sampleCorpusDocs,
  toApiPath,
  type BenchQuery,
  type QueryMixName,
} from './query-mix';
import type { QueryLoopResult } from './query-loop';
import {
  ENGINE_NAMES,
  checkTargets,
  machineInfo,
  na,
  renderMarkdown,
  resultsFileName,
  type BenchResults,
  type EngineName,
  type EngineReport,
  type Metric,
} from './report';

const USAGE = 'usage: npm run bench -- [--findings N] [--quick] [--skip-http] [--engines ours,minisearch,orama,sqlite] [--mix standard|other] [--queries N] [--pdf-files N] [--profile] [--reload] [--index DIR] [--out DIR]';

/** Parsed command line. */
export interface BenchArgs {
  findings: number;
  quick: boolean;
  skipHttp: boolean;
  engines: EngineName[];
  /** The query mix and its corpus (`other`: another mix over another corpus). */
  mix: QueryMixName;
  queries: number;
  warmup: number;
  seed: number;
  querySeed: number;
  httpDurationSec: number;
  httpConnections: number;
  peerBudgetMin: number;
  queryBudgetMin: number;
  profile: boolean;
  /** Also measure latency during index reloads (default false). */
  reload: boolean;
  pdfFiles: number;
  /** Where our index is built; undefined: beside the corpus (`<corpus>.index`). */
  indexDir: string | undefined;
  out: string;
}

/** Parse `argv` (without node and script); throws with a usage message on bad input. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const quick = argv.includes('--quick');
  const args: BenchArgs = {
    findings: 10_000,
    quick,
    skipHttp: false,
    engines: quick ? ['ours'] : [...ENGINE_NAMES],
    mix: 'standard',
    queries: DEFAULT_QUERY_COUNT,
    warmup: DEFAULT_WARMUP_COUNT,
    seed: DEFAULT_SEED,
    querySeed: DEFAULT_QUERY_SEED,
    httpDurationSec: quick ? 5 : 20,
    httpConnections: quick ? 10 : 50,
    peerBudgetMin: 15,
    queryBudgetMin: 10,
    profile: false,
    reload: false,
    pdfFiles: quick ? 20 : 200,
    indexDir: undefined,
    out: join(REPO_ROOT, 'bench/results'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    const number = (min: number, integer = true): number => {
      const raw = value();
      const n = Number(raw.replace(/_/g, ''));
      if (!Number.isFinite(n) || n < min || (integer && !Number.isSafeInteger(n))) throw new Error(`${flag} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"\n${USAGE}`);
      return n;
    };
    switch (flag) {
      case '--findings':
      case '-n':
        args.findings = number(1);
        break;
      case '--quick':
        break;
      case '--skip-http':
        args.skipHttp = true;
        break;
      case '--engines': {
        const list = value().split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
        const bad = list.filter((e) => !(ENGINE_NAMES as readonly string[]).includes(e));
        if (bad.length || list.length === 0) throw new Error(`--engines takes a comma-separated subset of ${ENGINE_NAMES.join(',')}, got "${bad.join(',') || '(nothing)'}"\n${USAGE}`);
        args.engines = ENGINE_NAMES.filter((e) => list.includes(e));
        break;
      }
      case '--mix': {
        const mix = value();
        if (!(QUERY_MIXES as readonly string[]).includes(mix)) throw new Error(`--mix takes one of ${QUERY_MIXES.join(', ')}, got "${mix}"\n${USAGE}`);
        args.mix = mix as QueryMixName;
        break;
      }
      case '--queries':
        args.queries = number(1);
        break;
      case '--warmup':
        args.warmup = number(0);
        break;
      case '--seed':
        args.seed = number(0);
        break;
      case '--query-seed':
        args.querySeed = number(0);
        break;
      case '--http-duration':
        args.httpDurationSec = number(1);
        break;
      case '--http-connections':
        args.httpConnections = number(1);
        break;
      case '--peer-budget':
        args.peerBudgetMin = number(0, false);
        break;
      case '--query-budget':
        args.queryBudgetMin = number(0, false);
        break;
      case '--profile':
        args.profile = true;
        break;
      case '--reload':
        args.reload = true;
        break;
      case '--pdf-files':
        args.pdfFiles = number(0);
        break;
      case '--index':
        args.indexDir = resolve(value());
        break;
      case '--out':
        args.out = resolve(value());
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (args.mix === 'other') {
    // The other corpus and mix have seeds of their own, unless the command line names them.
    const named = (flag: string) => argv.some((a) => a === flag || a.startsWith(`${flag}=`));
    if (!named('--seed')) args.seed = OTHER_CORPUS_SEED;
    if (!named('--query-seed')) args.querySeed = OTHER_QUERY_SEED;
  }
  return args;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Heap limit given to the peer engines' children (MiniSearch and Orama need it at 1M); ours runs with Node's default heap, as a user's build and server do. */
const CHILD_HEAP_MB = 16_000;

function naOf(outcome: ChildOutcome<unknown>): { na: string } {
  return outcome.ok ? na('no result') : na(outcome.reason);
}

function fromLoop(report: EngineReport, loop: QueryLoopResult): void {
  if (loop.warmedUp < loop.warmupPlanned) report.notes.push(`warm-up cut to ${loop.warmedUp} of ${loop.warmupPlanned} queries by the time budget`);
  report.latency = loop.completed > 0 ? loop.latency : na(loop.stoppedEarly ?? 'no query timed');
  report.byKind = loop.byKind;
  report.byCategory = loop.byCategory;
  report.meanHits = loop.meanHits;
  report.zeroHitShare = loop.zeroHitShare;
  report.latenciesMs = loop.latenciesMs;
  report.hits = loop.hits;
  if (loop.stoppedEarly) report.notes.push(`query loop: ${loop.stoppedEarly} (percentiles over the queries timed)`);
}

function emptyReport(reason: string): EngineReport {
  const none = na(reason);
  return {
    documents: none,
    buildMs: none,
    indexBytes: none,
    loadMs: none,
    rssAfterLoad: none,
    maxRss: none,
    latency: none,
    byKind: {},
    byCategory: {},
    meanHits: none,
    zeroHitShare: none,
    notes: [],
    raw: {},
  };
}

function stripLoop(result: QueryResult | PeerBuildResult | undefined): Record<string, unknown> | undefined {
  if (!result) return undefined;
  const { queries, ...rest } = result as { queries?: QueryLoopResult };
  if (!queries) return rest;
  const { latenciesMs: _l, hits: _h, byCategory: _c, ...loop } = queries;
  return { ...rest, queries: loop };
}

interface Context {
  args: BenchArgs;
  work: string;
  corpusDir: string;
  indexDir: string;
  queriesPath: string;
  queryBudgetMs: number;
}

/** Median of a list of numbers. */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Open as a user's process does: a fresh process from its start to its first answered query, on
 * `indexDir` and on the seed index alternately (3 each, after one warm-up of each, so the page
 * cache is warm); the open is the difference of the medians (the process's own start-up cancels).
 */
async function measureOpen(ctx: Context, seedsIndex: string): Promise<{ openMs: number; result: OpenResult } | { na: string }> {
  const run = (indexDir: string, i: number) =>
    runChild<OpenResult>('bench/measure-ours.ts', 'open', { resultPath: join(ctx.work, `ours-open-${i}.json`), indexDir }, { timeoutMs: 10 * 60_000, label: 'ours open' });
  const big: OpenResult[] = [];
  const seeds: OpenResult[] = [];
  for (let i = 0; i < 4; i++) {
    const a = await run(ctx.indexDir, 2 * i);
    const b = await run(seedsIndex, 2 * i + 1);
    if (!a.ok) return { na: a.reason };
    if (!b.ok) return { na: b.reason };
    if (i > 0) {
      big.push(a.result);
      seeds.push(b.result);
    }
  }
  const openMs = median(big.map((r) => r.sinceStartMs)) - median(seeds.map((r) => r.sinceStartMs));
  const typical = [...big].sort((x, y) => x.sinceStartMs - y.sinceStartMs)[1]!;
  return { openMs, result: typical };
}

async function measureOurs(ctx: Context): Promise<EngineReport> {
  const report = emptyReport('not measured');
  log("\n[ours] build (buildFromDirectory, parsing included) in a fresh process with Node's default heap");
  const build = await runChild<OursBuildResult>(
    'bench/measure-ours.ts',
    'build',
    { resultPath: join(ctx.work, 'ours-build.json'), source: ctx.corpusDir, out: ctx.indexDir },
    { timeoutMs: 90 * 60_000, label: 'ours build' },
  );
  if (!build.ok) return { ...emptyReport(build.reason), raw: { build: build.reason } };
  report.buildMs = build.result.buildMs;
  report.buildMaxRss = build.result.maxRss;
  report.indexBytes = build.result.indexBytes;
  report.sourceBytes = build.result.sourceBytes;
  report.documents = build.result.counts.documents ?? na('not in manifest');
  report.raw.build = build.result;
  log(`[ours] built in ${formatDuration(build.result.buildMs)}; open in fresh processes (against the seed index)`);
  const seedsIndex = join(ctx.work, 'seeds-index');
  const seeds = await runChild<OursBuildResult>('bench/measure-ours.ts', 'build', { resultPath: join(ctx.work, 'seeds-build.json'), source: join(REPO_ROOT, 'seeds'), out: seedsIndex }, { timeoutMs: 10 * 60_000, label: 'seeds build' });
  const open = seeds.ok ? await measureOpen(ctx, seedsIndex) : { na: seeds.reason };
  if ('na' in open) report.openMs = open;
  else {
    report.openMs = open.openMs;
    report.phases = { build: build.result.phases, open: open.result.phases };
    log(`[ours] open ${formatDuration(open.openMs)} (fresh process to first answer, minus the seed index's); load + ${ctx.args.queries} queries in a fresh process`);
  }
  const query = await runChild<QueryResult>(
    'bench/measure-ours.ts',
    'query',
    { resultPath: join(ctx.work, 'ours-query.json'), indexDir: ctx.indexDir, queriesPath: ctx.queriesPath, budgetMs: ctx.queryBudgetMs },
    { timeoutMs: ctx.queryBudgetMs + 30 * 60_000, label: 'ours query' },
  );
  if (!query.ok) {
    for (const k of ['loadMs', 'rssAfterLoad', 'maxRss', 'latency', 'meanHits', 'zeroHitShare'] as const) (report as unknown as Record<string, Metric>)[k] = naOf(query);
    return report;
  }
  report.loadMs = query.result.loadMs;
  report.rssAfterLoad = query.result.rssAfterLoad;
  report.maxRss = query.result.maxRss;
  report.raw.query = stripLoop(query.result);
  fromLoop(report, query.result.queries);
  report.suggestLatency = query.result.suggest?.latency ?? na('no suggest partials');
  return report;
}

async function parseOnce(ctx: Context, docsPath: string): Promise<ChildOutcome<ParseResult>> {
  log('\n[parse] parsing the corpus once with our parser for the peers (ingestFile + boilerplate + releasesToDocs)');
  return runChild<ParseResult>(
    'bench/parse-corpus.ts',
    'parse',
    { resultPath: join(ctx.work, 'parse.json'), source: ctx.corpusDir, docsPath },
    { maxOldSpaceMb: CHILD_HEAP_MB, timeoutMs: 90 * 60_000, label: 'parse' },
  );
}

type PeerName = Exclude<EngineName, 'ours'>;

const PEER_NOTES: Record<PeerName, string[]> = {
  minisearch: [
    'no phrase search: quoted phrases are searched as their words (AND)',
    'facet counts are plain counts over its (filtered) results; ours counts disjunctively (each facet ignores its own selection)',
    'fuzzy 0.2 is applied to every word (ours only expands unknown words)',
  ],
  orama: [
    'no phrase search: quoted phrases are searched as their words (threshold 0 = all words)',
    'every word is matched by prefix (Orama default); highlighting is a simple marking (Orama 3 reports no positions)',
    'facet counts are plain counts over its (filtered) results; ours counts disjunctively',
  ],
  sqlite: [
    'typos are searched as typed: FTS5 has no fuzzy matching (ours corrects them)',
    'stems by the porter tokenizer; no synonyms or thesaurus (ours expands both)',
    'facets counted by SQL GROUP BY over the match set, disjunctively as ours; "cold load" is opening the file (its pages are read by the warm-up queries)',
  ],
};

async function measurePeer(ctx: Context, name: PeerName, docsPath: string): Promise<EngineReport> {
  const report = emptyReport('not measured');
  report.notes.push(...PEER_NOTES[name]);
  const script = `bench/measure-${name}.ts`;
  const indexPath = join(ctx.work, name === 'sqlite' ? 'sqlite-index.sqlite' : `${name}-index.json`);
  const budgetMs = ctx.args.peerBudgetMin * 60_000;
  log(`\n[${name}] build from the parsed documents in a fresh process (budget ${formatDuration(budgetMs)})`);
  const build = await runChild<PeerBuildResult>(
    script,
    'build',
    {
      resultPath: join(ctx.work, `${name}-build.json`),
      docsPath,
      indexPath,
      queriesPath: ctx.queriesPath,
      budgetMs: ctx.queryBudgetMs,
      buildBudgetMs: budgetMs,
      // Large corpora: time the queries right after the build, before persisting may run out of memory.
      queryInBuild: ctx.args.findings >= 500_000,
    },
    { maxOldSpaceMb: CHILD_HEAP_MB, timeoutMs: budgetMs + ctx.queryBudgetMs + 30 * 60_000, label: `${name} build` },
  );
  if (!build.ok) {
    const reason = build.reason;
    const partial = build.partial;
    const failed = { ...emptyReport(reason), notes: report.notes, raw: { build: reason, partial: stripLoop(partial as PeerBuildResult | undefined) } };
    if (partial?.buildMs !== undefined) {
      failed.buildMs = partial.buildMs;
      failed.documents = partial.documents ?? failed.documents;
      failed.notes.push(`built${partial.queries ? ' and queried' : ''}, then failed while ${partial.queries ? 'persisting' : 'persisting or querying'}: ${reason}`);
      failed.rssAfterLoad = na(`no persisted index to load${partial.rssAfterBuild ? `; RSS after build was ${(partial.rssAfterBuild / 1e9).toFixed(2)} GB` : ''}`);
      if (partial.queries) {
        failed.notes.push('queries ran in the build process');
        fromLoop(failed, partial.queries);
      }
    }
    return failed;
  }
  const b = build.result;
  report.raw.build = stripLoop(b);
  report.documents = b.documents;
  if (b.aborted) {
    const none = na(b.aborted);
    return { ...emptyReport(b.aborted), documents: b.documents, buildMs: none, notes: report.notes, raw: report.raw };
  }
  report.buildMs = b.buildMs;
  report.indexBytes = b.indexBytes ?? na(b.persistError ?? 'not persisted');
  if (b.queries && b.persistMs === null) {
    // The index could not be persisted in a loadable form: use the queries timed in the build process.
    report.loadMs = na(b.persistError ?? 'not persisted');
    report.rssAfterLoad = na(`no persisted index to load; RSS after build was ${(b.rssAfterBuild / 1e9).toFixed(2)} GB`);
    report.maxRss = b.maxRss;
    report.notes.push(`queries ran in the build process: ${b.persistError ?? 'the index could not be persisted'}`);
    fromLoop(report, b.queries);
    return report;
  }
  log(`[${name}] built in ${formatDuration(b.buildMs)}; load + ${ctx.args.queries} queries in a fresh process`);
  const query = await runChild<QueryResult>(
    script,
    'query',
    { resultPath: join(ctx.work, `${name}-query.json`), indexPath, queriesPath: ctx.queriesPath, budgetMs: ctx.queryBudgetMs },
    { maxOldSpaceMb: CHILD_HEAP_MB, timeoutMs: ctx.queryBudgetMs + 30 * 60_000, label: `${name} query` },
  );
  rmSync(indexPath, { force: true });
  if (!query.ok) {
    for (const k of ['loadMs', 'rssAfterLoad', 'maxRss', 'latency', 'meanHits', 'zeroHitShare'] as const) (report as unknown as Record<string, Metric>)[k] = naOf(query);
    return report;
  }
  report.loadMs = query.result.loadMs;
  report.rssAfterLoad = query.result.rssAfterLoad;
  report.maxRss = query.result.maxRss;
  report.raw.query = stripLoop(query.result);
  fromLoop(report, query.result.queries);
  report.suggestLatency = query.result.suggest?.latency ?? na('no suggest partials');
  return report;
}

async function profileOurs(ctx: Context, profileDir: string, name: string): Promise<BenchResults['profile']> {
  log('\n[profile] our query loop again under node --cpu-prof (timings of this run are not reported)');
  mkdirSync(profileDir, { recursive: true });
  const query = await runChild<QueryResult>(
    'bench/measure-ours.ts',
    'query',
    { resultPath: join(ctx.work, 'ours-profile.json'), indexDir: ctx.indexDir, queriesPath: ctx.queriesPath, budgetMs: ctx.queryBudgetMs },
    { timeoutMs: ctx.queryBudgetMs + 30 * 60_000, label: 'ours profile', nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}`] },
  );
  if (!query.ok) return na(query.reason);
  const file = join(profileDir, name);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const summary = summarizeCpuProfile(profile, { top: 20, window: query.result.queries.timedWindowUs, root: REPO_ROOT });
  return {
    entries: summary.entries,
    sampledMs: summary.sampledMs,
    note: summary.windowIgnored ? 'whole process: the timed-loop window did not line up with the profile clock' : `timed loop only (${query.result.queries.completed} queries)`,
    file: relative(REPO_ROOT, file),
  };
}

/** Commit and number of uncommitted files under lib/ and app/ (what code was measured). */
function sourceInfo(): BenchResults['source'] {
  const git = (args: string[]) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', 'HEAD']);
  const status = git(['status', '--porcelain', '--', 'lib', 'app']);
  if (head.status !== 0) return undefined;
  return { commit: head.stdout.trim(), uncommittedFiles: status.stdout.split('\n').filter(Boolean).length };
}

/** Run the whole benchmark; returns the results (also written to disk). */
export async function runBench(args: BenchArgs): Promise<BenchResults> {
  const started = performance.now();
  const date = new Date();
  const machine = machineInfo();
  const source = sourceInfo();
  log(`benchmark: ${args.findings} findings, engines ${args.engines.join(', ')}, ${args.mix} mix${args.quick ? ', quick' : ''}${args.skipHttp ? ', no HTTP' : ''}`);

  const shape = args.mix === 'other' ? CORPUS_SHAPES.other : CORPUS_SHAPES.standard;
  const corpus = await generateCorpus({
    findings: args.findings,
    seed: args.seed,
    shape,
    onProgress: ({ releases, findings }) => process.stderr.write(`\r  generating corpus: ${releases} releases, ${findings} findings`),
  });
  if (!corpus.cached) process.stderr.write('\n');
  log(`corpus ${relative(REPO_ROOT, corpus.dir)}: ${corpus.manifest.files} releases, ${(corpus.manifest.bytes / 1e6).toFixed(1)} MB (${corpus.cached ? 'cached' : `generated in ${formatDuration(corpus.elapsedMs)}`})`);

  const work = mkdtempSync(join(tmpdir(), 'hmic-bench-'));
  const indexDir = args.indexDir ?? `${defaultCorpusDir(args.findings, args.seed, shape)}.index`;
  const queryBudgetMs = args.queryBudgetMin * 60_000;
  try {
    // The query mix: sampled findings of this corpus, seeded.
    const sample = await sampleCorpusDocs(corpus.dir, { seed: args.querySeed });
    const buildMix = args.mix === 'other' ? buildOtherQueryMix : buildQueryMix;
    const queries = buildMix(sample, { count: args.queries, seed: args.querySeed });
    const warmup = buildMix(sample, { count: Math.max(1, args.warmup), seed: args.querySeed + 1 }).slice(0, args.warmup);
    const queriesPath = join(work, 'queries.json');
    // The suggestion partials (our engine only): as many as the queries, from the same sample.
    const suggest = buildSuggestPartials(sample, { count: args.queries, seed: args.querySeed });
    writeFileSync(queriesPath, JSON.stringify({ warmup, queries, suggest }));
    const cells: Record<string, number> = {};
    for (const q of queries) cells[queryCategory(q)] = (cells[queryCategory(q)] ?? 0) + 1;
    log(`query mix: ${queries.length} queries (+${warmup.length} warm-up) from ${sample.length} sampled findings, e.g. ${queries.slice(0, 4).map((q) => JSON.stringify(q.q)).join(', ')}`);

    const ctx: Context = { args, work, corpusDir: corpus.dir, indexDir, queriesPath, queryBudgetMs };
    const engines: BenchResults['engines'] = {};
    if (args.engines.includes('ours')) engines.ours = await measureOurs(ctx);

    let parse: BenchResults['parse'] = { parseMs: na('no peer engine selected') };
    const peers = args.engines.filter((e): e is PeerName => e !== 'ours');
    if (peers.length > 0) {
      const docsPath = join(work, 'docs.jsonl');
      const parsed = await parseOnce(ctx, docsPath);
      if (!parsed.ok) {
        parse = { parseMs: na(parsed.reason) };
        for (const p of peers) engines[p] = emptyReport(`parsing for the peers failed: ${parsed.reason}`);
      } else {
        const r = parsed.result;
        parse = { parseMs: r.parseMs, ingestMs: r.ingestMs, docsMs: r.docsMs, documents: r.documents };
        log(`[parse] ${r.documents} documents in ${formatDuration(r.parseMs)}`);
        for (const p of peers) engines[p] = await measurePeer(ctx, p, docsPath);
      }
      rmSync(docsPath, { force: true });
    }

    let http: BenchResults['http'] = null;
    if (!args.skipHttp) {
      log('\n[http] serve.mjs (standalone server + compression layer) + autocannon');
      const missing = await ensureNextBuild({ allowBuild: !args.quick, log });
      if (missing) http = na(missing);
      else if (!engines.ours || !('buildMs' in engines.ours) || typeof engines.ours.buildMs !== 'number') http = na('our index was not built in this run');
      else {
        try {
          http = await measureHttp({
            indexDir,
            paths: [...queries, ...warmup].map(toApiPath),
            durationSec: args.httpDurationSec,
            connections: args.httpConnections,
            warmupSec: args.quick ? 1 : 3,
            baselineSec: args.quick ? 0 : 5,
            // the same load with the response cache on (issue #12), on a second server
            cachedSec: args.quick ? 0 : args.httpDurationSec,
            log: (line) => log(`  [http] ${line}`),
          });
        } catch (error) {
          http = na((error as Error).message.slice(0, 300));
        }
      }
    }

    let reload: ReloadResult | ReturnType<typeof na> | null = null;
    if (args.reload) {
      log('\n[reload] standalone server, the index replaced under load');
      try {
        reload = await measureReload({
          indexDir,
          paths: queries.map(toApiPath),
          log: (line) => log(`  [reload] ${line}`),
        });
        log(renderReload(reload, readManifest(indexDir).counts.documents));
      } catch (error) {
        reload = na((error as Error).message.slice(0, 300));
      }
    }

    let pdfIngest: BenchResults['pdfIngest'] = null;
    if (args.pdfFiles > 0) {
      log(`\n[pdf] PDF ingest: ${args.pdfFiles} generated PDFs through build-index`);
      try {
        pdfIngest = await measurePdfIngest(corpus.dir, args.pdfFiles, args.seed, (line) => log(`  [pdf] ${line}`));
        log(`  [pdf] ${pdfIngest.pages} pages: ${pdfIngest.buildPagesPerSec.toFixed(1)} pages/s (build), ${pdfIngest.sequentialPagesPerSec.toFixed(1)} pages/s (one thread)`);
      } catch (error) {
        pdfIngest = na((error as Error).message.slice(0, 300));
      }
    }

    let relevance: BenchResults['relevance'];
    try {
      relevance = await measureJudgedSets();
    } catch (error) {
      relevance = na((error as Error).message.slice(0, 300));
    }

    let pageWeight: BenchResults['pageWeight'];
    try {
      pageWeight = measurePageWeight('/');
    } catch (error) {
      pageWeight = na((error as Error).message);
    }

    const stem = resultsFileName(date, args.findings, args.quick, args.mix).replace(/\.json$/, '');
    const profile = args.profile && engines.ours && typeof engines.ours.buildMs === 'number' ? await profileOurs(ctx, join(args.out, 'profiles'), `${stem}-ours-query.cpuprofile`) : undefined;

    const partial = { engines, http, pageWeight };
    const results: BenchResults & { reload?: typeof reload } = {
      schema: 'hmic-bench-results/1',
      date: date.toISOString(),
      machine,
      ...(source ? { source } : {}),
      options: { ...args, out: relative(REPO_ROOT, args.out) || '.', indexDir: relative(REPO_ROOT, indexDir) },
      corpus: { dir: relative(REPO_ROOT, corpus.dir), findings: corpus.manifest.findings, files: corpus.manifest.files, bytes: corpus.manifest.bytes, seed: corpus.manifest.seed, shape: shape.name },
      queryMix: { name: args.mix, count: queries.length, warmup: warmup.length, seed: args.querySeed, sampleFindings: sample.length, cells, examples: queries.slice(0, 15).map((q) => `${queryCategory(q)}: ${q.q}${Object.keys(q.filters).length ? ` ${JSON.stringify(q.filters)}` : ''}`) },
      parse,
      ...partial,
      ...(profile ? { profile } : {}),
      pdfIngest,
      relevance,
      ...(reload ? { reload } : {}),
      targets: checkTargets(partial, args.findings),
      totalMs: performance.now() - started,
    };
    mkdirSync(args.out, { recursive: true });
    const file = join(args.out, resultsFileName(date, args.findings, args.quick, args.mix));
    writeFileSync(file, `${JSON.stringify(results, null, 1)}\n`);
    log(`\nresults written to ${relative(REPO_ROOT, file)}`);
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  // Ctrl-C / kill: exit through process.exit so the children's process groups are killed.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));
  const results = await runBench(args);
  process.stdout.write(`${renderMarkdown(results)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

export type { BenchQuery };
