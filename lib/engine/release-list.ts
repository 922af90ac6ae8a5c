/**
 * The /releases listing: releases filtered by the release facets of the registry (force, region,
 * inspection, year; values ORed within a facet, facets ANDed), with disjunctive counts per facet
 * (a facet's counts apply every other facet's selection but not its own; selected values listed
 * at count 0), sorted newest first (lib/index/newest.ts) or by force, one page at a time.
 */
import { RELEASE_FACETS, compareFacetValues, facetValueLabel, type ReleaseFacetName } from '../facets';
import type { ReleaseMeta } from '../index/index-core';
import { compareNewest } from '../index/newest';
import type { FacetValue } from '../query/types';

export const RELEASE_SORTS = ['date', 'force'] as const;
export type ReleaseSort = (typeof RELEASE_SORTS)[number];
export const RELEASES_PAGE_SIZE = 50;

export interface ReleaseListQuery {
  filters: Partial<Record<ReleaseFacetName, readonly string[]>>;
  sort: ReleaseSort;
  /** 1-based. */
  page: number;
  size: number;
}

/** What a release listing shows of a release. */
export type ReleaseSummary = Pick<ReleaseMeta, 'slug' | 'title' | 'force' | 'region' | 'year' | 'date' | 'inspection' | 'kind' | 'findingCount' | 'figures'>;

export interface ReleaseList {
  total: number;
  page: number;
  pages: number;
  rows: ReleaseSummary[];
  facets: Record<ReleaseFacetName, FacetValue[]>;
}

export function summaryOf(r: ReleaseMeta): ReleaseSummary {
  return { slug: r.slug, title: r.title, force: r.force, region: r.region, year: r.year, date: r.date, inspection: r.inspection, kind: r.kind, findingCount: r.findingCount, figures: r.figures };
}

/** By force (releases without one last), newest first within a force. */
export function compareByForce(a: ReleaseSummary, b: ReleaseSummary): number {
  return (a.force ?? '~').localeCompare(b.force ?? '~') || compareNewest(a, b);
}

const valueOf = (r: ReleaseMeta, facet: ReleaseFacetName): string | null => {
  const field = RELEASE_FACETS.find((f) => f.name === facet)!.column.field;
  const v = r[field];
  return v === null || v === undefined ? null : String(v);
};

/** One page of releases for `query`, with facet counts. */
export function listReleasePage(releases: readonly ReleaseMeta[], query: ReleaseListQuery): ReleaseList {
  const names = RELEASE_FACETS.map((f) => f.name);
  const selected = names.map((n) => new Set(query.filters[n] ?? []));
  const counts = names.map(() => new Map<string, number>());
  const kept: ReleaseMeta[] = [];
  for (const r of releases) {
    const values = names.map((n) => valueOf(r, n));
    let fails = 0;
    let failed = -1;
    values.forEach((v, j) => {
      if (selected[j]!.size > 0 && (v === null || !selected[j]!.has(v))) {
        fails++;
        failed = j;
      }
    });
    if (fails === 0) kept.push(r);
    if (fails > 1) continue;
    values.forEach((v, j) => {
      if (v !== null && (fails === 0 || failed === j)) counts[j]!.set(v, (counts[j]!.get(v) ?? 0) + 1);
    });
  }
  const facets = {} as Record<ReleaseFacetName, FacetValue[]>;
  names.forEach((name, j) => {
    for (const v of selected[j]!) if (!counts[j]!.has(v)) counts[j]!.set(v, 0);
    facets[name] = [...counts[j]!]
      .map(([value, count]) => ({ value, label: facetValueLabel(name, value), count, selected: selected[j]!.has(value) }))
      .sort((a, b) => compareFacetValues(name, a, b));
  });
  const rows = kept.map(summaryOf).sort(query.sort === 'force' ? compareByForce : compareNewest);
  const size = Math.max(1, query.size);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.max(1, query.page);
  return { total: rows.length, page, pages, rows: rows.slice((page - 1) * size, page * size), facets };
}
