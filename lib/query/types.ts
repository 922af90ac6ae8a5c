/** Result shapes returned by the search core (CLI, API and UI all see exactly these). */
import type { FigureKey, Figures } from '../schema';
import type { StoredDoc } from '../index/documents';
import type { FacetName } from '../facets';
import type { FigureStats } from './figure-stats';
import type { Segment } from '../highlight/highlight';

export type { MatchHow } from '../match-how';
export type { Segment };

/** A result: the stored document's fields (its text as segments instead) plus score and highlights. */
export interface Hit extends Omit<StoredDoc, 'text' | 'line'> {
  score: number;
  /** A window of the text around the densest matches (long paragraphs), with "…" at cut ends; the whole text when short. */
  snippet: Segment[];
  /** The whole hit text as segments: only when asked for (`fields=segments`; finding look-ups always have it). */
  segments?: Segment[];
  /** With `group=force`: the number of hits of this hit's force (this one included). */
  groupCount?: number;
  /**
   * On search hits: true for a full match (every positive clause), false for a near miss (some of
   * them; listed after every full match, see lib/query/near-misses.ts).
   */
  matchedAll?: boolean;
}

/** A hit with its whole text as segments (finding look-ups, similar findings, `fields=segments`). */
export type HitWithSegments = Hit & { segments: Segment[] };

/** What the CLI and the UI show above the first near miss. */
export const NEAR_MISS_DIVIDER = 'Matching some of your words';

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export type { FacetName };
export type Facets = Record<FacetName, FacetValue[]>;

/**
 * The figures of ONE release (each with provenance: the finding that states it) among the
 * documents of a query: every value comes from the release `releaseSlug` names.
 */
export interface ReleaseFigures {
  force: string;
  region: string | null;
  releaseSlug: string;
  inspection: string | null;
  year: number | null;
  date: string | null;
  figures: Figures;
}

/** Per force: the figures of the newest matching release that states any (see aggregate-figures). */
export type ForceFigures = ReleaseFigures;

export interface QueryError {
  code: 'E_QUERY';
  message: string;
  /** 0-based offset in `q` where the problem is. */
  position: number;
}

export interface SearchResults {
  /** Matching documents (also with `group=force`): full matches only, as are facets, figures and figureStats. */
  total: number;
  /**
   * Near misses (documents matching some but not all positive clauses, listed after the full
   * matches): counted when `total` is below `RANKING.nearMissesBelow` and the query has two or more
   * positive clauses, else 0. `pages` counts full matches and near misses together.
   */
  nearMissTotal: number;
  /** With `group=force`: the number of groups (forces with hits); `page`/`pages` count groups. */
  groupTotal?: number;
  page: number;
  pages: number;
  took_ms: number;
  hits: Hit[];
  /** Per facet, its values in display order: at most `facetLimit` plus the selected ones (lib/query/limit-facets.ts). */
  facets: Facets;
  /** Per facet, how many values `facetLimit` left out (0 when none; ask `facetLimit=0` for all). */
  facetValuesOmitted: Record<FacetName, number>;
  /** Only with `fields=figures`: one row per force, from its newest matching release that states figures. */
  figures?: ForceFigures[];
  /** Per figure (and the derived approvalRate), over the releases with a matching document (lib/query/figure-stats.ts). */
  figureStats: FigureStats;
  suggestion?: string;
  /** Present when the query had a syntax problem and was degraded to plain words. */
  queryError?: QueryError;
}

export type { FigureKey };
