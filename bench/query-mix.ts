/**
 * The benchmark's fixed, seeded query mix: the same queries, in the same order, for every engine.
 *
 * Seven kinds of query — one word, two words, a quoted phrase, a prefix (as-you-type: last word cut
 * short, no trailing space), a one-edit typo, a phrase of common words (`"of staff"`: a function
 * word and its neighbour, the slowest kind for position checks) and a stop word alone (`the`: it
 * matches almost everything; half of those without filters ask for a deep page, 100 hits from
 * page 2–40) — each with 0, 1 and 2 facet filters drawn from force / topic / region, in equal
 * shares (21 cells, round robin, then shuffled).
 *
 * Query words are drawn from findings sampled from the corpus being measured, by picking a random
 * finding and a random content word in it, so words come with their corpus frequency: mostly
 * common words, sometimes rare ones. Two-word queries and phrases take their words from one
 * finding, like a person quoting what they read; filter values come from that finding three times
 * in four (a filter the user would expect to match) and are otherwise drawn at random from the
 * values seen in the sample.
 */
import { listReleaseFiles } from '../lib/index/build-from-directory';
import { releasesToDocs } from '../lib/index/documents';
import { ingestFile } from '../lib/ingest/ingest-file';
import { Rng, hashSeed } from './prng';

export const QUERY_KINDS = ['word', 'two-words', 'phrase', 'prefix', 'typo', 'common-phrase', 'stopword'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export const FILTER_DIMENSIONS = ['force', 'topic', 'region'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** Default number of timed queries and of untimed warm-up queries. */
export const DEFAULT_QUERY_COUNT = 1000;
export const DEFAULT_WARMUP_COUNT = 100;
/** Default seed of the query mix (independent of the corpus seed). */
export const DEFAULT_QUERY_SEED = 20240501;

/** A finding as the query generator sees it. */
export interface SampleDoc {
  text: string;
  force: string | null;
  region: string | null;
  topics: readonly string[];
}

/** One benchmark query. */
export interface BenchQuery {
  kind: QueryKind;
  filterCount: 0 | 1 | 2;
  /** The query string as typed into our search box (phrases in double quotes). */
  q: string;
  /** The words of the query, lower case, without quotes (what peer engines are given). */
  words: string[];
  /** True when the last word is being typed (every kind but phrases: there is no trailing space). */
  prefixLast: boolean;
  /** Facet filters (at most one value per dimension). */
  filters: Partial<Record<FilterDimension, string>>;
  /** Page and page size (default 1 and 20: the UI's first page); deep-page queries ask for more. */
  page?: number;
  size?: number;
}

/** Function words never used as query words on their own. */
const STOPWORDS = new Set(
  (
    'the and for that with was were are this from has have had its not but all any can who which their they them ' +
    'than been also into more most such some other when where what there these those would could should will ' +
    'our out one two per each his her she him being how did does about over only very may might must upon'
  ).split(' '),
);

/** Lower-case letter-only words of `text`, in order (hyphens and punctuation split words). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

/** True for words worth searching for: three letters or more and not a function word. */
export function isContentWord(word: string): boolean {
  return word.length >= 3 && !STOPWORDS.has(word);
}

/** Cut the end off `word` as someone still typing it would: keep at least 3 letters, drop 1–3. */
export function cutForPrefix(word: string, rng: Rng): string {
  const keep = Math.max(3, word.length - rng.int(1, 3));
  return word.slice(0, Math.min(keep, word.length));
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * One random edit of `word` away from the first letter (substitution, deletion, insertion or
 * transposition of neighbours); never returns `word` itself. Words shorter than 3 letters are
 * returned with a letter inserted.
 */
export function makeTypo(word: string, rng: Rng): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const at = word.length >= 3 ? rng.int(1, word.length - 1) : word.length;
    let out: string;
    switch (word.length >= 3 ? rng.int(0, 3) : 2) {
      case 0:
        out = word.slice(0, at) + rng.pick([...LETTERS]) + word.slice(at + 1);
        break;
      case 1:
        out = word.slice(0, at) + word.slice(at + 1);
        break;
      case 2:
        out = word.slice(0, at) + rng.pick([...LETTERS]) + word.slice(at);
        break;
      default:
        out = at + 1 < word.length ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word.slice(0, at) + word.slice(at + 1);
    }
    if (out !== word) return out;
  }
  return `${word}x`;
}

interface Picked {
  doc: SampleDoc;
  words: string[];
}

/** Options of {@link buildQueryMix}. */
export interface QueryMixOptions {
  /** Number of queries (≥ 1). */
  count: number;
  /** PRNG seed. */
  seed?: number;
}

/** Makes the words and filters of queries from a sample, drawing from `rng` (shared by both mixes). */
interface QueryMaker {
  /** The sample's findings with at least two content words, each with its words. */
  docs: Picked[];
  /** The words and query string of a `kind` query from `p`, or null when `p` has none. */
  makeWords: (kind: QueryKind, p: Picked) => { words: string[]; q: string } | null;
  /** A filter value: `doc`'s own three times in four, else one seen in the sample. */
  filterValue: (dim: FilterDimension, doc: SampleDoc) => string | undefined;
}

function queryMaker(sample: readonly SampleDoc[], rng: Rng): QueryMaker {
  const docs: Picked[] = sample
    .map((doc) => ({ doc, words: wordsOf(doc.text) }))
    .filter((p) => p.words.filter(isContentWord).length >= 2);
  if (docs.length === 0) throw new Error('the sample has no document with two content words');

  const vocabulary = new Set(docs.flatMap((p) => p.words));
  const values: Record<FilterDimension, string[]> = {
    force: [...new Set(docs.map((p) => p.doc.force).filter((v): v is string => !!v))].sort(),
    region: [...new Set(docs.map((p) => p.doc.region).filter((v): v is string => !!v))].sort(),
    topic: [...new Set(docs.flatMap((p) => p.doc.topics))].sort(),
  };

  /** A random content word of `p` at index ≥ `from`, with its index. */
  const contentWord = (p: Picked, minLength = 3): { word: string; at: number } | null => {
    const candidates: number[] = [];
    p.words.forEach((w, i) => {
      if (isContentWord(w) && w.length >= minLength) candidates.push(i);
    });
    if (candidates.length === 0) return null;
    const at = rng.pick(candidates);
    return { word: p.words[at]!, at };
  };

  const makeWords = (kind: QueryKind, p: Picked): { words: string[]; q: string } | null => {
    switch (kind) {
      case 'word': {
        const w = contentWord(p);
        return w && { words: [w.word], q: w.word };
      }
      case 'two-words': {
        const a = contentWord(p);
        const b = contentWord(p);
        if (!a || !b || a.word === b.word) return null;
        const [first, second] = a.at < b.at ? [a, b] : [b, a];
        return { words: [first.word, second.word], q: `${first.word} ${second.word}` };
      }
      case 'phrase': {
        // Two or three consecutive words starting and ending with a content word.
        const length = rng.chance(0.7) ? 2 : 3;
        const starts: number[] = [];
        for (let i = 0; i + length <= p.words.length; i++) {
          if (isContentWord(p.words[i]!) && isContentWord(p.words[i + length - 1]!)) starts.push(i);
        }
        if (starts.length === 0) return null;
        const start = rng.pick(starts);
        const words = p.words.slice(start, start + length);
        return { words, q: `"${words.join(' ')}"` };
      }
      case 'prefix': {
        const last = contentWord(p, 5);
        if (!last) return null;
        const cut = cutForPrefix(last.word, rng);
        if (rng.chance(0.5)) {
          const before = contentWord(p);
          if (before && before.word !== last.word) return { words: [before.word, cut], q: `${before.word} ${cut}` };
        }
        return { words: [cut], q: cut };
      }
      case 'typo': {
        const w = contentWord(p, 5);
        if (!w) return null;
        let typo = makeTypo(w.word, rng);
        for (let i = 0; i < 5 && vocabulary.has(typo); i++) typo = makeTypo(w.word, rng);
        return { words: [typo], q: typo };
      }
      case 'common-phrase': {
        // A function word next to a content word, in either order ("of staff", "the force").
        const starts: number[] = [];
        for (let i = 0; i + 1 < p.words.length; i++) {
          const [a, b] = [p.words[i]!, p.words[i + 1]!];
          if (a.length >= 2 && b.length >= 2 && isContentWord(a) !== isContentWord(b)) starts.push(i);
        }
        if (starts.length === 0) return null;
        const start = rng.pick(starts);
        const words = p.words.slice(start, start + 2);
        return { words, q: `"${words.join(' ')}"` };
      }
      case 'stopword': {
        const common = p.words.filter((w) => w.length >= 2 && !isContentWord(w));
        if (common.length === 0) return null;
        const w = rng.pick(common);
        return { words: [w], q: w };
      }
    }
  };

  const filterValue = (dim: FilterDimension, doc: SampleDoc): string | undefined => {
    const own = dim === 'force' ? doc.force : dim === 'region' ? doc.region : doc.topics.length > 0 ? rng.pick(doc.topics) : null;
    if (own && rng.chance(0.75)) return own;
    return values[dim].length > 0 ? rng.pick(values[dim]) : undefined;
  };

  return { docs, makeWords, filterValue };
}

/** One query of `kind` from a random finding of the sample, with a filter on each dimension `chooseDims` gives (called after the finding is drawn). */
function makeQuery(maker: QueryMaker, rng: Rng, kind: QueryKind, chooseDims: () => readonly FilterDimension[]): BenchQuery {
  let made: { words: string[]; q: string } | null = null;
  let picked: Picked | undefined;
  for (let attempt = 0; attempt < 100 && !made; attempt++) {
    picked = rng.pick(maker.docs);
    made = maker.makeWords(kind, picked);
  }
  if (!made || !picked) throw new Error(`could not make a ${kind} query from the sample`);
  const dims = chooseDims();
  const filters: Partial<Record<FilterDimension, string>> = {};
  for (const dim of FILTER_DIMENSIONS) {
    if (!dims.includes(dim)) continue;
    const value = maker.filterValue(dim, picked.doc);
    if (value !== undefined) filters[dim] = value;
  }
  const quoted = kind === 'phrase' || kind === 'common-phrase';
  return { kind, filterCount: dims.length as 0 | 1 | 2, q: made.q, words: made.words, prefixLast: !quoted, filters };
}

const checkCount = (count: number) => {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
};

/**
 * Build `count` queries from `sample` (deterministic: the same sample, count and seed always give
 * the same queries). Kinds × filter counts are spread evenly (round robin over the 21 cells), then
 * shuffled so no engine sees long runs of one kind.
 */
export function buildQueryMix(sample: readonly SampleDoc[], options: QueryMixOptions): BenchQuery[] {
  const { count } = options;
  checkCount(count);
  const rng = new Rng(hashSeed(options.seed ?? DEFAULT_QUERY_SEED, count));
  const maker = queryMaker(sample, rng);
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length]!;
    const filterCount = (Math.floor(i / QUERY_KINDS.length) % 3) as 0 | 1 | 2;
    const query = makeQuery(maker, rng, kind, () => rng.shuffle([...FILTER_DIMENSIONS]).slice(0, filterCount));
    if (kind === 'stopword' && filterCount === 0 && rng.chance(0.5)) {
      query.page = rng.int(2, 40);
      query.size = 100;
    }
    queries.push(query);
  }
  return rng.shuffle(queries);
}

/**
 * The other query mix's plan: shares of the queries per kind and the filters each gets, weighted
 * toward what a new user tried and found slow (a stop word with a topic filter, two words with two
 * filters), unlike the standard mix's even spread. Each entry's filters are drawn from its
 * `filters` list in turn.
 */
export const OTHER_MIX_PLAN: readonly { kind: QueryKind; share: number; filters: readonly (readonly FilterDimension[])[] }[] = [
  { kind: 'stopword', share: 0.25, filters: [['topic'], ['topic', 'region'], ['topic', 'force'], []] },
  { kind: 'two-words', share: 0.25, filters: [['force', 'topic'], ['topic', 'region'], ['force', 'region']] },
  { kind: 'word', share: 0.15, filters: [['topic'], [], ['region']] },
  { kind: 'common-phrase', share: 0.1, filters: [['topic'], []] },
  { kind: 'phrase', share: 0.1, filters: [[], ['force']] },
  { kind: 'prefix', share: 0.1, filters: [[], ['topic']] },
  { kind: 'typo', share: 0.05, filters: [[]] },
];

/** Default seed of the other mix (and of its corpus: {@link OTHER_CORPUS_SEED}). */
export const OTHER_QUERY_SEED = 99_1207;
export const OTHER_CORPUS_SEED = 7;

/**
 * The other query mix: `count` queries in the proportions of {@link OTHER_MIX_PLAN} (largest
 * remainders), from the same kinds of words as the standard mix, every result page 20 hits
 * (pages 1–5 for two-word queries), shuffled. Deterministic for a sample, count and seed.
 */
export function buildOtherQueryMix(sample: readonly SampleDoc[], options: QueryMixOptions): BenchQuery[] {
  const { count } = options;
  checkCount(count);
  const rng = new Rng(hashSeed(options.seed ?? OTHER_QUERY_SEED, count, 0x07e2));
  const maker = queryMaker(sample, rng);
  const exact = OTHER_MIX_PLAN.map((p) => p.share * count);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < count; k++) counts[byRemainder[k % byRemainder.length]![1]]!++;
  const queries: BenchQuery[] = [];
  OTHER_MIX_PLAN.forEach((plan, p) => {
    for (let i = 0; i < counts[p]!; i++) {
      const query = makeQuery(maker, rng, plan.kind, () => plan.filters[i % plan.filters.length]!);
      if (plan.kind === 'two-words' && rng.chance(0.3)) query.page = rng.int(2, 5);
      queries.push(query);
    }
  });
  return rng.shuffle(queries);
}

/** The query mixes `npm run bench -- --mix` chooses between. */
export const QUERY_MIXES = ['standard', 'other'] as const;
export type QueryMixName = (typeof QUERY_MIXES)[number];

/**
 * The partials of the suggestion measurement: what someone has typed into the search box after 1
 * to 4 letters (evenly) of a word, the words drawn from random sampled findings (so each comes
 * with its corpus frequency, function words too: "th" is typed as often as words start so).
 * Deterministic for a sample, count and seed.
 */
export function buildSuggestPartials(sample: readonly SampleDoc[], options: QueryMixOptions): string[] {
  const { count } = options;
  checkCount(count);
  const rng = new Rng(hashSeed(options.seed ?? DEFAULT_QUERY_SEED, count, 0x5e6));
  const docs = sample.map((doc) => wordsOf(doc.text)).filter((words) => words.length > 0);
  if (docs.length === 0) throw new Error('the sample has no words');
  const partials: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = rng.pick(rng.pick(docs));
    partials.push(word.slice(0, Math.min(word.length, rng.int(1, 4))));
  }
  return partials;
}

/** `"<kind>/<filters>f"`, e.g. `"prefix/2f"`: the cell of the mix a query belongs to. */
export function queryCategory(query: BenchQuery): string {
  return `${query.kind}/${query.filterCount}f`;
}

/** Our engine's search params for a query (page 1 of 20 hits, like the UI's first page, unless the query says otherwise). */
export function toSearchParamsInput(query: BenchQuery): { q: string; force: string[]; topic: string[]; region: string[]; page: number; size: number } {
  const list = (v: string | undefined) => (v === undefined ? [] : [v]);
  return { q: query.q, force: list(query.filters.force), topic: list(query.filters.topic), region: list(query.filters.region), page: query.page ?? 1, size: query.size ?? 20 };
}

/** The `/api/search` path (with query string) for a query. */
export function toApiPath(query: BenchQuery): string {
  const usp = new URLSearchParams();
  usp.set('q', query.q);
  for (const dim of FILTER_DIMENSIONS) {
    const v = query.filters[dim];
    if (v !== undefined) usp.append(dim, v);
  }
  usp.set('size', String(query.size ?? 20));
  if (query.page !== undefined && query.page > 1) usp.set('page', String(query.page));
  return `/api/search?${usp.toString()}`;
}

/** Options of {@link sampleCorpusDocs}. */
export interface SampleOptions {
  /** Number of release files to read (default 300, fewer if the corpus is smaller). */
  files?: number;
  seed?: number;
}

/**
 * Findings of a seeded random selection of release files of the corpus under `dir`, parsed with
 * our parser. Reads only the selected files, so it is cheap even for a million findings.
 */
export async function sampleCorpusDocs(dir: string, options: SampleOptions = {}): Promise<SampleDoc[]> {
  const files = listReleaseFiles(dir);
  const rng = new Rng(hashSeed(options.seed ?? DEFAULT_QUERY_SEED, files.length));
  const want = Math.min(options.files ?? 300, files.length);
  const chosen = rng.shuffle(files.map((_, i) => i)).slice(0, want).sort((a, b) => a - b);
  const releases = [];
  for (const i of chosen) releases.push((await ingestFile(files[i]!, dir)).release);
  return releasesToDocs(releases)
    .filter((d) => d.kind === 'finding')
    .map((d) => ({ text: d.text, force: d.force, region: d.region, topics: d.topics }));
}
