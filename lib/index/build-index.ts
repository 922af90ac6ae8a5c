/**
 * Build an index (format 6) from parsed releases whose boilerplate is marked
 * (lib/ingest/mark-boilerplate.ts): releases by slug, their documents in doc-units order, one walk
 * that fills the per-document columns, the forward index and the stored records, then everything
 * the query side reads — postings with block maxima, the lexicon's tables, facet values and
 * columns, listing orders, field postings — computed once here and never at open.
 *
 * Records go to a {@link RecordSink}: kept in memory (an index used where it was built: tests) or
 * written as they come (lib/index/write-index.ts), so a large build never holds them all.
 */
import { crc32 } from 'node:zlib';
import { COMPARABLE_FIGURES, FIGURE_KEYS, FIGURE_TOPICS, SECTION_KINDS, TOPIC_IDS, type Release } from '../schema';
import { terms, tokenize } from '../text/tokenize';
import { unwrapMarkdownLinks } from '../text/markdown';
import { startThesaurus } from './thesaurus-job';
import { buildPostings, type BuiltPostings } from './build-postings';
import { startSuggest } from './suggest-job';
import { groupBy, lexiconTables, type LexiconTables } from './lexicon-tables';
import { HEADER_BYTES } from './segment-file';
import { newestRanks } from './newest';
import type { StoredRelease } from './records';
import { prepareBatch, type PreparedBatch } from './prepare-release';
import { indexTerms } from '../text/index-terms';
import type { IndexData, IndexMeta } from './index-layout';
import { indexCore, memoryRecordReader, type IndexCore } from './index-core';
import { PhaseClock } from './phase-clock';
import { GrowingU32 } from './sorted';
import type { ThesaurusFile } from './thesaurus-format';

/** Where one stored record went. */
export interface RecordPlace {
  offset: number;
  length: number;
  crc: number;
}

/** Takes the stored records in order (documents and releases are two streams). */
export interface RecordSink {
  /** A document's record: its head, then its text unless null; `crc` is the record's CRC32 (computed where it was prepared). */
  doc(head: Uint8Array, text: Uint8Array | null, crc: number): RecordPlace;
  release(record: Uint8Array): RecordPlace;
}

/** Records kept in memory, placed as the record files would place them (so an in-memory index equals the written one). */
export interface MemoryRecords extends RecordSink {
  docs: Buffer[];
  releases: Buffer[];
}

export function memoryRecords(): MemoryRecords {
  const docs: Buffer[] = [];
  const releases: Buffer[] = [];
  const appender = (list: Buffer[]) => {
    let offset = HEADER_BYTES;
    return (record: Buffer): RecordPlace => {
      list.push(record);
      const place = { offset, length: record.length, crc: crc32(record) };
      offset += record.length;
      return place;
    };
  };
  const doc = appender(docs);
  const release = appender(releases);
  return { docs, releases, doc: (head, text) => doc(Buffer.concat(text ? [head, text] : [head])), release: (record) => release(Buffer.from(record)) };
}

/** The sections of an index just built, and its release records (sorted by slug). */
export interface BuiltSections {
  data: IndexData;
  releases: StoredRelease[];
}

/** An index built in memory (records too), ready to search: tests and tools that write nothing. */
export interface BuiltIndex extends IndexCore {
  /** The releases it was built from, sorted by slug. */
  fullReleases: Release[];
}

/** Build the index of `releases` (boilerplate marked) in memory. */
export function buildIndex(releases: readonly Release[]): BuiltIndex {
  const records = memoryRecords();
  const sorted = [...releases].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const { data } = buildSections({ batches: [prepareBatch(sorted.map((release) => ({ release, files: [] })), false)], mark: false }, records);
  const core = indexCore(data, {
    docs: memoryRecordReader(records.docs),
    releases: memoryRecordReader(records.releases),
    docFile: 'docs (in memory)',
    releaseFile: 'releases (in memory)',
    storedSource: () => null,
  });
  return Object.assign(core, { fullReleases: sorted });
}

/** The `terms` file's sections from the vocabulary's postings, lexicon tables and thesaurus. */
export function termSections(vocab: readonly string[], postings: BuiltPostings, lexicon: LexiconTables, thesaurus: ThesaurusFile, fieldWords: readonly string[]): IndexData['terms'] {
  return {
    vocab: vocab.join('\n'),
    df: postings.df,
    postingStart: postings.postingStart,
    blockStart: postings.blockStart,
    termMaxTf: postings.termMaxTf,
    termMinLength: postings.termMinLength,
    termSections: postings.termSections,
    termTopics: postings.termTopics,
    termFigureTopics: postings.termFigureTopics,
    termStem: lexicon.termStem,
    termSignature: lexicon.termSignature,
    stems: lexicon.stems.join('\n'),
    stemStart: lexicon.stemTerms.start,
    stemTerms: lexicon.stemTerms.items,
    lengthStart: lexicon.lengthTerms.start,
    lengthTerms: lexicon.lengthTerms.items,
    prefixKeys: lexicon.prefixKeys.join('\n'),
    prefixStart: lexicon.prefixTerms.start,
    prefixTerms: lexicon.prefixTerms.items,
    fieldWords: fieldWords.join('\n'),
    thesaurusStems: thesaurus.stems.join('\n'),
    thesaurusRelated: thesaurus.related.join('\n'),
  };
}


/** A bit set over positions that grows by doubling. */
class GrowingBits {
  words = new Uint32Array(1 << 12);
  set(bit: number): void {
    const w = bit >>> 5;
    if (w >= this.words.length) {
      const bigger = new Uint32Array(Math.max(this.words.length * 2, w + 1));
      bigger.set(this.words);
      this.words = bigger;
    }
    this.words[w]! |= 1 << (bit & 31);
  }
  done(bits: number): Uint32Array {
    const out = new Uint32Array((bits >>> 5) + 1);
    out.set(this.words.subarray(0, Math.min(out.length, this.words.length)));
    return out;
  }
}

/** Sorted distinct values and each value's index (values as facet postings key them: strings). */
function valueTable(values: Iterable<string>): { values: string[]; index: Map<string, number> } {
  const sorted = [...new Set(values)].sort();
  return { values: sorted, index: new Map(sorted.map((v, i) => [v, i] as const)) };
}

const asValue = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));

/**
 * Hash table of boilerplate keys (64-bit hashes, lib/index/prepare-release.ts): per key, the
 * first release holding it, whether another release does too (then it is shared boilerplate), and
 * the first document having it in index order (the owner of its copies). Open addressing over
 * typed arrays: millions of keys without a Map entry each.
 */
class KeyTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private used: Uint8Array;
  firstRelease: Int32Array;
  shared: Uint8Array;
  owner: Int32Array;
  private count = 0;

  // Small at first (it doubles as it fills), so that a small build's tests run through its growth.
  constructor(capacity = 1 << 10) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.firstRelease = new Int32Array(capacity).fill(-1);
    this.shared = new Uint8Array(capacity);
    this.owner = new Int32Array(capacity).fill(-1);
  }

  /** The slot of key (hi, lo), added when missing. */
  slot(hi: number, lo: number): number {
    if (2 * (this.count + 1) > this.used.length) this.grow();
    const mask = this.used.length - 1;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    while (this.used[i]) {
      if (this.hi[i] === hi && this.lo[i] === lo) return i;
      i = (i + 1) & mask;
    }
    this.used[i] = 1;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.count++;
    return i;
  }

  /** Count release `r` as a holder of the key. */
  hold(hi: number, lo: number, r: number): void {
    const i = this.slot(hi, lo);
    if (this.firstRelease[i] === -1) this.firstRelease[i] = r;
    else if (this.firstRelease[i] !== r) this.shared[i] = 1;
  }

  isShared(hi: number, lo: number): boolean {
    return this.shared[this.slot(hi, lo)] === 1;
  }

  private grow(): void {
    const old = { hi: this.hi, lo: this.lo, used: this.used, firstRelease: this.firstRelease, shared: this.shared, owner: this.owner };
    Object.assign(this, new KeyTable(old.used.length * 2));
    this.count = 0;
    for (let j = 0; j < old.used.length; j++) {
      if (!old.used[j]) continue;
      const i = this.slot(old.hi[j]!, old.lo[j]!);
      this.firstRelease[i] = old.firstRelease[j]!;
      this.shared[i] = old.shared[j]!;
      this.owner[i] = old.owner[j]!;
    }
  }
}

const decoder = new TextDecoder();

export interface BuildInput {
  /**
   * Prepared batches of releases (lib/index/prepare-release.ts): releases in any order, but the
   * batches of one preparing thread in the order it prepared them (its vocabulary grows with them).
   */
  batches: readonly PreparedBatch[];
  /**
   * Mark boilerplate here from the batches' key hashes (a paragraph whose key two releases share),
   * as lib/ingest/mark-boilerplate.ts does; false: keep the flags the releases carry (marked already).
   */
  mark: boolean;
}

/**
 * Build every section from prepared releases, sending records to `sink`.
 * @param onProgress called every 100,000 documents with (done, total).
 */
export function buildSections(input: BuildInput, sink: RecordSink, onProgress?: (done: number, total: number) => void, clock = new PhaseClock()): BuiltSections {
  const lap = (name: string, detail = '') => clock.lap(name, detail);
  const { batches } = input;
  // Releases by slug: (batch, release in batch).
  const order: [number, number][] = [];
  batches.forEach((b, i) => b.releases.forEach((_, j) => order.push([i, j])));
  const slugOf = ([i, j]: [number, number]) => batches[i]!.releases[j]!.stripped.slug;
  order.sort((a, b) => (slugOf(a) < slugOf(b) ? -1 : slugOf(a) > slugOf(b) ? 1 : 0));
  const R = order.length;
  let n = 0;
  for (const [i, j] of order) n += batches[i]!.releases[j]!.unitCount;
  const K = FIGURE_KEYS.length;

  // Boilerplate: a flaggable paragraph whose key another release also holds.
  const keys = new KeyTable();
  const stripped: StoredRelease[] = order.map(([i, j]) => batches[i]!.releases[j]!.stripped);
  if (input.mark) {
    order.forEach(([i, j], r) => {
      const b = batches[i]!;
      const rel = b.releases[j]!;
      for (let u = rel.firstUnit; u < rel.firstUnit + rel.unitCount; u++) if (b.flaggable[u]) keys.hold(b.keyHi[u]!, b.keyLo[u]!, r);
      for (let k = 0; k < rel.introKeys.length; k += 2) keys.hold(rel.introKeys[k]!, rel.introKeys[k + 1]!, r);
    });
    order.forEach(([i, j], r) => {
      const b = batches[i]!;
      const rel = b.releases[j]!;
      for (let u = rel.firstUnit; u < rel.firstUnit + rel.unitCount; u++) b.boilerplate[u] = b.flaggable[u] && keys.isShared(b.keyHi[u]!, b.keyLo[u]!) ? 1 : 0;
      // The release record: its other paragraphs' flags, and the topics of a release that is not a force's (its non-boilerplate paragraphs'; lib/ingest/parse-release.ts releaseTopics).
      const sections = stripped[r]!.sections.map((s) => ('paragraphs' in s ? { kind: s.kind, paragraphs: s.paragraphs.map((p) => ({ ...p, boilerplate: false })) } : s));
      for (let k = 0; k < rel.introAt.length; k += 2) {
        const s = sections[rel.introAt[k]!]!;
        if ('paragraphs' in s) s.paragraphs[rel.introAt[k + 1]!]!.boilerplate = keys.isShared(rel.introKeys[k]!, rel.introKeys[k + 1]!);
      }
      let topicBits = 0;
      if (stripped[r]!.kind !== 'force-release') {
        const notes = SECTION_KINDS.indexOf('notes');
        for (let u = rel.firstUnit; u < rel.firstUnit + rel.unitCount; u++) if (b.kind[u] === 1 && b.section[u] !== notes && !b.boilerplate[u]) topicBits |= b.topics[u]!;
        for (const s of sections) if ('paragraphs' in s && s.kind !== 'notes') for (const p of s.paragraphs) if (!p.boilerplate) for (const t of p.topics) topicBits |= 1 << TOPIC_IDS.indexOf(t);
      }
      stripped[r] = { ...stripped[r]!, sections, topics: stripped[r]!.kind !== 'force-release' ? TOPIC_IDS.filter((_, t) => topicBits & (1 << t)) : stripped[r]!.topics };
    });
    lap('mark', 'marked boilerplate');
  }

  const docRelease = new Uint32Array(n);
  const docOrdinal = new Uint32Array(n);
  const docSection = new Uint8Array(n);
  const docKind = new Uint8Array(n);
  const docBoilerplate = new Uint8Array(n);
  const docTopics = new Uint32Array(n);
  const docOwner = new Int32Array(n).fill(-1);
  const docFigures = new Int32Array(K * n).fill(-1);
  const docFigureTopics = new Uint32Array(n);
  const docRecordOffset = new Float64Array(n);
  const docRecordLength = new Uint32Array(n);
  const docRecordCrc = new Uint32Array(n);
  const releaseFirstDoc = new Uint32Array(R);
  const releaseDocCount = new Uint32Array(R);
  const releaseRecordOffset = new Float64Array(R);
  const releaseRecordLength = new Uint32Array(R);
  const releaseRecordCrc = new Uint32Array(R);
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  const positions = new GrowingU32();
  /** Positions of findings with punctuation before them (phrases for suggestions never span it). */
  const phraseBreaks = new GrowingBits();
  /** Per document: its inspector (quote paragraphs; an index into `inspectorNames`), else -1. */
  const inspectorOf = new Int32Array(n).fill(-1);
  const inspectorNames: string[] = [];
  const inspectorIds = new Map<string, number>();
  const topicBit = new Map(TOPIC_IDS.map((t, i) => [t, 1 << i] as const));
  const figureTopicBit = FIGURE_KEYS.map((k) => topicBit.get(FIGURE_TOPICS[k])!);
  // Terms get ids as they first occur; the vocabulary is sorted (and the ids remapped) at the end.
  const termIds = new Map<string, number>();
  const vocabInOrder: string[] = [];
  const termId = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = vocabInOrder.length;
      termIds.set(term, id);
      vocabInOrder.push(term);
    }
    return id;
  };
  // The preparing threads' vocabularies (each batch adds its new terms, in the order the thread prepared them).
  const vocabularies: string[][] = [];
  for (const b of batches) {
    const terms = (vocabularies[b.vocabulary] ??= []);
    for (const term of b.newTerms) terms.push(term);
  }
  const globalOf = vocabularies.map((terms) => (terms ? new Int32Array(terms.length).fill(-1) : new Int32Array(0)));
  /** Where each owner's text is (batch, unit): a copy whose text is the same stores none. */
  const ownerBatch = new Int32Array(n);
  const ownerUnit = new Int32Array(n);
  const textBuffers = batches.map((b) => Buffer.from(b.texts.buffer, b.texts.byteOffset, b.texts.length));

  let d = 0;
  for (let r = 0; r < R; r++) {
    const [bi, j] = order[r]!;
    const b = batches[bi]!;
    const rel = b.releases[j]!;
    const place = sink.release(Buffer.from(JSON.stringify(stripped[r]), 'utf8'));
    releaseRecordOffset[r] = place.offset;
    releaseRecordLength[r] = place.length;
    releaseRecordCrc[r] = place.crc;
    releaseFirstDoc[r] = d;
    releaseDocCount[r] = rel.unitCount;
    for (let u = rel.firstUnit; u < rel.firstUnit + rel.unitCount; u++) {
      docRelease[d] = r;
      docSection[d] = b.section[u]!;
      docKind[d] = b.kind[u]!;
      docTopics[d] = b.topics[u]!;
      docOrdinal[d] = b.ordinal[u]!;
      let figureTopics = 0;
      for (let k = 0; k < K; k++) {
        const v = b.figures[u * K + k]!;
        if (v >= 0) {
          docFigures[k * n + d] = v;
          figureTopics |= figureTopicBit[k]!;
        }
      }
      docFigureTopics[d] = figureTopics >>> 0;
      if (b.inspector[u]! >= 0) {
        const name = b.inspectors[b.inspector[u]!]!;
        let id = inspectorIds.get(name);
        if (id === undefined) inspectorIds.set(name, (id = inspectorNames.push(name) - 1));
        inspectorOf[d] = id;
      }
      docBoilerplate[d] = b.boilerplate[u]!;
      const text = b.texts.subarray(b.textStart[u]!, b.textStart[u + 1]!);
      // A boilerplate copy points to the first document with its key: statistics do not depend on markup.
      let copyOfSameText = false;
      if (b.boilerplate[u]) {
        const slot = keys.slot(b.keyHi[u]!, b.keyLo[u]!);
        const first = keys.owner[slot]!;
        if (first < 0) {
          keys.owner[slot] = d;
          ownerBatch[d] = bi;
          ownerUnit[d] = u;
        } else {
          docOwner[d] = first;
          const ob = batches[ownerBatch[first]!]!;
          const ou = ownerUnit[first]!;
          copyOfSameText = textBuffers[ownerBatch[first]!]!.compare(textBuffers[bi]!, b.textStart[u]!, b.textStart[u + 1]!, ob.textStart[ou]!, ob.textStart[ou + 1]!) === 0;
        }
      }
      const head = b.heads.subarray(b.headStart[u]!, b.headStart[u + 1]!);
      const record = copyOfSameText ? sink.doc(head, null, b.headCrc[u]!) : sink.doc(head, text, b.recordCrc[u]!);
      docRecordOffset[d] = record.offset;
      docRecordLength[d] = record.length;
      docRecordCrc[d] = record.crc;
      const owner = docOwner[d]!;
      if (owner >= 0) {
        starts[d] = starts[owner]!;
        ends[d] = ends[owner]!;
      } else {
        starts[d] = positions.length;
        // A markdown link's target is markup, not words of the release: indexed as its text only,
        // so a release ranks the same from .txt, .pdf or .html.
        const at = positions.length;
        const finding = b.kind[u] === 0;
        if (!b.tokensOmitted[u]) {
          // The terms as the preparing thread numbered them, renumbered here.
          const local = globalOf[b.vocabulary]!;
          for (let t = b.tokenStart[u]!, end = b.tokenStart[u + 1]!; t < end; t++) {
            const l = b.tokens[t]!;
            let id = local[l]!;
            if (id < 0) local[l] = id = termId(vocabularies[b.vocabulary]![l]!);
            positions.push(id);
            if (finding && (b.phraseBreaks[t >>> 5]! >>> (t & 31)) & 1) phraseBreaks.set(at + t - b.tokenStart[u]!);
          }
        } else {
          // A document whose thread left its terms out (it had seen its key: mostly copies) owns its text after all.
          const words = finding ? indexTerms(unwrapMarkdownLinks(decoder.decode(text)), (i) => phraseBreaks.set(at + i)) : indexTerms(unwrapMarkdownLinks(decoder.decode(text)));
          for (const term of words) positions.push(termId(term));
        }
        ends[d] = positions.length;
      }
      d++;
      if (onProgress && d % 100_000 === 0) onProgress(d, n);
    }
  }
  lap('documents', `indexed ${n} documents (columns, positions, records)`);
  // The vocabulary sorted; positions renumbered.
  const vocab = [...vocabInOrder].sort();
  const V = vocab.length;
  const renumber = new Uint32Array(V);
  vocab.forEach((term, id) => (renumber[termIds.get(term)!] = id));
  const forwardTerms = positions.done();
  for (let p = 0; p < forwardTerms.length; p++) forwardTerms[p] = renumber[forwardTerms[p]!]!;

  let ownerDocCount = 0;
  for (let i = 0; i < n; i++) if (docOwner[i]! < 0) ownerDocCount++;
  const postings = buildPostings({ termCount: V, starts, ends, terms: forwardTerms, owner: docOwner, section: docSection, topics: docTopics, figureTopics: docFigureTopics });
  lap('postings', `built the postings of ${V} terms`);
  // The suggestions (lib/index/build-suggest.ts) need only the postings and the forward index: from
  // here they are built on a worker thread beside the rest (taken at the end).
  const suggestJob = startSuggest({
    vocab,
    postingStart: postings.postingStart,
    postingDocs: postings.docs,
    docKind,
    docRelease,
    starts,
    ends,
    terms: forwardTerms,
    phraseBreaks: phraseBreaks.done(forwardTerms.length),
    releaseForce: stripped.map((rel) => asValue(rel.force)),
    releaseInspection: stripped.map((rel) => asValue(rel.inspection)),
  });
  lap('suggest', `started the suggestions${suggestJob.thread ? ' on a worker thread' : ''}`);
  const lexicon = lexiconTables(vocab, postings.df);
  lap('lexicon', 'built the lexicon tables');
  const thesaurusJob = startThesaurus({ vocab, starts, ends, terms: forwardTerms }, lexicon.stems);
  lap('thesaurus', `started the WordNet layer${thesaurusJob.thread ? ' on a worker thread' : ''}`);

  // Facet values: force and region as their documents show them, inspection and year per release,
  // section, kind and inspector per document (sorted, as the query side lists them).
  const hasDocs = (r: number) => releaseDocCount[r]! > 0;
  const releaseValues = (field: 'force' | 'region' | 'inspection' | 'year', onlyWithDocs: boolean) =>
    valueTable(stripped.flatMap((rel, r) => (onlyWithDocs && !hasDocs(r) ? [] : [asValue(rel[field])].filter((v): v is string => v !== null))));
  const force = releaseValues('force', true);
  const region = releaseValues('region', true);
  const inspection = releaseValues('inspection', false);
  const year = releaseValues('year', false);
  const releaseColumn = (table: { index: Map<string, number> }, field: 'force' | 'region' | 'inspection' | 'year') =>
    Int32Array.from(stripped, (rel) => {
      const v = asValue(rel[field]);
      return v === null ? -1 : (table.index.get(v) ?? -1);
    });
  const releaseForce = releaseColumn(force, 'force');
  const releaseRegion = releaseColumn(region, 'region');
  const releaseInspection = releaseColumn(inspection, 'inspection');
  const releaseYear = releaseColumn(year, 'year');
  const facetForce = new Int32Array(n);
  for (let i = 0; i < n; i++) facetForce[i] = releaseForce[docRelease[i]!]!;
  /** The distinct values of a small column (`count` possible values). */
  const present = (column: Uint8Array, count: number) => {
    const seen = new Uint8Array(count);
    for (let i = 0; i < column.length; i++) seen[column[i]!] = 1;
    return Array.from({ length: count }, (_, v) => v).filter((v) => seen[v]);
  };
  const section = valueTable(present(docSection, SECTION_KINDS.length).map((s) => SECTION_KINDS[s]!));
  const sectionIndex = Int32Array.from(SECTION_KINDS, (s) => section.index.get(s) ?? -1);
  const facetSection = new Int32Array(n);
  for (let i = 0; i < n; i++) facetSection[i] = sectionIndex[docSection[i]!]!;
  const kinds = ['finding', 'paragraph'];
  const kind = valueTable(present(docKind, kinds.length).map((k) => kinds[k]!));
  const kindIndex = Int32Array.from(kinds, (k) => kind.index.get(k) ?? -1);
  const facetKind = new Int32Array(n);
  for (let i = 0; i < n; i++) facetKind[i] = kindIndex[docKind[i]!]!;
  const inspector = valueTable(inspectorNames);
  const inspectorValue = Int32Array.from(inspectorNames, (name) => inspector.index.get(name)!);
  const facetInspector = new Int32Array(n);
  for (let i = 0; i < n; i++) facetInspector[i] = inspectorOf[i]! < 0 ? -1 : inspectorValue[inspectorOf[i]!]!;

  // Field postings (a query word naming a force, topic or inspector matches its documents).
  const forceGroups = groupBy(n, force.values.length + 1, (i) => (facetForce[i]! < 0 ? force.values.length : facetForce[i]!));
  const inspectorGroups = groupBy(n, inspector.values.length + 1, (i) => (facetInspector[i]! < 0 ? inspector.values.length : facetInspector[i]!));
  const topicCounts = new Uint32Array(TOPIC_IDS.length + 1);
  for (let i = 0; i < n; i++) for (let b = 0; b < TOPIC_IDS.length; b++) if (docTopics[i]! & (1 << b)) topicCounts[b + 1]!++;
  for (let b = 0; b < TOPIC_IDS.length; b++) topicCounts[b + 1]! += topicCounts[b]!;
  const topicDocs = new Uint32Array(topicCounts[TOPIC_IDS.length]!);
  const topicFill = topicCounts.slice(0, TOPIC_IDS.length);
  for (let i = 0; i < n; i++) for (let b = 0; b < TOPIC_IDS.length; b++) if (docTopics[i]! & (1 << b)) topicDocs[topicFill[b]!++] = i;

  // Boilerplate copies by owner (owners ascending, each one's copies ascending).
  const copyCount = new Uint32Array(n);
  let copies = 0;
  for (let i = 0; i < n; i++) if (docOwner[i]! >= 0) (copyCount[docOwner[i]!]!++, copies++);
  let ownersWithCopies = 0;
  for (let i = 0; i < n; i++) if (copyCount[i]) ownersWithCopies++;
  const copyOwners = new Uint32Array(ownersWithCopies);
  const copyStart = new Uint32Array(ownersWithCopies + 1);
  /** Per owner: where its next copy goes in `copyDocs`. */
  const copyFill = new Uint32Array(n);
  for (let i = 0, o = 0; i < n; i++) {
    if (!copyCount[i]) continue;
    copyOwners[o] = i;
    copyFill[i] = copyStart[o]!;
    copyStart[o + 1] = copyStart[o]! + copyCount[i]!;
    o++;
  }
  const copyDocs = new Uint32Array(copies);
  for (let i = 0; i < n; i++) if (docOwner[i]! >= 0) copyDocs[copyFill[docOwner[i]!]!++] = i;

  // Listing orders: non-boilerplate first; by force (no force last) then document, or by release newest first then document.
  const forces = force.values.length + 1;
  const byForceGroups = groupBy(n, 2 * forces, (i) => docBoilerplate[i]! * forces + (facetForce[i]! < 0 ? forces - 1 : facetForce[i]!));
  const releaseNewest = newestRanks(stripped);
  const newestOrder = new Uint32Array(R);
  releaseNewest.forEach((k, r) => (newestOrder[k] = r));
  const byDate = new Uint32Array(n);
  let k = 0;
  for (const pass of [0, 1]) {
    for (let i = 0; i < R; i++) {
      const r = newestOrder[i]!;
      for (let doc = releaseFirstDoc[r]!, end = doc + releaseDocCount[r]!; doc < end; doc++) if (docBoilerplate[doc] === pass) byDate[k++] = doc;
    }
  }

  // Figures per release: the document stating each (its roll-up: the first that states it), and the values.
  const releaseFigureDoc = new Int32Array(R * K).fill(-1);
  for (let f = 0; f < K; f++) {
    for (let i = 0; i < n; i++) {
      if (docFigures[f * n + i]! < 0) continue;
      const slot = docRelease[i]! * K + f;
      if (releaseFigureDoc[slot]! < 0) releaseFigureDoc[slot] = i;
    }
  }
  const F = COMPARABLE_FIGURES.length;
  const RATE = COMPARABLE_FIGURES.indexOf('approvalRate');
  const releaseFigureValue = new Float64Array(R * F).fill(NaN);
  stripped.forEach((rel, r) => {
    FIGURE_KEYS.forEach((key, f) => {
      const v = rel.figures[key]?.value;
      if (v !== undefined) releaseFigureValue[r * F + f] = v;
    });
    const applications = rel.figures.secondJobApplications?.value;
    const approved = rel.figures.secondJobsApproved?.value;
    if (applications !== undefined && approved !== undefined && applications > 0) releaseFigureValue[r * F + RATE] = (approved / applications) * 100;
  });

  // Title words, per release (titles repeat: each distinct title is split once).
  const titleWordsOf = new Map<string, string[]>();
  const wordsOfTitle = (title: string) => {
    let words = titleWordsOf.get(title);
    if (!words) titleWordsOf.set(title, (words = [...new Set(terms(title))]));
    return words;
  };
  const fieldWords = valueTable(stripped.flatMap((rel) => wordsOfTitle(rel.title)));
  const releaseTitleStart = new Uint32Array(R + 1);
  stripped.forEach((rel, r) => (releaseTitleStart[r + 1] = releaseTitleStart[r]! + wordsOfTitle(rel.title).length));
  const releaseTitleWords = new Uint32Array(releaseTitleStart[R]!);
  stripped.forEach((rel, r) => {
    const ids = wordsOfTitle(rel.title)
      .map((w) => fieldWords.index.get(w)!)
      .sort((a, b) => a - b);
    releaseTitleWords.set(ids, releaseTitleStart[r]!);
  });

  lap('columns', 'built the facet columns, orders and field postings');
  const thesaurus = thesaurusJob.result();
  lap('thesaurus', `built the WordNet layer${thesaurusJob.thread ? ' (finished on its worker thread)' : ''}`);
  const suggest = suggestJob.result();
  lap('suggest', `built the suggestions (${suggestJob.thread ? 'finished on their worker thread' : 'in this thread'})`);

  const meta: IndexMeta = {
    docCount: n,
    ownerDocCount,
    releaseCount: R,
    termCount: V,
    avgDocLength: ownerDocCount ? forwardTerms.length / ownerDocCount : 0,
    facetValues: { force: force.values, region: region.values, inspection: inspection.values, year: year.values, section: section.values, kind: kind.values, inspector: inspector.values },
    sectionKinds: [...SECTION_KINDS],
    topicIds: [...TOPIC_IDS],
    figureKeys: [...FIGURE_KEYS],
    comparableFigures: [...COMPARABLE_FIGURES],
  };
  const data: IndexData = {
    core: {
      meta: JSON.stringify(meta),
      docRelease,
      docOrdinal,
      docSection,
      docKind,
      docBoilerplate,
      docTopics,
      docOwner,
      docFigures,
      docFigureTopics,
      facetForce,
      facetSection,
      facetKind,
      facetInspector,
      docRecordOffset,
      docRecordLength,
      docRecordCrc,
      releaseSlugs: stripped.map((rel) => rel.slug).join('\n'),
      releaseTitles: stripped.map((rel) => rel.title).join(''),
      releaseTitleEnd: Uint32Array.from(stripped, ((end) => (rel: StoredRelease) => (end += rel.title.length))(0)),
      releaseFirstDoc,
      releaseDocCount,
      releaseNewest,
      releaseForce,
      releaseRegion,
      releaseInspection,
      releaseYear,
      releaseFigureDoc,
      releaseFigureValue,
      releaseTitleStart,
      releaseTitleWords,
      releaseRecordOffset,
      releaseRecordLength,
      releaseRecordCrc,
      byForce: byForceGroups.items,
      byDate,
      copyOwners,
      copyStart,
      copyDocs,
      forceStart: forceGroups.start.subarray(0, force.values.length + 1),
      forceDocs: forceGroups.items.subarray(0, forceGroups.start[force.values.length]!),
      topicStart: topicCounts,
      topicDocs,
      inspectorStart: inspectorGroups.start.subarray(0, inspector.values.length + 1),
      inspectorDocs: inspectorGroups.items.subarray(0, inspectorGroups.start[inspector.values.length]!),
    },
    terms: termSections(vocab, postings, lexicon, thesaurus, fieldWords.values),
    postings: {
      docs: postings.docs,
      tf: postings.tf,
      blockLast: postings.blockLast,
      blockMaxTf: postings.blockMaxTf,
      blockMinLength: postings.blockMinLength,
      blockSections: postings.blockSections,
      blockTopics: postings.blockTopics,
      blockFigureTopics: postings.blockFigureTopics,
    },
    forward: { starts, ends, terms: forwardTerms },
    suggest,
  };
  return { data, releases: stripped };
}
