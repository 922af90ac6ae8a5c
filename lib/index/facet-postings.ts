/**
 * Facet postings: for each facet, value → sorted document indexes. Persisted as is; the query
 * side turns them into per-document typed arrays for counting.
 */
import type { StoredDoc } from './documents';

export const FACET_NAMES = ['force', 'region', 'topic', 'section', 'kind'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export type FacetPostings = Record<FacetName, Record<string, number[]>>;

function valuesOf(doc: StoredDoc, facet: FacetName): string[] {
  switch (facet) {
    case 'force':
      return doc.force ? [doc.force] : [];
    case 'region':
      return doc.region ? [doc.region] : [];
    case 'topic':
      return doc.topics;
    case 'section':
      return [doc.section];
    case 'kind':
      return [doc.kind];
  }
}

/** Postings for every facet; document indexes ascend because documents are visited in order. */
export function buildFacetPostings(docs: readonly StoredDoc[]): FacetPostings {
  const postings = Object.fromEntries(FACET_NAMES.map((f) => [f, {} as Record<string, number[]>])) as FacetPostings;
  docs.forEach((doc, i) => {
    for (const facet of FACET_NAMES) {
      for (const value of valuesOf(doc, facet)) (postings[facet][value] ??= []).push(i);
    }
  });
  return postings;
}
