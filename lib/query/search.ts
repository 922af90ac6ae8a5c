/**
 * The search entry point: params in, results out. Pure with respect to the prepared index;
 * the CLI, the API route and the pages all call this.
 */
import { highlight, snippet } from '../highlight/highlight';
import { terms } from '../text/tokenize';
import { aggregateFigures, releaseFigureRows } from './aggregate-figures';
import { compileQuery, highlightPlanOf, type CompiledQuery } from './compile-query';
import { collect } from './collect';
import { matchDocuments, type TextMatch } from './match-documents';
import { beyondResultWindow, lastReachablePage, type SearchParams } from './params';
import { parseQuery, type ParsedQuery } from './parse-query';
import type { FigureStats } from './figure-stats';
import { groupByForce } from './group-by';
import { listInOrder } from './list-in-order';
import { limitFacets } from './limit-facets';
import type { PreparedIndex } from './prepare-index';
import { resolveFilters } from './resolve-filters';
import { rankByRelevance } from './rank';
import { nearMissCandidates, rankNearMisses } from './near-misses';
import { RANKING, nearMissScore, nearMissWeights, sectionWeightOf } from './score';
import { filterSet, gallop } from './sorted-sets';
import type { Facets, Hit, ReleaseFigures, SearchResults } from './types';
import type { HighlightPlan } from '../highlight/highlight';

/** A parsed and compiled query, reusable for highlighting other texts (release pages). */
export interface PreparedQuery {
  parsed: ParsedQuery;
  compiled: CompiledQuery;
  plan: HighlightPlan;
}

/** Parse and compile `q` against the index vocabulary. Never throws. */
export function prepareQuery(index: PreparedIndex, q: string): PreparedQuery {
  const parsed = parseQuery(q);
  const compiled = compileQuery(parsed, index.lexicon, index.knownFieldWords);
  return { parsed, compiled, plan: highlightPlanOf(compiled, index.lexicon) };
}

function suggestionFor(q: string, corrections: Map<string, string>): string | undefined {
  if (corrections.size === 0) return undefined;
  const suggested = q
    .split(/(\s+)/)
    .map((part) => {
      const words = terms(part);
      const fixed = words.length === 1 ? corrections.get(words[0]!) : undefined;
      return fixed ?? part;
    })
    .join('');
  return suggested !== q ? suggested : undefined;
}

/** Build one hit object for document `d`; `withSegments` (default true) adds the whole text as segments beside the snippet. */
export function hitOf(index: PreparedIndex, d: number, score: number, plan: HighlightPlan, withSegments = true): Hit {
  const doc = index.getDoc(d);
  const segments = highlight(doc.text, plan);
  const hit: Hit = {
    id: doc.id,
    kind: doc.kind,
    releaseSlug: doc.releaseSlug,
    title: doc.title,
    force: doc.force,
    region: doc.region,
    inspection: doc.inspection,
    year: doc.year,
    page: doc.page,
    section: doc.section,
    inspector: doc.inspector,
    ordinal: doc.ordinal,
    topics: doc.topics,
    figures: doc.figures,
    boilerplate: doc.boilerplate,
    score: Math.round(score * 1000) / 1000,
    snippet: snippet(segments),
  };
  if (withSegments) hit.segments = segments;
  return hit;
}

/**
 * Listing order (no relevance): non-boilerplate first, then `order` — `index.byForce` (by force,
 * then document order) or `index.byDate` (releases newest first, then document order).
 */
function listedInOrder(index: PreparedIndex, order: Uint32Array, resultDocs: Uint32Array, wanted: number): [number, number][] {
  return listInOrder(order, index.docCount, resultDocs, wanted).map((d) => [d, 0]);
}

/**
 * How `params.sort` orders documents, declared once for the page and the export: listed
 * (`sort=date` or `sort=force`, and relevance when there is no text to score) by `order`, else by
 * relevance. `inSortOrder` gives the `wanted` first of `docs` as `[doc, score]`.
 */
function sortOf(index: PreparedIndex, params: SearchParams, matched: TextMatch) {
  const listed = params.sort !== 'relevance' || !matched.plan;
  const order = params.sort === 'date' ? index.byDate : index.byForce;
  const byRelevance = (docs: Uint32Array, wanted: number) => rankByRelevance(index, matched.plan!, matched.scratch, docs, wanted);
  const inSortOrder = (docs: Uint32Array, wanted: number) => (listed ? listedInOrder(index, order, docs, wanted) : byRelevance(docs, wanted));
  return { listed, order, byRelevance, inSortOrder };
}

/**
 * The text match, then one collecting pass (lib/query/collect.ts): the result documents
 * (ascending, a scratch view valid until the next search) and their total, facets, figure stats,
 * and `keep` for near misses.
 */
function matchAndFilter(index: PreparedIndex, params: SearchParams) {
  const query = prepareQuery(index, params.q);
  const { parsed, compiled } = query;
  const includeBoilerplate = params.includeBoilerplate;

  const { boilerplate } = index.core.columns;
  const accept = (d: number) => includeBoilerplate || !boilerplate[d];
  const matched = matchDocuments(index, compiled, accept, includeBoilerplate);
  const selections = resolveFilters(index, params, parsed.filters);
  // Figure comparisons are filters the collector applies, so its figure stats can leave each figure's own out.
  const collected = collect(index, matched.docs, { selections, figures: parsed.figures, includeBoilerplate });
  // The filters a full match obeys besides its text (boilerplate rule, figure comparisons, facets), for near misses.
  const keep = (docs: Uint32Array) => filterSet(docs, collected.passes);
  return { query, parsed, compiled, matched, total: collected.total, facets: collected.facets, resultDocs: collected.docs, figureStats: collected.figureStats, keep };
}

/** Options of {@link search} that are not URL params. */
export interface SearchOptions {
  /** List near misses after the full matches when there are few (default true; the feed and /compare turn it off). */
  nearMisses?: boolean;
}

/**
 * Run a search.
 * @param params validated params (see `SearchParamsSchema`; defaults: page 1, size 20, relevance, no boilerplate)
 */
export function search(index: PreparedIndex, params: SearchParams, options: SearchOptions = {}): SearchResults {
  const started = performance.now();
  const { query, parsed, compiled, matched, total, facets, resultDocs, figureStats, keep } = matchAndFilter(index, params);

  // Near misses: only for two or more positive clauses, few full matches, and ungrouped results.
  const plan = matched.plan;
  const nearMisses =
    (options.nearMisses ?? true) && plan && plan.clauses.length >= 2 && total < RANKING.nearMissesBelow && params.group !== 'force'
      ? nearMissCandidates(matched, keep, resultDocs)
      : new Uint32Array(0);
  const nearMissTotal = nearMisses.length;
  // A page past the result window gets no hits, and `pages` never points past it.
  const wanted = beyondResultWindow(params) ? 0 : params.page * params.size;
  const { listed, order, byRelevance, inSortOrder } = sortOf(index, params, matched);
  const listedScore = (d: number) => (matched.plan && params.sort !== 'relevance' ? matched.rescore(d) : 0);
  const withSegments = params.fields.includes('segments');
  const pagesOf = (count: number) => Math.max(1, Math.min(Math.ceil(count / params.size), lastReachablePage(params.size)));
  let pages = pagesOf(total + nearMissTotal);
  let hits: Hit[];
  let groupTotal: number | undefined;
  if (params.group === 'force') {
    // group=force (lib/query/group-by.ts): page and size count groups.
    const grouped = groupByForce(index, { docs: resultDocs, order: listed ? order : null, rank: byRelevance, listedScore, start: wanted - params.size, end: wanted });
    groupTotal = grouped.groupTotal;
    pages = pagesOf(groupTotal);
    hits = grouped.rows.map((g) => ({ ...hitOf(index, g.doc, g.score, query.plan, withSegments), groupCount: g.count, matchedAll: true }));
  } else {
    const ranked = inSortOrder(resultDocs, wanted);
    // Near misses fill the page after the last full match, in the same sort (relevance: near-miss score).
    const nearWanted = nearMissTotal > 0 ? wanted - ranked.length : 0;
    const near = nearWanted <= 0 ? [] : listed ? listedInOrder(index, order, nearMisses, nearWanted) : rankNearMisses(index, plan!, matched.clauseDocs(), nearMisses, nearWanted);
    const nearWeights = plan && listed && near.length > 0 ? nearMissWeights(plan) : null;
    // Listed hits are scored only once on the page.
    const scoreOf = (d: number, score: number, matchedAll: boolean) => {
      if (!listed || !plan) return score;
      if (matchedAll) return matched.rescore(d);
      return nearMissScore(nearWeights!, matched.clauseDocs().map((list) => (list[gallop(list, d, 0)] === d ? 1 : 0)), sectionWeightOf(index, d));
    };
    const rows: [number, number, boolean][] = [...ranked.map(([d, score]): [number, number, boolean] => [d, score, true]), ...near.map(([d, score]): [number, number, boolean] => [d, score, false])];
    hits = rows.slice((params.page - 1) * params.size).map(([d, score, matchedAll]) => ({ ...hitOf(index, d, scoreOf(d, score, matchedAll), query.plan, withSegments), matchedAll }));
  }

  const out: SearchResults = {
    total,
    nearMissTotal,
    ...(groupTotal === undefined ? {} : { groupTotal }),
    page: params.page,
    pages,
    took_ms: 0,
    hits,
    ...limitFacets(facets, params.facetLimit),
    // Opt-in (fields=figures): the per-force figure rows cost a pass over the results and bytes.
    ...(params.fields.includes('figures') ? { figures: aggregateFigures(index, resultDocs) } : {}),
    figureStats,
  };
  // A suggestion that still contains a word matching nothing would lead nowhere.
  const suggestion = compiled.unmatched.length === 0 ? suggestionFor(params.q, compiled.corrections) : undefined;
  if (suggestion) out.suggestion = suggestion;
  if (parsed.error) out.queryError = parsed.error;
  out.took_ms = Math.round((performance.now() - started) * 100) / 100;
  return out;
}

/**
 * Every result document of `params`, in the search's sort order (all of them: no page, no
 * grouping), for the export (lib/engine/export.ts). Relevance ranks the whole set exactly.
 */
export function rankedResultDocs(index: PreparedIndex, params: SearchParams): Uint32Array {
  const { matched, total, resultDocs } = matchAndFilter(index, params);
  return Uint32Array.from(sortOf(index, params, matched).inSortOrder(resultDocs, total), ([d]) => d);
}

/**
 * The figures table (/figures): one row per release (force × inspection × year) among the
 * documents matching `params` that states figures, plus the facet counts of that selection.
 */
export function figureTable(index: PreparedIndex, params: SearchParams): { rows: ReleaseFigures[]; facets: Facets; figureStats: FigureStats } {
  const { facets, resultDocs, figureStats } = matchAndFilter(index, params);
  return { rows: releaseFigureRows(index, resultDocs), facets, figureStats };
}
