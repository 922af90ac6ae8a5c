/**
 * What the query side and the engine read of an index, the same whether it was just built in
 * memory or opened from disk: the sections as typed arrays (lib/index/index-layout.ts), per-document
 * columns as views of them, and the stored records decoded one at a time (documents and release
 * metadata through small caches). Nothing here is proportional to the corpus but the arrays the
 * files already are; the list of every release is read only when a listing asks for it.
 */
import { LRUCache } from 'lru-cache';
import { crc32 } from 'node:zlib';
import { SearchEngineError } from '../errors';
import { FIGURE_KEYS, SECTION_KINDS, type FigureKey, type Figures, type Finding, type Paragraph, type Release, type ReleaseKind, type SourceRef } from '../schema';
import type { StoredDoc } from './documents';
import { lines, type IndexData, type IndexMeta } from './index-layout';
import { decodeDocRecord, restoreRelease, splitDocRecord, storedDocOf, type DocContext, type DocRelease, type StoredRelease } from './records';
import { indexOf } from './sorted';

export interface ReleaseMeta {
  slug: string;
  /** The source file (path, format, sha256, bytes, pages, url). */
  source: SourceRef;
  /** Former slugs that redirect here. */
  aliases: string[];
  title: string;
  force: string | null;
  region: string | null;
  year: number | null;
  date: string | null;
  inspection: string | null;
  kind: ReleaseKind;
  findingCount: number;
  figures: Figures;
  /** Index of the release's first document; its documents are contiguous. */
  firstDoc: number;
  docCount: number;
}

/** Per-document columns (views of the core file's sections). Index = document index. */
export interface DocColumns {
  /** Index into the release list. */
  release: Uint32Array;
  /** Finding ordinal, or 0 for paragraphs. */
  ordinal: Uint32Array;
  /** Index into SECTION_KINDS. */
  section: Uint8Array;
  /** 0 = finding, 1 = paragraph. */
  kind: Uint8Array;
  boilerplate: Uint8Array;
  /** Bit i set = topic TOPIC_IDS[i]. */
  topics: Uint32Array;
  /**
   * The document whose identical text this one shares, or -1. Boilerplate paragraphs repeat in
   * every release: only the first copy is in the postings and the forward index; the copies point to it.
   */
  owner: Int32Array;
  /** Figure values, -1 where the document does not state the figure. */
  figures: Record<FigureKey, Int32Array>;
}

/** Forward index: document d's term ids are `terms[starts[d] .. ends[d])`. */
export interface ForwardView {
  starts: Uint32Array;
  ends: Uint32Array;
  terms: Uint32Array;
}

/** Random access to one record file: record i's bytes, checked against its CRC32. */
export interface RecordReader {
  /** Bytes of records `first … first + count - 1`, contiguous (one read). */
  readRange(first: number, count: number): Buffer;
  close(): void;
}

export interface IndexCore {
  data: IndexData;
  meta: IndexMeta;
  docCount: number;
  releaseCount: number;
  columns: DocColumns;
  forward: ForwardView;
  /** The whole document (text, figures with provenance…), kept in a cache of recent documents. */
  getDoc(d: number): StoredDoc;
  /** The same, read without the cache (a whole export would flush it). */
  readDoc(d: number): StoredDoc;
  /** Release `r`'s metadata (cached). */
  releaseMeta(r: number): ReleaseMeta;
  /** Every release's metadata, by slug (read from the records on first use, then kept). */
  readonly releases: readonly ReleaseMeta[];
  /** Index of the release with this slug, or -1. */
  releaseIndexOf(slug: string): number;
  getRelease(slug: string): Release | null;
  /** Path of the stored copy of the source file with this sha256, or null (an index built in memory stores none). */
  storedSource(sha256: string): string | null;
  /** Release files handles; the index is unusable afterwards. */
  close(): void;
}

/** Documents kept decoded (hits of recent pages, figure provenance). */
export const DOC_CACHE_SIZE = 20_000;
/** Release metadata kept decoded (the release fields of hits). */
export const RELEASE_CACHE_SIZE = 4_096;

function corrupt(file: string, message: string): SearchEngineError {
  return new SearchEngineError('E_INDEX_CORRUPT', message, { file });
}

/**
 * Record `i`'s bytes among `range` (records `first …` read in one piece), checked against its CRC:
 * a flipped byte in a stored record is refused, never served.
 */
function recordOf(data: IndexData['core'], kind: 'doc' | 'release', range: Buffer, first: number, i: number, file: string): Buffer {
  const offset = kind === 'doc' ? data.docRecordOffset : data.releaseRecordOffset;
  const length = kind === 'doc' ? data.docRecordLength : data.releaseRecordLength;
  const crcs = kind === 'doc' ? data.docRecordCrc : data.releaseRecordCrc;
  const at = offset[i]! - offset[first]!;
  const bytes = range.subarray(at, at + length[i]!);
  if (bytes.length !== length[i] || crc32(bytes) !== crcs[i]) throw corrupt(file, `${kind} record ${i} fails its checksum (CRC32)`);
  return bytes;
}

function parseRecord<T>(bytes: Buffer, file: string, what: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (error) {
    throw corrupt(file, `${what} is not valid JSON: ${(error as Error).message}`);
  }
}

export interface CoreOptions {
  docs: RecordReader;
  releases: RecordReader;
  /** File names for error messages. */
  docFile: string;
  releaseFile: string;
  storedSource(sha256: string): string | null;
  onClose?: () => void;
}

/** The {@link IndexCore} of `data`, reading records through `options`. */
export function indexCore(data: IndexData, options: CoreOptions): IndexCore {
  const core = data.core;
  const meta = JSON.parse(core.meta) as IndexMeta;
  const n = meta.docCount;
  const figures = Object.fromEntries(FIGURE_KEYS.map((k, i) => [k, core.docFigures.subarray(i * n, (i + 1) * n)])) as Record<FigureKey, Int32Array>;
  const columns: DocColumns = {
    release: core.docRelease,
    ordinal: core.docOrdinal,
    section: core.docSection,
    kind: core.docKind,
    boilerplate: core.docBoilerplate,
    topics: core.docTopics,
    owner: core.docOwner,
    figures,
  };
  let slugs: string[] | null = null;
  const slugList = () => (slugs ??= lines(core.releaseSlugs));
  const values = meta.facetValues;
  const valueOf = (list: string[], v: number) => (v < 0 ? null : list[v]!);
  /** The release fields a document shows, from the columns (no record read). */
  const releaseFields = (r: number): DocRelease => {
    const year = valueOf(values.year, core.releaseYear[r]!);
    return {
      slug: slugList()[r]!,
      title: core.releaseTitles.slice(r === 0 ? 0 : core.releaseTitleEnd[r - 1], core.releaseTitleEnd[r]),
      force: valueOf(values.force, core.releaseForce[r]!),
      region: valueOf(values.region, core.releaseRegion[r]!),
      inspection: valueOf(values.inspection, core.releaseInspection[r]!),
      year: year === null ? null : Number(year),
    };
  };
  const metas = new LRUCache<number, ReleaseMeta>({ max: RELEASE_CACHE_SIZE });
  const docs = new LRUCache<number, StoredDoc>({ max: DOC_CACHE_SIZE });
  let all: ReleaseMeta[] | null = null;

  const storedRelease = (r: number): StoredRelease => {
    const bytes = recordOf(core, 'release', options.releases.readRange(r, 1), r, r, options.releaseFile);
    return parseRecord<StoredRelease>(bytes, options.releaseFile, `release record ${r}`);
  };
  const metaOf = (r: number, stored: StoredRelease): ReleaseMeta => ({
    slug: stored.slug,
    source: stored.source,
    aliases: stored.aliases,
    title: stored.title,
    force: stored.force,
    region: stored.region,
    year: stored.year,
    date: stored.date,
    inspection: stored.inspection,
    kind: stored.kind,
    findingCount: stored.findings,
    figures: stored.figures,
    firstDoc: core.releaseFirstDoc[r]!,
    docCount: core.releaseDocCount[r]!,
  });
  const releaseMeta = (r: number): ReleaseMeta => {
    if (all) return all[r]!;
    let m = metas.get(r);
    if (!m) metas.set(r, (m = metaOf(r, storedRelease(r))));
    return m;
  };
  const inspectorValues = meta.facetValues.inspector;
  /** What document d's record leaves to the columns; `paragraphNumber` counted from its release's first document. */
  const contextOf = (d: number, slug: string, paragraphNumber: number): DocContext => ({
    kind: core.docKind[d] === 0 ? 'finding' : 'paragraph',
    section: SECTION_KINDS[core.docSection[d]!]!,
    slug,
    ordinal: core.docOrdinal[d]!,
    paragraphNumber,
    boilerplate: core.docBoilerplate[d] === 1,
    inspector: core.facetInspector[d]! < 0 ? null : inspectorValues[core.facetInspector[d]!]!,
    topicBits: core.docTopics[d]!,
  });
  /** 1-based number of paragraph document d among its release's paragraphs of its section. */
  const paragraphNumberOf = (d: number) => {
    if (core.docKind[d] === 0) return 0;
    let number = 1;
    for (let e = core.releaseFirstDoc[core.docRelease[d]!]!; e < d; e++) if (core.docKind[e] === 1 && core.docSection[e] === core.docSection[d]) number++;
    return number;
  };
  /** Document d's record (among `range`, records `first …`): its head and its text bytes. */
  const recordAt = (range: Buffer, first: number, d: number) => {
    const bytes = recordOf(core, 'doc', range, first, d, options.docFile);
    try {
      return splitDocRecord(bytes);
    } catch (error) {
      throw corrupt(options.docFile, `document record ${d} is not valid: ${(error as Error).message}`);
    }
  };
  /** The text of document d, its owner's when its record has none (a copy with the same text). */
  const textOf = (text: Buffer, d: number, range: Buffer, first: number, count: number): string => {
    const owner = core.docOwner[d]!;
    if (text.length > 0 || owner < 0) return text.toString('utf8');
    const inRange = owner >= first && owner < first + count;
    return recordAt(inRange ? range : options.docs.readRange(owner, 1), inRange ? first : owner, owner).text.toString('utf8');
  };
  /** The units of release r's documents (texts of copies filled in from their owners). */
  const unitsOfRelease = (r: number, slug: string): (Finding | Paragraph)[] => {
    const first = core.releaseFirstDoc[r]!;
    const count = core.releaseDocCount[r]!;
    if (count === 0) return [];
    const range = options.docs.readRange(first, count);
    const seen = new Map<number, number>();
    const out: (Finding | Paragraph)[] = [];
    for (let d = first; d < first + count; d++) {
      let number = 0;
      if (core.docKind[d] === 1) seen.set(core.docSection[d]!, (number = (seen.get(core.docSection[d]!) ?? 0) + 1));
      const { head, text } = recordAt(range, first, d);
      out.push(decodeDocRecord(head, contextOf(d, slug, number), textOf(text, d, range, first, count)));
    }
    return out;
  };
  const readDoc = (d: number): StoredDoc => {
    const release = releaseFields(core.docRelease[d]!);
    const range = options.docs.readRange(d, 1);
    const { head, text: bytes } = recordAt(range, d, d);
    const context = contextOf(d, release.slug, paragraphNumberOf(d));
    const text = textOf(bytes, d, range, d, 1);
    return storedDocOf(context, decodeDocRecord(head, context, text), text, release);
  };
  const getDoc = (d: number): StoredDoc => {
    let doc = docs.get(d);
    if (!doc) docs.set(d, (doc = readDoc(d)));
    return doc;
  };
  const releaseIndexOf = (slug: string): number => indexOf(slugList(), slug);
  return {
    data,
    meta,
    docCount: n,
    releaseCount: meta.releaseCount,
    columns,
    forward: data.forward,
    getDoc,
    readDoc,
    releaseMeta,
    get releases() {
      if (!all) {
        const range = options.releases.readRange(0, meta.releaseCount);
        const list: ReleaseMeta[] = [];
        for (let r = 0; r < meta.releaseCount; r++) list.push(metaOf(r, parseRecord<StoredRelease>(recordOf(core, 'release', range, 0, r, options.releaseFile), options.releaseFile, `release record ${r}`)));
        all = list;
      }
      return all;
    },
    releaseIndexOf,
    getRelease(slug) {
      const r = releaseIndexOf(slug);
      if (r < 0) return null;
      const stored = storedRelease(r);
      return restoreRelease(stored, unitsOfRelease(r, stored.slug));
    },
    storedSource: options.storedSource,
    close() {
      options.docs.close();
      options.releases.close();
      options.onClose?.();
    },
  };
}

/** Records held in memory (an index used where it was built). */
export function memoryRecordReader(records: readonly Buffer[]): RecordReader {
  return {
    readRange(first, count) {
      return count === 1 ? records[first]! : Buffer.concat(records.slice(first, first + count));
    },
    close() {},
  };
}
