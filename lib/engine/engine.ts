/**
 * The engine facade used by routes and CLIs: search, look-ups by id and slug, similar findings,
 * highlighting arbitrary text for a query. The UI only talks to this (never to FlexSearch).
 */
import type { Release } from '../schema';
import type { LoadedIndex } from '../index/load-index';
import type { Manifest } from '../index/manifest';
import { highlight } from '../highlight/highlight';
import { prepareIndex, type PreparedIndex } from '../query/prepare-index';
import { hitOf, prepareQuery, search } from '../query/search';
import type { SearchParams } from '../query/params';
import type { Hit, SearchResults, Segment } from '../query/types';
import { similarFindings } from './similar-findings';

export interface FindingContext {
  finding: Hit;
  release: { slug: string; title: string; force: string | null; region: string | null; year: number | null };
  previous: Hit | null;
  next: Hit | null;
}

export interface ReleaseSummary {
  slug: string;
  title: string;
  force: string | null;
  region: string | null;
  year: number | null;
  kind: Release['kind'];
  findingCount: number;
  figures: Release['figures'];
}

export interface Engine {
  manifest: Manifest;
  search(params: SearchParams): SearchResults;
  /** A document (finding or paragraph) with its neighbours, or null. */
  getFinding(id: string): FindingContext | null;
  similar(id: string, limit?: number): Hit[];
  getRelease(slug: string): Release | null;
  listReleases(): ReleaseSummary[];
  /** Segments of `text` with the words matching `q` marked. */
  highlightText(text: string, q: string): Segment[];
}

const NO_HIGHLIGHT = { words: new Set<string>(), phrases: [] };

/** Wrap a loaded index. Derived structures are built once here. */
export function createEngine(loaded: LoadedIndex): Engine {
  const index: PreparedIndex = prepareIndex(loaded);
  const byId = new Map(loaded.docs.map((doc, i) => [doc.id, i] as const));
  const bySlug = new Map(loaded.releases.map((r) => [r.slug, r] as const));
  const plain = (d: number) => hitOf(index, d, 0, NO_HIGHLIGHT);

  return {
    manifest: loaded.manifest,
    search: (params) => search(index, params),
    getFinding(id) {
      const d = byId.get(id);
      if (d === undefined) return null;
      const doc = loaded.docs[d]!;
      const release = bySlug.get(doc.releaseSlug)!;
      const sibling = (delta: number) => {
        const s = d + delta;
        const other = loaded.docs[s];
        return other && other.releaseSlug === doc.releaseSlug && other.kind === doc.kind ? plain(s) : null;
      };
      return {
        finding: plain(d),
        release: { slug: release.slug, title: release.title, force: release.force, region: release.region, year: release.year },
        previous: sibling(-1),
        next: sibling(1),
      };
    },
    similar(id, limit = 5) {
      const d = byId.get(id);
      return d === undefined ? [] : similarFindings(index, d, limit).map(plain);
    },
    getRelease: (slug) => bySlug.get(slug) ?? null,
    listReleases: () =>
      loaded.releases
        .map((r) => ({ slug: r.slug, title: r.title, force: r.force, region: r.region, year: r.year, kind: r.kind, findingCount: r.findings.length, figures: r.figures }))
        .sort((a, b) => (a.force ?? '~').localeCompare(b.force ?? '~') || (b.year ?? 0) - (a.year ?? 0) || a.slug.localeCompare(b.slug)),
    highlightText: (text, q) => (q.trim() ? highlight(text, prepareQuery(index, q).plan) : [{ text, match: false }]),
  };
}
