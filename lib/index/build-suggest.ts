/**
 * The suggester's candidates and their FlexSearch index, computed once at build (the suggest file,
 * lib/index/suggest-format.ts). Every count is a number of findings:
 *
 * - words: the findings holding the word (its postings restricted to findings), {@link SUGGEST_STOP_WORDS} left out;
 * - phrases: runs of two or three words inside one clause of a finding (no punctuation between
 *   them), content words at both ends, held by at least {@link SuggestLimits.minPhraseCount}
 *   findings; counted over term ids in one pass with a hash table of typed arrays (never a map of
 *   phrase strings), only over runs whose end words are frequent enough to make such a phrase;
 * - forces: the findings of the force, with the aliases of lib/data/forces.json as further keys;
 * - inspections: the findings of the inspection's releases, with the aliases of lib/data/inspections.json.
 *
 * The most frequent words and phrases are kept (see {@link DEFAULT_SUGGEST_LIMITS}), every candidate
 * sorted by count (ties: force, inspection, phrase, word, then text) and added to FlexSearch in that
 * order, so a prefix's ids come back most findings first.
 */
import FlexSearch from 'flexsearch';
import { FORCES } from '../ingest/resolve-force';
import { INSPECTIONS } from '../ingest/resolve-inspection';
import { FUNCTION_WORDS } from '../text/function-words';
import { flexsearchVersion } from './flexsearch-version';
import { MAX_SUGGEST_QUERY_LENGTH, SUGGEST_FORMAT_VERSION, SUGGEST_LIMIT, SUGGEST_INDEX_OPTIONS, SUGGEST_KINDS, keysText, suggestKey, type SuggestKind, type SuggestMeta } from './suggest-format';

export interface SuggestLimits {
  /** Most words kept (the most frequent). */
  maxWords: number;
  /** Most phrases kept (the most frequent). */
  maxPhrases: number;
  /** Fewest findings a phrase must be in. */
  minPhraseCount: number;
  /** FlexSearch map entries per stored line (a loader imports one line between two pauses). */
  entriesPerLine: number;
}

export const DEFAULT_SUGGEST_LIMITS: SuggestLimits = { maxWords: 32_000, maxPhrases: 16_000, minPhraseCount: 2, entriesPerLine: 2000 };

/**
 * What the suggester is built from, made by {@link suggestInput} from what the build has computed:
 * plain data and typed arrays only (shared memory when it goes to a worker thread).
 */
export interface SuggestInput {
  /** Sorted vocabulary; a term's id is its position. */
  vocab: readonly string[];
  /** Per term: the findings holding it. */
  wordCounts: Uint32Array;
  /** The findings' term ids, one finding after another: finding f's are `findingTerms[findingStarts[f] .. findingStarts[f + 1])`. */
  findingStarts: Uint32Array;
  findingTerms: Uint32Array;
  /** Bit p set: punctuation stands between `findingTerms[p - 1]` and `findingTerms[p]` (a phrase never spans it). */
  phraseBreaks: Uint32Array;
  /** Forces and inspections of the index, with their findings and keys. */
  named: SuggestCandidate[];
}

/** What {@link suggestInput} reads of a build. */
export interface SuggestSource {
  vocab: readonly string[];
  /** Term t's documents are `postingDocs[postingStart[t] .. postingStart[t + 1])`. */
  postingStart: Uint32Array;
  postingDocs: Uint32Array;
  /** Per document: 0 = finding; its release. */
  docKind: Uint8Array;
  docRelease: Uint32Array;
  /** Forward index: document d's term ids are `terms[starts[d] .. ends[d])`. */
  starts: Uint32Array;
  ends: Uint32Array;
  terms: Uint32Array;
  /** Bit p set: punctuation stands between positions p - 1 and p of `terms`. */
  phraseBreaks: Uint32Array;
  /** Per release: its force and inspection (names), or null. */
  releaseForce: readonly (string | null)[];
  releaseInspection: readonly (string | null)[];
}

/** The suggest file's sections (lib/index/index-layout.ts `suggest`). */
export interface SuggestSections {
  meta: string;
  text: string;
  keys: string;
  kind: Uint8Array;
  count: Uint32Array;
  flexsearch: string;
}

/** A suggestion candidate: what to search for, what it is, the findings holding it, its folded keys. */
export interface SuggestCandidate {
  text: string;
  kind: SuggestKind;
  count: number;
  keys: string[];
}

const NONE = 0xffffffff;

/**
 * Words never offered on their own nor at either end of a phrase: the function words
 * (lib/text/function-words.ts) and other words that complete nothing worth searching for
 * ("since september", "september 2011 there").
 */
export const SUGGEST_STOP_WORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  ...'there their theirs they them we our ours us you your he she his her him i me my if then while whether both also just only yet per via upon within across through throughout during after before since between among against until because although though however whilst here why whose'.split(' '),
]);

/**
 * Distinct-per-finding counts of term-id tuples (two or three ids): open addressing with linear
 * probing, doubled at half load. A slot is five consecutive u32 — the ids a, b, c, the count and
 * the last finding that counted it (+1; 0 = empty), so a finding counts a phrase once however
 * often it says it — in one array, so a probe touches one cache line.
 */
export class TupleCounts {
  static readonly STRIDE = 5;
  table: Uint32Array;
  size = 0;

  /** `expected`: about how many tuples there will be (the table starts at twice that, a power of two). */
  constructor(expected = 1 << 15) {
    let capacity = 1 << 16;
    while (capacity < expected * 2) capacity *= 2;
    this.table = new Uint32Array(capacity * TupleCounts.STRIDE);
  }

  get capacity(): number {
    return this.table.length / TupleCounts.STRIDE;
  }

  private slot(a: number, b: number, c: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    const t = this.table;
    const mask = this.capacity - 1;
    let i = h & mask;
    for (;;) {
      const at = i * 5;
      if (t[at + 4] === 0 || (t[at] === a && t[at + 1] === b && t[at + 2] === c)) return at;
      i = (i + 1) & mask;
    }
  }

  add(a: number, b: number, c: number, doc: number): void {
    let at = this.slot(a, b, c);
    const t = this.table;
    if (t[at + 4] === 0) {
      if ((this.size + 1) * 2 > this.capacity) {
        this.grow();
        at = this.slot(a, b, c);
      }
      this.table[at] = a;
      this.table[at + 1] = b;
      this.table[at + 2] = c;
      this.size++;
    } else if (t[at + 4] === doc + 1) return;
    this.table[at + 4] = doc + 1;
    this.table[at + 3]!++;
  }

  private grow(): void {
    const old = this.table;
    const t = (this.table = new Uint32Array(old.length * 2));
    for (let at = 0; at < old.length; at += 5) {
      if (old[at + 4] === 0) continue;
      const to = this.slot(old[at]!, old[at + 1]!, old[at + 2]!);
      t[to] = old[at]!;
      t[to + 1] = old[at + 1]!;
      t[to + 2] = old[at + 2]!;
      t[to + 3] = old[at + 3]!;
      t[to + 4] = old[at + 4]!;
    }
  }

  /**
   * Offsets (into `table`) of the tuples with the largest counts of at least `min`: all those with
   * a count of at least some threshold, the lowest that keeps at most `max` of them.
   */
  top(min: number, max: number): number[] {
    const t = this.table;
    let most = 0;
    for (let at = 0; at < t.length; at += 5) if (t[at + 4] !== 0 && t[at + 3]! > most) most = t[at + 3]!;
    const histogram = new Uint32Array(most + 2);
    for (let at = 0; at < t.length; at += 5) if (t[at + 4] !== 0 && t[at + 3]! >= min) histogram[t[at + 3]!]!++;
    const threshold = cutOf(histogram, min, max);
    const out: number[] = [];
    for (let at = 0; at < t.length; at += 5) if (t[at + 4] !== 0 && t[at + 3]! >= threshold) out.push(at);
    return out;
  }
}

/**
 * The lowest count such that at most `max` entries have at least that count (and at least `min`),
 * from a histogram of counts: nothing of the long tail is sorted, and ties at the cut are kept or
 * dropped together (what is kept never depends on the order entries were met in).
 */
function cutOf(histogram: Uint32Array, min: number, max: number): number {
  let threshold = histogram.length;
  let kept = 0;
  while (threshold - 1 >= Math.max(min, 1) && kept + histogram[threshold - 1]! <= max) kept += histogram[--threshold]!;
  return threshold;
}

/** Indexes of the largest `counts` of at least `min`, at most `max` of them (see {@link cutOf}). */
function topByCount(counts: Uint32Array, min: number, max: number): number[] {
  let most = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > most) most = counts[i]!;
  const histogram = new Uint32Array(most + 2);
  for (let i = 0; i < counts.length; i++) if (counts[i]! >= min) histogram[counts[i]!]!++;
  const threshold = cutOf(histogram, min, max);
  const out: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]! >= threshold) out.push(i);
  return out;
}

/** Findings holding each term: its postings restricted to findings (findings always own their text). */
export function wordFindingCounts(source: Pick<SuggestSource, 'vocab' | 'postingStart' | 'postingDocs' | 'docKind'>): Uint32Array {
  const { postingStart, postingDocs, docKind } = source;
  const V = source.vocab.length;
  const counts = new Uint32Array(V);
  for (let t = 0; t < V; t++) {
    let n = 0;
    for (let p = postingStart[t]!, end = postingStart[t + 1]!; p < end; p++) if (docKind[postingDocs[p]!] === 0) n++;
    counts[t] = n;
  }
  return counts;
}

/** A typed array of `length` elements, in shared memory when it is to go to another thread. */
function u32(length: number, shared: boolean): Uint32Array {
  return shared ? new Uint32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length) : new Uint32Array(length);
}

/**
 * The suggester's input from a build: the findings' term ids and phrase breaks copied out of the
 * forward index (in shared memory when `shared`), the words' finding counts, and the forces and
 * inspections with their findings and the aliases of lib/data/forces.json and inspections.json.
 */
export function suggestInput(source: SuggestSource, shared = false): SuggestInput {
  const { docKind, starts, ends, terms, phraseBreaks } = source;
  let findings = 0;
  let positions = 0;
  for (let d = 0; d < docKind.length; d++) {
    if (docKind[d] !== 0) continue;
    findings++;
    positions += ends[d]! - starts[d]!;
  }
  const findingStarts = u32(findings + 1, shared);
  const findingTerms = u32(positions, shared);
  const breaks = u32((positions >>> 5) + 1, shared);
  const findingsOfRelease = new Uint32Array(source.releaseForce.length);
  for (let d = 0, f = 0, at = 0; d < docKind.length; d++) {
    if (docKind[d] !== 0) continue;
    findingsOfRelease[source.docRelease[d]!]!++;
    // One loop, no views: a subarray per finding would be a million objects for the build's heap.
    for (let p = starts[d]!, end = ends[d]!; p < end; p++, at++) {
      findingTerms[at] = terms[p]!;
      if ((phraseBreaks[p >>> 5]! >>> (p & 31)) & 1) breaks[at >>> 5]! |= 1 << (at & 31);
    }
    findingStarts[++f] = at;
  }
  const wordCounts = wordFindingCounts(source);
  const named: SuggestCandidate[] = [];
  const addNamed = (kind: 'force' | 'inspection', names: readonly (string | null)[], aliasesOf: (name: string) => readonly string[]) => {
    const counts = new Map<string, number>();
    names.forEach((name, r) => {
      if (name !== null && findingsOfRelease[r]! > 0) counts.set(name, (counts.get(name) ?? 0) + findingsOfRelease[r]!);
    });
    for (const [name, count] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      named.push({ text: name, kind, count, keys: [...new Set([name, ...aliasesOf(name)].map(suggestKey).filter(Boolean))] });
    }
  };
  addNamed('force', source.releaseForce, (name) => FORCES.find((f) => f.name === name)?.aliases ?? []);
  addNamed('inspection', source.releaseInspection, (name) => INSPECTIONS.find((i) => i.name === name)?.aliases ?? []);
  const words = u32(wordCounts.length, shared);
  words.set(wordCounts);
  return { vocab: source.vocab, wordCounts: words, findingStarts, findingTerms, phraseBreaks: breaks, named };
}

/** Phrases of two and three words with the findings holding each (see the module comment). */
export function phraseCounts(input: Pick<SuggestInput, 'vocab' | 'wordCounts' | 'findingStarts' | 'findingTerms' | 'phraseBreaks'>, minCount: number): TupleCounts {
  const { vocab, wordCounts, findingStarts, findingTerms: terms, phraseBreaks } = input;
  // A phrase held by `minCount` findings has words held by as many: rarer words start nothing.
  const inner = new Uint8Array(vocab.length);
  const end = new Uint8Array(vocab.length);
  for (let t = 0; t < vocab.length; t++) {
    if (wordCounts[t]! < minCount) continue;
    inner[t] = 1;
    if (!SUGGEST_STOP_WORDS.has(vocab[t]!)) end[t] = 1;
  }
  const broken = (p: number) => (phraseBreaks[p >>> 5]! >>> (p & 31)) & 1;
  // Distinct phrases run at about one in thirty positions (bench corpora: 810k of 26M at 1M findings);
  // starting smaller and doubling keeps the table denser in cache (measured: ~15 % faster than presizing).
  const tuples = new TupleCounts(terms.length / 64);
  for (let f = 0; f + 1 < findingStarts.length; f++) {
    const e = findingStarts[f + 1]!;
    for (let p = findingStarts[f]!; p + 1 < e; p++) {
      const a = terms[p]!;
      if (!end[a] || broken(p + 1)) continue;
      const b = terms[p + 1]!;
      if (end[b]) tuples.add(a, b, NONE, f);
      if (!inner[b] || p + 2 >= e || broken(p + 2)) continue;
      const c = terms[p + 2]!;
      if (end[c]) tuples.add(a, b, c, f);
    }
  }
  return tuples;
}

const KIND_RANK: Record<SuggestKind, number> = { force: 0, inspection: 1, phrase: 2, word: 3 };

/** Every candidate, ranked (most findings first). */
export function suggestCandidates(input: SuggestInput, limits: SuggestLimits = DEFAULT_SUGGEST_LIMITS): { candidates: SuggestCandidate[]; counts: Record<SuggestKind, number> } {
  const { vocab, wordCounts, named } = input;
  // A word or phrase that is also a name is offered as the name.
  const namedKeys = new Set(named.flatMap((c) => c.keys));

  const wordCountsKept = wordCounts.slice();
  for (let t = 0; t < vocab.length; t++) if (SUGGEST_STOP_WORDS.has(vocab[t]!) || namedKeys.has(vocab[t]!)) wordCountsKept[t] = 0;
  const words = topByCount(wordCountsKept, 1, limits.maxWords).map((t): SuggestCandidate => ({ text: vocab[t]!, kind: 'word', count: wordCounts[t]!, keys: [vocab[t]!] }));

  const tuples = phraseCounts(input, limits.minPhraseCount);
  const t = tuples.table;
  const phrases = tuples
    .top(limits.minPhraseCount, limits.maxPhrases + namedKeys.size)
    .map((at): SuggestCandidate => {
      const text = `${vocab[t[at]!]} ${vocab[t[at + 1]!]}${t[at + 2] === NONE ? '' : ` ${vocab[t[at + 2]!]}`}`;
      return { text, kind: 'phrase', count: t[at + 3]!, keys: [text.slice(0, MAX_SUGGEST_QUERY_LENGTH)] };
    })
    .filter((c) => !namedKeys.has(c.text))
    .slice(0, limits.maxPhrases);

  const candidates = [...named, ...phrases, ...words].sort((x, y) => y.count - x.count || KIND_RANK[x.kind] - KIND_RANK[y.kind] || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
  const counts = Object.fromEntries(SUGGEST_KINDS.map((k) => [k, 0])) as Record<SuggestKind, number>;
  for (const c of candidates) counts[c.kind]++;
  return { candidates, counts };
}

/**
 * What FlexSearch indexes of each key: the key cut one character after the longest prefix it
 * shares with any other key (`hospitality` beside `hospital` and `hostel`: `hospitali`). Past that
 * point a prefix names that key alone, so its entries would only repeat the shorter prefix's;
 * the query side falls back to the longest prefix FlexSearch has and checks the whole keys
 * (lib/query/suggest.ts). `keys` are distinct; returns the cut of each, in the same order.
 */
export function distinguishingPrefixes(keys: readonly string[]): string[] {
  const order = keys.map((_, i) => i).sort((i, j) => (keys[i]! < keys[j]! ? -1 : keys[i]! > keys[j]! ? 1 : 0));
  const common = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
    return n;
  };
  const out = new Array<string>(keys.length);
  for (let r = 0; r < order.length; r++) {
    const key = keys[order[r]!]!;
    const shared = Math.max(r > 0 ? common(keys[order[r - 1]!]!, key) : 0, r + 1 < order.length ? common(key, keys[order[r + 1]!]!) : 0);
    out[order[r]!] = key.slice(0, shared + 1);
  }
  return out;
}

/**
 * FlexSearch's export of an index of `candidates` (ids = ranks) with the {@link distinguishingPrefixes}
 * of their keys, its `map` entries one `key<TAB>data` entry per line; each prefix keeps its first
 * {@link SUGGEST_LIMIT} ids (the most a query asks for) and map entries are cut to
 * `entriesPerLine` per line (a loader imports one line between two pauses).
 */
export function exportSuggestIndex(candidates: readonly Pick<SuggestCandidate, 'keys'>[], entriesPerLine: number): string {
  const distinct = [...new Set(candidates.flatMap((c) => c.keys))];
  const cut = new Map(distinguishingPrefixes(distinct).map((prefix, i) => [distinct[i]!, prefix] as const));
  const { Index } = FlexSearch as unknown as { Index: new (options: typeof SUGGEST_INDEX_OPTIONS) => FlexIndex };
  const index = new Index(SUGGEST_INDEX_OPTIONS);
  candidates.forEach((c, id) => index.add(id, keysText([...new Set(c.keys.map((k) => cut.get(k)!))])));
  const lines: string[] = [];
  index.export((key, data) => {
    const name = key.split('.').pop()!;
    // Only the map: `reg` lists every id (for updates and `contain`, which a suggester never asks), `ctx` is empty.
    if (name !== 'map') return;
    // [prefix, [ids of score slot 0, …]]: resolution 1 has one slot, in insertion (rank) order.
    const entries = JSON.parse(data) as [string, number[][]][];
    for (const entry of entries) entry[1] = entry[1].map((ids) => ids.slice(0, SUGGEST_LIMIT));
    for (let i = 0; i < entries.length; i += entriesPerLine) lines.push(`map\t${JSON.stringify(entries.slice(i, i + entriesPerLine))}`);
  });
  return lines.join('\n');
}

/** The FlexSearch `Index` surface the suggester uses. */
export interface FlexIndex {
  add(id: number, text: string): unknown;
  search(query: string, limit: number): number[];
  export(handler: (key: string, data: string) => void): unknown;
  import(key: string, data: string): void;
}

/** The suggest file's sections for `input`. */
export function buildSuggest(input: SuggestInput, limits: SuggestLimits = DEFAULT_SUGGEST_LIMITS): SuggestSections {
  const { candidates, counts } = suggestCandidates(input, limits);
  const meta: SuggestMeta = { formatVersion: SUGGEST_FORMAT_VERSION, flexsearchVersion: flexsearchVersion(), counts, minPhraseCount: limits.minPhraseCount };
  return {
    meta: JSON.stringify(meta),
    text: candidates.map((c) => c.text).join('\n'),
    keys: candidates.map((c) => (c.keys.length === 1 && c.keys[0] === c.text ? '' : c.keys.join('\t'))).join('\n'),
    kind: Uint8Array.from(candidates, (c) => SUGGEST_KINDS.indexOf(c.kind)),
    count: Uint32Array.from(candidates, (c) => c.count),
    flexsearch: exportSuggestIndex(candidates, limits.entriesPerLine),
  };
}
