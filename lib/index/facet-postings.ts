/**
 * Facet postings: for each persisted facet of the registry (lib/facets.ts: document facets and
 * release facets marked `persisted`), value → sorted document indexes. Persisted as is; the query
 * side turns them into per-document typed arrays for counting. Release facets that are not
 * persisted (inspection, year) are derived from the release column at query time instead.
 */
import { PERSISTED_FACETS as PERSISTED, type PersistedFacetName } from '../facets';
import type { StoredDoc } from './documents';

export const FACET_NAMES: readonly PersistedFacetName[] = PERSISTED.map((f) => f.name);
export type FacetName = PersistedFacetName;

export type FacetPostings = Record<FacetName, Record<string, number[]>>;

function valuesOf(doc: StoredDoc, field: (typeof PERSISTED)[number]['column']['field']): string[] {
  const value = doc[field];
  if (Array.isArray(value)) return value;
  return value === null || value === undefined ? [] : [String(value)];
}

/** Postings for every persisted facet; document indexes ascend because documents are visited in order. */
export function buildFacetPostings(docs: readonly StoredDoc[]): FacetPostings {
  const postings = Object.fromEntries(FACET_NAMES.map((f) => [f, {} as Record<string, number[]>])) as FacetPostings;
  docs.forEach((doc, i) => {
    for (const facet of PERSISTED) {
      for (const value of valuesOf(doc, facet.column.field)) (postings[facet.name][value] ??= []).push(i);
    }
  });
  return postings;
}
