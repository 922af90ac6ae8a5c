/**
 * The benchmark report: the results document written to bench/results/, the targets checked
 * against it, and the Markdown tables printed to stdout. Pure functions of the results.
 */
import type { RelevanceReport } from './judged-sets';
import type { PdfIngestReport } from './measure-pdf-ingest';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import type { LatencySummary } from './stats';
import type { ByteStats, HttpResult } from './measure-http';

/** A measured value or why there is none. */
export type Metric = number | { na: string };

export const na = (reason: string): { na: string } => ({ na: reason });
export const isNa = (m: Metric | undefined | null): m is { na: string } => typeof m === 'object' && m !== null;
export const valueOf = (m: Metric | undefined | null): number | null => (typeof m === 'number' && Number.isFinite(m) ? m : null);

export const ENGINE_NAMES = ['ours', 'minisearch', 'orama', 'sqlite'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
export const ENGINE_LABELS: Record<EngineName, string> = { ours: 'ours', minisearch: 'MiniSearch 7.2', orama: 'Orama 3.1', sqlite: 'SQLite FTS5' };

/** Everything measured for one engine. */
export interface EngineReport {
  documents: Metric;
  buildMs: Metric;
  /** Peak RSS of the build's process. */
  buildMaxRss?: Metric;
  indexBytes: Metric;
  /** Ours: the copied source files, apart from the index (hard links where the file system allows). */
  sourceBytes?: Metric;
  /**
   * Ours: open in a fresh process, from its start to its first answered query, minus the same on
   * the seed index (the process's own start-up), page cache warm; the median of 3.
   */
  openMs?: Metric;
  /** Ours: the build's and the open's phases (shown with --profile). */
  phases?: { build: { name: string; ms: number }[]; open: { name: string; ms: number }[] };
  loadMs: Metric;
  rssAfterLoad: Metric;
  maxRss: Metric;
  latency: LatencySummary | { na: string };
  /** engine.suggest over 1–4-letter partials (ours only; absent for engines without suggestions). */
  suggestLatency?: LatencySummary | { na: string };
  byKind: Record<string, LatencySummary>;
  byCategory: Record<string, LatencySummary>;
  meanHits: Metric;
  zeroHitShare: Metric;
  notes: string[];
  /** Raw child outputs (without the per-query arrays, which are kept separately). */
  raw: Record<string, unknown>;
  latenciesMs?: number[];
  hits?: number[];
}

export interface MachineInfo {
  os: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryBytes: number;
  node: string;
  /** 1/5/15-minute load averages when the run started (the machine may be shared). */
  loadAverageAtStart: number[];
}

/** What the report keeps of an HTTP measurement (everything but the server URL). */
export type HttpReport = Omit<HttpResult, 'url'>;

export interface PageWeightReport {
  route: string;
  gzipBytes: number;
  rawBytes: number;
  files: { file: string; rawBytes: number; gzipBytes: number }[];
  method: string;
}

export interface ProfileEntry {
  functionName: string;
  location: string;
  selfMs: number;
  selfPercent: number;
}

export interface BenchResults {
  schema: 'hmic-bench-results/1';
  date: string;
  machine: MachineInfo;
  /** The code measured: commit and whether lib/ or app/ had uncommitted changes. */
  source?: { commit: string; uncommittedFiles: number };
  options: Record<string, unknown>;
  /** `shape`: the generator's corpus shape (absent in results from before shapes: standard). */
  corpus: { dir: string; findings: number; files: number; bytes: number; seed: number; shape?: string };
  /** `name`: which mix (absent in results from before the other mix: standard). */
  queryMix: { name?: string; count: number; warmup: number; seed: number; sampleFindings: number; cells: Record<string, number>; examples: string[] };
  parse: { parseMs: Metric; ingestMs?: number; docsMs?: number; documents?: number; note?: string };
  engines: Partial<Record<EngineName, EngineReport>>;
  http: HttpReport | { na: string } | null;
  pageWeight: PageWeightReport | { na: string } | null;
  profile?: { entries: ProfileEntry[]; sampledMs: number; note: string; file: string } | { na: string };
  /** PDF ingest speed on a generated PDF corpus (no target; recorded). */
  pdfIngest?: PdfIngestReport | { na: string } | null;
  /** nDCG@10 and precision@10 of the judged sets on the seeds (bench/judged-sets.ts). */
  relevance?: RelevanceReport[] | { na: string };
  targets: TargetCheck[];
  totalMs: number;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    os: `${osType()} ${release()}`,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    totalMemoryBytes: totalmem(),
    node: process.version,
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

export type TargetStatus = 'met' | 'missed' | 'n/a';

export interface TargetCheck {
  target: string;
  required: string;
  measured: string;
  status: TargetStatus;
}

const GB = 1e9;
const KB = 1e3;

function check(target: string, required: string, value: number | null, ok: (v: number) => boolean, show: (v: number) => string, why?: string): TargetCheck {
  if (value === null) return { target, required, measured: why ? `n/a (${why})` : 'n/a', status: 'n/a' };
  return { target, required, measured: show(value), status: ok(value) ? 'met' : 'missed' };
}

const naWhy = (m: Metric | LatencySummary | { na: string } | undefined | null): string | undefined =>
  m && typeof m === 'object' && 'na' in m ? m.na : m === undefined || m === null ? 'not measured' : undefined;

/**
 * The targets that apply to a run of `findings` findings (engine v2, issue #11; serving, #12):
 * at 100k query p50 ≤ 0.5 ms and p99 ≤ 5 ms, ≥ 150× MiniSearch at p50 and ≥ 200× at p99, ≥ 3× SQLite
 * FTS5 at p50 and at p99 (query path 3, issue #20), and HTTP
 * (uncached /api/search ≥ 70 % of the no-search route's req/s, p99 ≤ 1.5 × that route's, no request
 * over 1 s, no error; the median 20-hit response ≤ 6 kB on the wire); the index format's targets
 * (100k build ≤ 8 s, open ≤ 0.3 s; 1M build ≤ 60 s with RSS ≤ 4 GB, open ≤ 2 s, RSS after open
 * ≤ 1.2 GB, index ≤ 1.5 GB, suggest p99 ≤ 2 ms); at 1M query p50 ≤ 1 ms, p99 ≤ 20 ms; first-load
 * JS of / ≤ 250 kB always.
 */
export function checkTargets(results: Pick<BenchResults, 'engines' | 'http' | 'pageWeight'>, findings: number): TargetCheck[] {
  const out: TargetCheck[] = [];
  const ours = results.engines.ours;
  const lat = ours && !('na' in ours.latency) ? ours.latency : null;
  const latWhy = ours ? naWhy(ours.latency) : 'ours not run';
  const peerLatency = (name: EngineName) => {
    const e = results.engines[name];
    return e && !('na' in e.latency) ? e.latency : null;
  };
  const ratio = (peer: EngineName, at: 'p50' | 'p99'): number | null => {
    const theirs = peerLatency(peer)?.[at];
    return lat && theirs ? theirs / lat[at] : null;
  };
  const peerWhy = (peer: EngineName) => (results.engines[peer] ? naWhy(results.engines[peer]!.latency) : `${peer} not run`);
  const open = ours?.openMs;
  if (findings >= 1_000_000) {
    out.push(check('1M: build', '≤ 60 s', ours ? valueOf(ours.buildMs) : null, (v) => v <= 60_000, fmtMs, naWhy(ours?.buildMs)));
    out.push(check("1M: RSS during the build (Node's default heap)", '≤ 4 GB', ours?.buildMaxRss !== undefined ? valueOf(ours.buildMaxRss) : null, (v) => v <= 4 * GB, fmtBytes, naWhy(ours?.buildMaxRss)));
    out.push(check('1M: open (fresh process to first answer, minus the seeds)', '≤ 2 s', open !== undefined ? valueOf(open) : null, (v) => v <= 2000, fmtMs, naWhy(open)));
    out.push(check('1M: RSS after open', '≤ 1.2 GB', ours ? valueOf(ours.rssAfterLoad) : null, (v) => v <= 1.2 * GB, fmtBytes, naWhy(ours?.rssAfterLoad)));
    out.push(check('1M: index on disk (without the copied sources)', '≤ 1.5 GB', ours ? valueOf(ours.indexBytes) : null, (v) => v <= 1.5 * GB, fmtBytes, naWhy(ours?.indexBytes)));
    out.push(check('1M: query p50', '≤ 1 ms', lat?.p50 ?? null, (v) => v <= 1, fmtMs, latWhy));
    out.push(check('1M: query p99', '≤ 20 ms', lat?.p99 ?? null, (v) => v <= 20, fmtMs, latWhy));
    const suggest = ours?.suggestLatency && !('na' in ours.suggestLatency) ? ours.suggestLatency : null;
    out.push(check('1M: suggest p99', '≤ 2 ms', suggest?.p99 ?? null, (v) => v <= 2, fmtMs, ours ? naWhy(ours.suggestLatency) : 'ours not run'));
  }
  if (findings === 100_000) {
    out.push(check('100k: build', '≤ 8 s', ours ? valueOf(ours.buildMs) : null, (v) => v <= 8000, fmtMs, naWhy(ours?.buildMs)));
    out.push(check('100k: open (fresh process to first answer, minus the seeds)', '≤ 0.3 s', open !== undefined ? valueOf(open) : null, (v) => v <= 300, fmtMs, naWhy(open)));
    out.push(check('100k: query p50', '≤ 0.5 ms', lat?.p50 ?? null, (v) => v <= 0.5, fmtMs, latWhy));
    out.push(check('100k: query p99', '≤ 5 ms', lat?.p99 ?? null, (v) => v <= 5, fmtMs, latWhy));
    out.push(check('100k: p50 vs MiniSearch', '≥ 150× faster', ratio('minisearch', 'p50'), (v) => v >= 150, fmtTimes, peerWhy('minisearch')));
    out.push(check('100k: p99 vs MiniSearch', '≥ 200× faster', ratio('minisearch', 'p99'), (v) => v >= 200, fmtTimes, peerWhy('minisearch')));
    out.push(check('100k: p50 vs SQLite FTS5', '≥ 3× faster', ratio('sqlite', 'p50'), (v) => v >= 3, fmtTimes, peerWhy('sqlite')));
    out.push(check('100k: p99 vs SQLite FTS5', '≥ 3× faster', ratio('sqlite', 'p99'), (v) => v >= 3, fmtTimes, peerWhy('sqlite')));
    const http = results.http && !('na' in results.http) ? results.http : null;
    const httpWhy = results.http && 'na' in results.http ? results.http.na : 'not run';
    const base = http?.baseline;
    const baseWhy = http && !base ? 'no baseline run' : httpWhy;
    out.push(check('100k: HTTP req/s vs no-search route', '≥ 70 %', http && base ? http.reqPerSec / base.reqPerSec : null, (v) => v >= 0.7, (v) => `${(v * 100).toFixed(0)} %`, baseWhy));
    out.push(check('100k: HTTP p99 vs no-search route', '≤ 1.5×', http && base ? http.latencyMs.p99 / base.latencyMs.p99 : null, (v) => v <= 1.5, (v) => `${v.toFixed(2)}×`, baseWhy));
    out.push(check('100k: HTTP slowest request', '≤ 1 s', http?.latencyMs.max ?? null, (v) => v <= 1000, fmtMs, httpWhy));
    out.push(check('100k: HTTP errors', '0', http ? http.non2xx + http.errors + http.timeouts : null, (v) => v === 0, (v) => fmtInt(v), httpWhy));
    const cached = http?.cached;
    out.push(check('100k: HTTP cached req/s vs no-search route', '≥ 90 %', cached && base ? cached.reqPerSec / base.reqPerSec : null, (v) => v >= 0.9, (v) => `${(v * 100).toFixed(0)} %`, http && !cached ? 'no cached run' : baseWhy));
    const wire = http?.bytes?.wire;
    out.push(check('100k: median response on the wire (20 hits, facets)', '≤ 6 kB', wire?.median20 ?? null, (v) => v <= 6 * KB, fmtBytes, http && !wire ? 'not measured' : httpWhy));
  }
  const pw = results.pageWeight && !('na' in results.pageWeight) ? results.pageWeight : null;
  out.push(
    check('first-load JS of /', '≤ 250 kB gzip', pw?.gzipBytes ?? null, (v) => v <= 250 * KB, fmtBytes, results.pageWeight && 'na' in results.pageWeight ? results.pageWeight.na : 'not measured'),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  if (bytes >= GB) return `${(bytes / GB).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= KB) return `${(bytes / KB).toFixed(1)} kB`;
  return `${bytes} B`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

export function fmtTimes(x: number): string {
  return x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(1)}×`;
}

/** ours ÷ theirs, e.g. "0.04 (25× less)"; "—" when either side is missing. */
export function fmtRatio(ours: number | null, theirs: number | null, lowerWord = 'faster'): string {
  if (ours === null || theirs === null || theirs === 0) return '—';
  const r = ours / theirs;
  const shown = r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r >= 0.01 ? r.toFixed(3) : r.toPrecision(2);
  const note = r < 1 && ours > 0 ? ` (${fmtTimes(theirs / ours)} ${lowerWord})` : '';
  return `${shown}${note}`;
}

function cell(m: Metric | undefined, show: (v: number) => string): string {
  if (m === undefined) return '—';
  if (isNa(m)) return `n/a (${m.na})`;
  return show(m);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The whole report as Markdown. */
/** The query kinds of a run, from its mix's cells (`"word/0f"` …). */
function kindsOf(results: BenchResults): string[] {
  return [...new Set(Object.keys(results.queryMix.cells).map((cell) => cell.split('/')[0]!))];
}

export function renderMarkdown(results: BenchResults): string {
  const { machine, engines } = results;
  const names = ENGINE_NAMES.filter((n) => engines[n]);
  const peers = names.filter((n) => n !== 'ours');
  const out: string[] = [];
  const otherMix = results.queryMix.name === 'other';
  out.push(`## Benchmark: ${fmtInt(results.corpus.findings)} findings${otherMix ? ', the other mix over the other corpus' : ''}${results.options.quick ? ' (quick)' : ''} — ${results.date.slice(0, 10)}`);
  out.push('');
  out.push(
    `Machine: ${machine.cpuModel} × ${machine.cpuCount}, ${fmtBytes(machine.totalMemoryBytes)} RAM, ${machine.os}, Node ${machine.node}; load average at start ${machine.loadAverageAtStart.join(' / ')}.`,
  );
  const shape = results.corpus.shape && results.corpus.shape !== 'standard' ? `, shape ${results.corpus.shape}` : '';
  const timed = `Query mix: ${fmtInt(results.queryMix.count)} timed queries after ${fmtInt(results.queryMix.warmup)} untimed warm-up queries (seed ${results.queryMix.seed}), `;
  const cells = Object.entries(results.queryMix.cells).map(([c, n]) => `${c} ${n}`).join(', ');
  out.push(
    `Corpus: ${fmtInt(results.corpus.files)} releases, ${fmtBytes(results.corpus.bytes)} (seed ${results.corpus.seed}${shape}). ` +
      timed +
      (otherMix
        ? `the other mix (kinds weighted toward stop words with topic filters and two words with two filters; cells ${cells}), one query at a time, size 20 (two-word pages 1–5), facet counts and highlighting included.`
        : `${kindsOf(results).length} kinds (${kindsOf(results).join(', ')}) × 0/1/2 facet filters, one query at a time, size 20 (deep stop-word pages: 100), facet counts and highlighting included.`),
  );
  if (results.source) {
    out.push(`Code: commit ${results.source.commit.slice(0, 10)}${results.source.uncommittedFiles ? ` with ${results.source.uncommittedFiles} uncommitted files under lib/ and app/` : ''}.`);
  }
  out.push(`Parse (our parser, once, shared by the peers): ${cell(results.parse.parseMs, fmtMs)}.`);
  out.push('');

  const ms = (f: (s: LatencySummary) => number) => (e: EngineReport): Metric => ('na' in e.latency ? e.latency : f(e.latency));
  const rows: [string, (e: EngineReport) => Metric, (v: number) => string, boolean][] = [
    ['documents indexed', (e) => e.documents, fmtInt, false],
    ['build', (e) => e.buildMs, fmtMs, true],
    ['peak RSS during the build', (e) => e.buildMaxRss ?? na('not measured'), fmtBytes, true],
    ['index size on disk', (e) => e.indexBytes, fmtBytes, true],
    ['copied source files (apart)', (e) => e.sourceBytes ?? na('none'), fmtBytes, false],
    ['open: fresh process to first answer, minus the seed index', (e) => e.openMs ?? na('not measured'), fmtMs, false],
    ['cold load (fresh process)', (e) => e.loadMs, fmtMs, true],
    ['RSS after load', (e) => e.rssAfterLoad, fmtBytes, true],
    ['query p50', ms((s) => s.p50), fmtMs, true],
    ['query p95', ms((s) => s.p95), fmtMs, true],
    ['query p99', ms((s) => s.p99), fmtMs, true],
    ['query max', ms((s) => s.max), fmtMs, true],
    ['query mean', ms((s) => s.mean), fmtMs, true],
    ['queries timed', ms((s) => s.count), fmtInt, false],
    ['mean hits per query', (e) => e.meanHits, (v) => v.toFixed(0), false],
    ['queries with no hit', (e) => e.zeroHitShare, (v) => `${(v * 100).toFixed(1)} %`, false],
  ];
  const header = ['', ...names.map((n) => ENGINE_LABELS[n]), ...peers.map((p) => `ours ÷ ${ENGINE_LABELS[p]}`)];
  out.push(
    table(
      header,
      rows.map(([label, get, show, ratio]) => [
        label,
        ...names.map((n) => cell(get(engines[n]!), show)),
        ...peers.map((p) => (ratio && engines.ours ? fmtRatio(valueOf(get(engines.ours)), valueOf(get(engines[p]!)), label.startsWith('query') || label.startsWith('build') || label.startsWith('cold') ? 'faster' : 'less') : '—')),
      ]),
    ),
  );
  const suggest = engines.ours?.suggestLatency;
  if (suggest) {
    out.push(
      '',
      'na' in suggest
        ? `Suggestions (ours): n/a (${suggest.na}).`
        : `Suggestions (ours, engine.suggest on ${fmtInt(suggest.count)} partials of 1–4 letters): p50 ${fmtMs(suggest.p50)}, p95 ${fmtMs(suggest.p95)}, p99 ${fmtMs(suggest.p99)}, max ${fmtMs(suggest.max)}.`,
    );
  }
  const notes = names.flatMap((n) => engines[n]!.notes.map((note) => `- ${ENGINE_LABELS[n]}: ${note}`));
  if (notes.length) out.push('', ...notes);
  const phases = engines.ours?.phases;
  if (phases && results.options.profile) {
    out.push('', 'Our build and open by phase (ms):', '');
    out.push(table(['build phase', 'ms'], phases.build.map((p) => [p.name, p.ms.toFixed(0)])));
    out.push('', table(['open phase (one fresh process)', 'ms'], phases.open.map((p) => [p.name, p.ms.toFixed(1)])));
  }

  const kinds = [...new Set(names.flatMap((n) => Object.keys(engines[n]!.byKind)))];
  if (kinds.length) {
    out.push('', 'Latency by query kind (p50 / p99):', '');
    const ours = engines.ours;
    const ratios = (k: string, peer: EngineName) => {
      const o = ours?.byKind[k];
      const t = engines[peer]!.byKind[k];
      return o && t ? `${fmtRatio(o.p50, t.p50)} / ${fmtRatio(o.p99, t.p99)}` : '—';
    };
    out.push(
      table(
        ['kind', ...names.map((n) => ENGINE_LABELS[n]), ...(ours ? peers.map((p) => `ours ÷ ${ENGINE_LABELS[p]}`) : [])],
        kinds.map((k) => [
          k,
          ...names.map((n) => {
            const s = engines[n]!.byKind[k];
            return s ? `${fmtMs(s.p50)} / ${fmtMs(s.p99)}` : '—';
          }),
          ...(ours ? peers.map((p) => ratios(k, p)) : []),
        ]),
      ),
    );
  }

  out.push('');
  const http = results.http;
  if (http === null) out.push('HTTP load: skipped.');
  else if ('na' in http) out.push(`HTTP load: n/a (${http.na}).`);
  else {
    const asked = http.bytes?.wire ? `, Accept-Encoding: ${http.bytes.wire.acceptEncoding}` : '';
    out.push(`HTTP load (the standalone server behind its compression layer on 127.0.0.1, /api/search${http.cached || http.bytes ? ' with the response cache off (SEARCH_CACHE=off)' : ''}${asked}, ${http.connections} connections, ${http.durationSec} s; first search answered ${fmtMs(http.firstSearchMs)} after spawn):`, '');
    out.push(
      table(
        ['req/s', 'p50', 'p90', 'p99', 'max', 'requests', 'non-2xx', 'errors', 'timeouts'],
        [[fmtInt(http.reqPerSec), fmtMs(http.latencyMs.p50), fmtMs(http.latencyMs.p90), fmtMs(http.latencyMs.p99), fmtMs(http.latencyMs.max), fmtInt(http.requests), fmtInt(http.non2xx), fmtInt(http.errors), fmtInt(http.timeouts)]],
      ),
    );
    if (http.cached) {
      const c = http.cached;
      out.push(
        '',
        `With the response cache on (a second server, after a warm-up; hit rate ${(c.hitRate * 100).toFixed(1)} %):`,
        '',
        table(
          ['req/s', 'p50', 'p90', 'p99', 'max', 'requests', 'non-2xx', 'errors', 'timeouts'],
          [[fmtInt(c.reqPerSec), fmtMs(c.latencyMs.p50), fmtMs(c.latencyMs.p90), fmtMs(c.latencyMs.p99), fmtMs(c.latencyMs.max), fmtInt(c.requests), fmtInt(c.non2xx), fmtInt(c.errors), fmtInt(c.timeouts)]],
        ),
      );
    }
    if (http.bytes) {
      const b = http.bytes;
      const row = (label: string, s: ByteStats) => [label, fmtBytes(s.median20), fmtBytes(s.p90_20), fmtBytes(s.max20), fmtBytes(s.medianAll), fmtBytes(s.maxAll)];
      const codings = b.wire ? Object.entries(b.wire.contentEncoding).map(([coding, n]) => `${coding} ${fmtInt(n)}`).join(', ') : '';
      out.push(
        '',
        `Bytes per response (each of the ${fmtInt(b.responses)} URLs of the mix once${b.wire ? `; answered ${codings}` : ''}):`,
        '',
        table(
          ['bytes per response', 'median (20 hits)', 'p90 (20 hits)', 'max (20 hits)', 'median (all)', 'max (all)'],
          [...(b.wire ? [row('bytes on the wire', b.wire)] : []), row('decoded', b)],
        ),
      );
    }
    if (http.baseline) {
      out.push(
        '',
        `Baseline on the same server, a route handler that does no search (${http.baseline.path}, small JSON 404), ` +
          `${http.baseline.when ? `${http.baseline.when}${http.baseline.idleWaitMs !== undefined ? ` (idle after ${fmtMs(http.baseline.idleWaitMs)})` : ''}` : 'after the search load (the server may still have been answering it)'}: ` +
          `${fmtInt(http.baseline.reqPerSec)} req/s, p50 ${fmtMs(http.baseline.latencyMs.p50)}, p99 ${fmtMs(http.baseline.latencyMs.p99)}.`,
      );
    }
  }
  out.push('');
  const pw = results.pageWeight;
  if (pw === null) out.push('Page weight: skipped.');
  else if ('na' in pw) out.push(`Page weight: n/a (${pw.na}).`);
  else out.push(`First-load JS of ${pw.route}: ${fmtBytes(pw.gzipBytes)} gzipped (${fmtBytes(pw.rawBytes)} raw, ${pw.files.length} files).`);

  const pdf = results.pdfIngest;
  if (pdf !== undefined) {
    out.push('');
    if (pdf === null) out.push('PDF ingest: skipped.');
    else if ('na' in pdf) out.push(`PDF ingest: n/a (${pdf.na}).`);
    else {
      out.push(
        `PDF ingest (${fmtInt(pdf.files)} generated PDFs, ${fmtInt(pdf.pages)} pages, ${fmtBytes(pdf.bytes)}; no target): ` +
          `build-index ${fmtMs(pdf.buildMs)} = ${pdf.buildPagesPerSec.toFixed(1)} pages/s; one thread ${pdf.sequentialPagesPerSec.toFixed(1)} pages/s; ` +
          `${fmtInt(pdf.findings)} findings from the PDFs, ${fmtInt(pdf.textFindings)} from the same releases as text.`,
      );
    }
  }

  const relevance = results.relevance;
  if (relevance !== undefined) {
    out.push('');
    if ('na' in relevance) out.push(`Relevance (judged sets on the seeds): n/a (${relevance.na}).`);
    else out.push(`Relevance (judged sets on the seeds, nDCG@10 / precision@10): ${relevance.map((r) => `${r.name} ${r.ndcg.toFixed(3)} / ${r.precision.toFixed(3)} (${r.queries} queries)`).join('; ')}.`);
  }

  if (results.profile) {
    out.push('');
    if ('na' in results.profile) out.push(`CPU profile: n/a (${results.profile.na}).`);
    else {
      out.push(`CPU profile of our query loop (${results.profile.note}; ${fmtMs(results.profile.sampledMs)} sampled), top self time:`, '');
      out.push(table(['function', 'location', 'self', '%'], results.profile.entries.map((e) => [e.functionName, e.location, fmtMs(e.selfMs), e.selfPercent.toFixed(1)])));
    }
  }

  out.push('', 'Targets:', '');
  out.push(table(['target', 'required', 'measured', 'status'], results.targets.map((t) => [t.target, t.required, t.measured, t.status])));
  out.push('', `Total benchmark time: ${fmtMs(results.totalMs)}.`);
  return out.join('\n');
}

/** `bench/results/<YYYY-MM-DD>-<N>[-other][-quick].json` file name for a run (`-other`: the other mix). */
export function resultsFileName(date: Date, findings: number, quick: boolean, mix = 'standard'): string {
  const day = date.toISOString().slice(0, 10);
  return `${day}-${findings}${mix === 'standard' ? '' : `-${mix}`}${quick ? '-quick' : ''}.json`;
}
