/**
 * The engine facade used by routes and CLIs: search, as-you-type suggestions, look-ups by id and
 * slug, similar findings, highlighting arbitrary text for a query. The UI only talks to this (never
 * to FlexSearch, which only holds the suggestions: lib/query/suggest.ts).
 */
import { SECTION_KINDS, type Release, type SourceRef } from '../schema';
import type { IndexCore, ReleaseMeta } from '../index/index-core';
import type { Manifest } from '../index/manifest';
import { parseDocId } from '../finding-id';
import { highlight, type HighlightPlan } from '../highlight/highlight';
import { prepareIndex, type PreparedIndex } from '../query/prepare-index';
import { lazySuggester, type Suggester, type Suggestion } from '../query/suggest';
import { figureTable, hitOf, prepareQuery, rankedResultDocs, search, type SearchOptions } from '../query/search';
import type { StoredDoc } from '../index/documents';
import type { SearchParams } from '../query/params';
import type { FigureStats } from '../query/figure-stats';
import type { Facets, HitWithSegments, ReleaseFigures, SearchResults, Segment } from '../query/types';
import { compareByForce, listReleasePage, summaryOf, type ReleaseList, type ReleaseListQuery, type ReleaseSummary } from './release-list';
import { similarFindings } from './similar-findings';

export type { ReleaseList, ReleaseListQuery, ReleaseSummary };

export interface FindingContext {
  finding: HitWithSegments;
  /** What the finding page, citations and feeds show of the release (`source` for "Source: essex.pdf, page 2"). */
  release: Pick<ReleaseMeta, 'slug' | 'title' | 'force' | 'region' | 'year' | 'date' | 'inspection' | 'source'>;
  previous: HitWithSegments | null;
  next: HitWithSegments | null;
}

export interface Engine {
  manifest: Manifest | null;
  /** `options.nearMisses` (default true): list near misses after few full matches (lib/query/near-misses.ts). */
  search(params: SearchParams, options?: SearchOptions): SearchResults;
  /** Up to `limit` (default and most: 8) completions of a partial query, most findings first (lib/query/suggest.ts). */
  suggest(partial: string, limit?: number): Suggestion[];
  /** A document (finding or paragraph) with its neighbours, or null. */
  getFinding(id: string): FindingContext | null;
  similar(id: string, limit?: number): HitWithSegments[];
  getRelease(slug: string): Release | null;
  /** The stored copy of a release's source file, or null (unknown slug, or an index that stores none). */
  getSource(slug: string): StoredSource | null;
  /** Every release, by force (newest first within a force). */
  listReleases(): ReleaseSummary[];
  /** One page of releases filtered by the release facets, with facet counts (/releases). */
  releasePage(query: ReleaseListQuery): ReleaseList;
  /** One figures row per matching release (force × inspection × year), with facet counts (/figures). */
  figureTable(params: SearchParams): { rows: ReleaseFigures[]; facets: Facets; figureStats: FigureStats };
  /** Every result of `params` in its sort order (no page, no grouping), read in batches (the export). */
  exportCursor(params: SearchParams): ExportCursor;
  /** Segments of `text` with the words matching `q` marked. */
  highlightText(text: string, q: string): Segment[];
  /**
   * Keep the index's files open until the returned function is called: for work that reads
   * documents after the request's first turn of the event loop (a streamed export), so a reload
   * that retires this engine meanwhile cannot close them under it.
   */
  hold(): () => void;
  /** Release the index's open files: now, or when the last hold is released. Idempotent. */
  close(): void;
}

/**
 * The documents of a whole result set, in order: `next(n)` gives up to `n` more ([] at the end).
 * The cursor holds its engine open (see {@link Engine.hold}) until it reaches the end or `close()`.
 */
export interface ExportCursor {
  total: number;
  next(max: number): StoredDoc[];
  /** Stop early (the client went away): releases the cursor's hold on the engine. Idempotent. */
  close(): void;
}

/** A release's original file as stored in the index. */
export interface StoredSource {
  /** Absolute path of the stored copy. */
  file: string;
  /** The file's name as it was in the source folder (for Content-Disposition). */
  name: string;
  source: SourceRef;
}

const NO_HIGHLIGHT: HighlightPlan = { words: new Map(), phrases: [] };

/**
 * Document index of `id` without a map of every id: ids encode the release slug and the finding
 * ordinal (or section and paragraph number), and a release's documents are contiguous.
 */
function docIndexOf(core: IndexCore, id: string): number | null {
  const { columns } = core;
  const parts = parseDocId(id);
  const r = parts ? core.releaseIndexOf(parts.slug) : -1;
  if (!parts || r < 0) return null;
  const firstDoc = core.data.core.releaseFirstDoc[r]!;
  const docCount = core.data.core.releaseDocCount[r]!;
  const section = parts.section === null ? -1 : SECTION_KINDS.indexOf(parts.section);
  let seen = 0;
  for (let d = firstDoc; d < firstDoc + docCount; d++) {
    const hit = parts.section !== null
      ? columns.kind[d] === 1 && columns.section[d] === section && ++seen === parts.number
      : columns.kind[d] === 0 && columns.ordinal[d] === parts.number;
    if (hit) return core.getDoc(d).id === id ? d : null;
  }
  return null;
}

/**
 * Wrap an index (loaded or just built). Derived structures are built here, unless the caller
 * prepared them already (a server does, the suggester in slices: lib/engine/get-engine.ts).
 */
export function createEngine(core: IndexCore & { manifest?: Manifest }, index: PreparedIndex = prepareIndex(core), suggester: Suggester = lazySuggester(core.data.suggest)): Engine {
  let holds = 0;
  let closeRequested = false;
  let closed = false;
  const closeNowIfDue = () => {
    if (closeRequested && holds === 0 && !closed) {
      closed = true;
      core.close();
    }
  };
  const hold = () => {
    holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holds--;
      closeNowIfDue();
    };
  };
  const plain = (d: number) => hitOf(index, d, 0, NO_HIGHLIGHT, true) as HitWithSegments;

  return {
    manifest: core.manifest ?? null,
    search: (params, options) => search(index, params, options),
    suggest: (partial, limit) => suggester.suggest(partial, limit),
    getFinding(id) {
      const d = docIndexOf(core, id);
      if (d === null) return null;
      const { columns } = core;
      const release = core.releaseMeta(columns.release[d]!);
      const sibling = (delta: number) => {
        const s = d + delta;
        return s >= 0 && s < core.docCount && columns.release[s] === columns.release[d] && columns.kind[s] === columns.kind[d] ? plain(s) : null;
      };
      return {
        finding: plain(d),
        release: {
          slug: release.slug,
          title: release.title,
          force: release.force,
          region: release.region,
          year: release.year,
          date: release.date,
          inspection: release.inspection,
          source: release.source,
        },
        previous: sibling(-1),
        next: sibling(1),
      };
    },
    similar(id, limit = 5) {
      const d = docIndexOf(core, id);
      return d === null ? [] : similarFindings(index, d, limit).map(plain);
    },
    getRelease: (slug) => core.getRelease(slug),
    getSource(slug) {
      const r = core.releaseIndexOf(slug);
      if (r < 0) return null;
      const { source } = core.releaseMeta(r);
      const file = core.storedSource(source.sha256);
      return file ? { file, name: source.path.split('/').pop()!, source } : null;
    },
    listReleases: () => core.releases.map(summaryOf).sort(compareByForce),
    releasePage: (query) => listReleasePage(core.releases, query),
    figureTable: (params) => figureTable(index, params),
    exportCursor(params) {
      const docs = rankedResultDocs(index, params);
      const release = hold();
      let at = 0;
      return {
        total: docs.length,
        // Straight from the index (not through the LRU of recent hits, which a whole export would flush).
        next(max) {
          const out: StoredDoc[] = [];
          try {
            for (; at < docs.length && out.length < max; at++) out.push(core.readDoc(docs[at]!));
          } catch (error) {
            release();
            throw error;
          }
          if (out.length === 0) release();
          return out;
        },
        close: release,
      };
    },
    highlightText: (text, q) => (q.trim() ? highlight(text, prepareQuery(index, q).plan) : [{ text, match: false }]),
    hold,
    close() {
      closeRequested = true;
      closeNowIfDue();
    },
  };
}
