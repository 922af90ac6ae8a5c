/**
 * What the query side needs from an index, whether it was just built in memory or loaded from
 * disk: the text structures, per-document columns as typed arrays, release metadata, and
 * look-ups of whole documents and releases (lazy when loaded, so a million documents do not
 * have to live on the heap as objects).
 */
import type { FigureKey, Figures, Release, ReleaseKind, SourceRef } from '../schema';
import type { StoredDoc } from './documents';
import type { FacetPostings } from './facet-postings';
import type { FlexIndex } from './flex-index';
import type { ForwardIndex } from './forward-index';
import type { ThesaurusEntries } from './thesaurus-format';

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

/** Per-document columns. Index = document index. */
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
   * every release: only the first copy is in FlexSearch and the forward index; the copies point to it.
   */
  owner: Int32Array;
  /** Figure values, -1 where the document does not state the figure. */
  figures: Record<FigureKey, Int32Array>;
}

export interface IndexCore {
  docCount: number;
  forward: ForwardIndex;
  flex: FlexIndex;
  facets: FacetPostings;
  columns: DocColumns;
  releases: ReleaseMeta[];
  /** WordNet relations of words the index lacks (computed at build, lib/index/build-thesaurus.ts). */
  thesaurus: ThesaurusEntries;
  /** The whole document (text, figures with provenance…). */
  getDoc(d: number): StoredDoc;
  getRelease(slug: string): Release | null;
  /** Path of the stored copy of the source file with this sha256, or null (an index built in memory stores none). */
  storedSource(sha256: string): string | null;
  /** Release files handles; the index is unusable afterwards. */
  close(): void;
}
