/** Result shapes returned by the search core (CLI, API and UI all see exactly these). */
import type { FigureKey, Figures } from '../schema';
import type { StoredDoc } from '../index/documents';

/** A run of text; `match` marks words that matched the query. Segments concatenate to the source text. */
export interface Segment {
  text: string;
  match: boolean;
}

/** A result: the stored document's fields (its text as segments instead) plus score and highlights. */
export interface Hit extends Omit<StoredDoc, 'text' | 'line'> {
  score: number;
  /** The whole hit text as segments. */
  segments: Segment[];
  /** A window of the text around the densest matches (long paragraphs), with "…" at cut ends. */
  snippet: Segment[];
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export type FacetName = 'force' | 'region' | 'topic' | 'section' | 'kind';
export type Facets = Record<FacetName, FacetValue[]>;

/** Per force: the five figures (each with provenance) for the current query and filters. */
export interface ForceFigures {
  force: string;
  region: string | null;
  releaseSlug: string;
  figures: Figures;
}

export interface QueryError {
  code: 'E_QUERY';
  message: string;
  /** 0-based offset in `q` where the problem is. */
  position: number;
}

export interface SearchResults {
  total: number;
  page: number;
  pages: number;
  took_ms: number;
  hits: Hit[];
  facets: Facets;
  figures: ForceFigures[];
  suggestion?: string;
  /** Present when the query had a syntax problem and was degraded to plain words. */
  queryError?: QueryError;
}

export type { FigureKey };
