/**
 * A batch of parsed releases made ready for the index, where they were parsed (a worker thread, or
 * this one): per document the column values, its record's head and its text as UTF-8 bytes, and a
 * 64-bit hash of its boilerplate key (lib/ingest/mark-boilerplate.ts), all in flat typed arrays that
 * move to the main thread without copying; per release only its small record (the release without
 * its documents). The main thread (lib/index/build-index.ts) then marks boilerplate across the
 * corpus from the hashes, orders releases by slug and assembles the index, never holding the
 * parsed releases themselves.
 */
import { crc32 } from 'node:zlib';
import { FIGURE_KEYS, SECTION_KINDS, TOPIC_IDS, type Release } from '../schema';
import { boilerplateKey } from '../ingest/mark-boilerplate';
import { indexTerms } from '../text/index-terms';
import { unwrapMarkdownLinks } from '../text/markdown';
import type { SourceInfo } from '../ingest/ingest-file';
import { docUnits } from './doc-units';
import { GrowingU32 } from './sorted';
import { docRecordHead, stripRelease, type DocContext, type StoredRelease } from './records';

export interface PreparedRelease {
  /** The release's record: the release without its documents. */
  stripped: StoredRelease;
  /** The files read for it (the source, then its sidecar). */
  files: SourceInfo[];
  /** Its documents are units `firstUnit …` of the batch. */
  firstUnit: number;
  unitCount: number;
  /**
   * Its flaggable paragraphs that are not documents (a findings intro): where they are in
   * `stripped.sections` (`[section, paragraph, …]`) and their key hashes (`[hi, lo, …]`).
   */
  introAt: number[];
  introKeys: number[];
}

export interface PreparedBatch {
  releases: PreparedRelease[];
  /** Per unit: 0 finding / 1 paragraph, SECTION_KINDS index, finding ordinal, topic bits. */
  kind: Uint8Array;
  section: Uint8Array;
  ordinal: Uint32Array;
  topics: Uint32Array;
  /** Units × K, unit-major: figure values, -1 where not stated. */
  figures: Int32Array;
  /** Index into `inspectors`, or -1. */
  inspector: Int32Array;
  inspectors: string[];
  /** 1 for a paragraph whose boilerplate key counts (not a headline, not an empty key). */
  flaggable: Uint8Array;
  /** The paragraph's boilerplate flag as the release has it (marked releases). */
  boilerplate: Uint8Array;
  /** 64-bit hash of the boilerplate key (flaggable units). */
  keyHi: Uint32Array;
  keyLo: Uint32Array;
  /**
   * CRC32 of unit u's record: its head alone (a copy that stores no text), and its head then its
   * text (lib/index/records.ts), computed here so the main thread does not.
   */
  headCrc: Uint32Array;
  recordCrc: Uint32Array;
  /**
   * Each unit's index terms (`indexTerms` of its text without markdown links) as ids of the
   * preparing thread's vocabulary ({@link TermVocabulary}), unit u's `tokens[tokenStart[u] ..
   * tokenStart[u + 1])`; none for a paragraph whose key this thread has seen before (`tokensOmitted`:
   * most likely a copy of shared boilerplate, which the index reads from its owner; the rare owner
   * among them is tokenized where the index is assembled). `phraseBreaks`: bit i set when token i
   * of a finding follows punctuation (suggestions never offer a phrase across it).
   */
  tokens: Uint32Array;
  tokenStart: Uint32Array;
  tokensOmitted: Uint8Array;
  phraseBreaks: Uint32Array;
  /** The terms this batch added to its thread's vocabulary, in id order (the ids before them came with earlier batches). */
  newTerms: string[];
  /** Which thread's vocabulary the token ids are of (set by whoever collects the batches). */
  vocabulary: number;
  /** Record heads (`docRecordHead`, UTF-8) and texts (UTF-8) of the units: unit u's are `[start[u], start[u + 1])`. */
  headStart: Uint32Array;
  heads: Uint8Array;
  textStart: Uint32Array;
  texts: Uint8Array;
}

/** A 64-bit hash of a string as two 32-bit halves (two multiply-xorshift lanes, as cyrb53). */
export function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** Bytes appended piece by piece into one buffer. */
class ByteSink {
  buffer = new Uint8Array(1 << 16);
  length = 0;
  starts: number[] = [0];
  /** The bytes of the last piece added. */
  last(): Uint8Array {
    return this.buffer.subarray(this.starts[this.starts.length - 2]!, this.length);
  }
  add(text: string): void {
    const need = this.length + text.length * 3;
    if (need > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(need, this.buffer.length * 2));
      bigger.set(this.buffer.subarray(0, this.length));
      this.buffer = bigger;
    }
    this.length += encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
    this.starts.push(this.length);
  }
  done(): { bytes: Uint8Array; start: Uint32Array } {
    return { bytes: this.buffer.slice(0, this.length), start: Uint32Array.from(this.starts) };
  }
}

const encoder = new TextEncoder();

/**
 * The term ids of one preparing thread, kept across its batches: a batch sends only the terms it
 * added, so a thread's ids mean the same in all its batches. `seenKeys` remembers the boilerplate
 * keys the thread has tokenized already.
 */
export interface TermVocabulary {
  ids: Map<string, number>;
  terms: string[];
  seenKeys: Set<number>;
}

export function termVocabulary(): TermVocabulary {
  return { ids: new Map(), terms: [], seenKeys: new Set() };
}

const TOPIC_BIT = new Map(TOPIC_IDS.map((t, i) => [t, 1 << i] as const));

function topicBits(topics: readonly string[]): number {
  let bits = 0;
  for (const t of topics) bits |= TOPIC_BIT.get(t as (typeof TOPIC_IDS)[number])!;
  return bits >>> 0;
}

/**
 * Prepare `parsed` releases (each with the files it was read from). Every flaggable paragraph's
 * boilerplate key is hashed (copies of a text find their owner by it). `withKeys`: also those of
 * the paragraphs that are not documents, for a build that marks boilerplate from the hashes
 * (releases not marked yet); without, the releases' own flags are kept (releases already marked).
 */
export function prepareBatch(parsed: readonly { release: Release; files: SourceInfo[] }[], withKeys: boolean, vocabulary: TermVocabulary = termVocabulary()): PreparedBatch {
  const firstNewTerm = vocabulary.terms.length;
  const unitsOf = parsed.map((p) => docUnits(p.release));
  let n = 0;
  for (const units of unitsOf) n += units.length;
  const K = FIGURE_KEYS.length;
  const kind = new Uint8Array(n);
  const section = new Uint8Array(n);
  const ordinal = new Uint32Array(n);
  const topics = new Uint32Array(n);
  const figures = new Int32Array(n * K).fill(-1);
  const inspector = new Int32Array(n).fill(-1);
  const inspectors: string[] = [];
  const inspectorIndex = new Map<string, number>();
  const flaggable = new Uint8Array(n);
  const boilerplate = new Uint8Array(n);
  const keyHi = new Uint32Array(n);
  const keyLo = new Uint32Array(n);
  const headCrc = new Uint32Array(n);
  const recordCrc = new Uint32Array(n);
  const heads = new ByteSink();
  const texts = new ByteSink();
  const tokens = new GrowingU32(1 << 12);
  const tokenStart = new Uint32Array(n + 1);
  const tokensOmitted = new Uint8Array(n);
  const breaks = new GrowingU32(1 << 12);
  // Shared paragraphs repeat verbatim within a batch too: each distinct text's key is hashed once.
  const keys = new Map<string, [number, number] | null>();
  const keyOf = (text: string): [number, number] | null => {
    let hashed = keys.get(text);
    if (hashed === undefined) {
      const key = boilerplateKey(text);
      keys.set(text, (hashed = key === '' ? null : hash64(key)));
    }
    return hashed;
  };
  const releases: PreparedRelease[] = [];
  let u = 0;
  parsed.forEach(({ release, files }, i) => {
    const firstUnit = u;
    const paragraphsSeen = new Map<string, number>();
    for (const { kind: unitKind, section: sectionKind, unit } of unitsOf[i]!) {
      kind[u] = unitKind === 'finding' ? 0 : 1;
      section[u] = SECTION_KINDS.indexOf(sectionKind);
      topics[u] = topicBits(unit.topics);
      let paragraphNumber = 0;
      let inspectorName: string | null = null;
      if (unitKind === 'finding') {
        ordinal[u] = unit.ordinal;
        for (let k = 0; k < K; k++) {
          const figure = unit.figures[FIGURE_KEYS[k]!];
          if (figure) figures[u * K + k] = figure.value;
        }
      } else {
        paragraphNumber = (paragraphsSeen.get(sectionKind) ?? 0) + 1;
        paragraphsSeen.set(sectionKind, paragraphNumber);
        boilerplate[u] = unit.boilerplate ? 1 : 0;
        if (unit.inspector !== undefined) {
          inspectorName = unit.inspector;
          let v = inspectorIndex.get(unit.inspector);
          if (v === undefined) inspectorIndex.set(unit.inspector, (v = inspectors.push(unit.inspector) - 1));
          inspector[u] = v;
        }
        if (sectionKind !== 'headline') {
          const key = keyOf(unit.text);
          if (key) {
            flaggable[u] = 1;
            [keyHi[u], keyLo[u]] = key;
          }
        }
      }
      const context: DocContext = { kind: unitKind, section: sectionKind, slug: release.slug, ordinal: ordinal[u]!, paragraphNumber, boilerplate: boilerplate[u] === 1, inspector: inspectorName, topicBits: topics[u]! };
      heads.add(docRecordHead(unit, context));
      texts.add(unit.text);
      // Index terms: a paragraph's boilerplate copies (a key seen before) are read from their owner.
      const seenKey = flaggable[u] === 1 ? keyHi[u]! * 0x200000 + (keyLo[u]! >>> 11) : -1;
      if (seenKey >= 0 && vocabulary.seenKeys.has(seenKey)) tokensOmitted[u] = 1;
      else {
        if (seenKey >= 0) vocabulary.seenKeys.add(seenKey);
        const at = tokens.length;
        const words = unitKind === 'finding' ? indexTerms(unwrapMarkdownLinks(unit.text), (w) => breaks.push(at + w)) : indexTerms(unwrapMarkdownLinks(unit.text));
        for (const term of words) {
          let id = vocabulary.ids.get(term);
          if (id === undefined) {
            id = vocabulary.terms.length;
            vocabulary.ids.set(term, id);
            vocabulary.terms.push(term);
          }
          tokens.push(id);
        }
      }
      tokenStart[u + 1] = tokens.length;
      headCrc[u] = crc32(heads.last());
      recordCrc[u] = crc32(texts.last(), headCrc[u]);
      u++;
    }
    const stripped = stripRelease(release);
    const introAt: number[] = [];
    const introKeys: number[] = [];
    if (withKeys) {
      stripped.sections.forEach((s, si) => {
        if (!('paragraphs' in s) || s.kind === 'headline') return;
        s.paragraphs.forEach((p, pi) => {
          const key = keyOf(p.text);
          if (!key) return;
          introAt.push(si, pi);
          introKeys.push(key[0], key[1]);
        });
      });
    }
    releases.push({ stripped, files, firstUnit, unitCount: u - firstUnit, introAt, introKeys });
  });
  const h = heads.done();
  const t = texts.done();
  const phraseBreaks = new Uint32Array((tokens.length >>> 5) + 1);
  for (let i = 0; i < breaks.length; i++) phraseBreaks[breaks.array[i]! >>> 5]! |= 1 << (breaks.array[i]! & 31);
  return {
    releases,
    kind,
    section,
    ordinal,
    topics,
    figures,
    inspector,
    inspectors,
    flaggable,
    boilerplate,
    keyHi,
    keyLo,
    headCrc,
    recordCrc,
    tokens: tokens.array.slice(0, tokens.length),
    tokenStart,
    tokensOmitted,
    phraseBreaks,
    newTerms: vocabulary.terms.slice(firstNewTerm),
    vocabulary: 0,
    headStart: h.start,
    heads: h.bytes,
    textStart: t.start,
    texts: t.bytes,
  };
}

/** The typed arrays of a batch, to transfer (not copy) to another thread. */
export function batchTransferList(batch: PreparedBatch): ArrayBuffer[] {
  return [batch.kind, batch.section, batch.ordinal, batch.topics, batch.figures, batch.inspector, batch.flaggable, batch.boilerplate, batch.keyHi, batch.keyLo, batch.headCrc, batch.recordCrc, batch.tokens, batch.tokenStart, batch.tokensOmitted, batch.phraseBreaks, batch.headStart, batch.heads, batch.textStart, batch.texts].map((a) => a.buffer as ArrayBuffer);
}
