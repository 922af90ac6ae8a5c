/**
 * `facetLimit`: keep the first N values of each facet (in the facet's display order, see
 * lib/facets.ts) plus every selected value past them, and count what was left out, so a client
 * can say "Show 35 more" and ask for all (`facetLimit=0`) only when it needs them.
 */
import { FACET_NAMES, type FacetName } from '../facets';
import type { Facets } from './types';

export interface LimitedFacets {
  facets: Facets;
  /** Per facet, the number of values left out (0 when none). */
  facetValuesOmitted: Record<FacetName, number>;
}

/** Trim every facet to `limit` values (0 = no limit); selected values always stay. */
export function limitFacets(facets: Facets, limit: number): LimitedFacets {
  const out = {} as Facets;
  const omitted = {} as Record<FacetName, number>;
  for (const name of FACET_NAMES) {
    const values = facets[name];
    if (limit === 0 || values.length <= limit) {
      out[name] = values;
      omitted[name] = 0;
      continue;
    }
    const kept = values.filter((v, i) => i < limit || v.selected);
    out[name] = kept;
    omitted[name] = values.length - kept.length;
  }
  return { facets: out, facetValuesOmitted: omitted };
}
