/**
 * The search entry point: params in, results out. Pure with respect to the prepared index;
 * the CLI, the API route and the pages all call this.
 */
import { highlight, snippet } from '../highlight/highlight';
import { terms } from '../text/tokenize';
import { aggregateFigures } from './aggregate-figures';
import { compileQuery, highlightPlanOf, type CompiledQuery } from './compile-query';
import { countFacets } from './count-facets';
import { matchDocuments } from './match-documents';
import type { SearchParams } from './params';
import { compare, parseQuery, type ParsedQuery } from './parse-query';
import type { PreparedIndex } from './prepare-index';
import { resolveFilters } from './resolve-filters';
import { topK } from './top-k';
import type { Hit, SearchResults } from './types';
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

/** Build one hit object for document `d`. */
export function hitOf(index: PreparedIndex, d: number, score: number, plan: HighlightPlan): Hit {
  const doc = index.core.getDoc(d);
  const segments = highlight(doc.text, plan);
  return {
    id: doc.id,
    kind: doc.kind,
    releaseSlug: doc.releaseSlug,
    title: doc.title,
    force: doc.force,
    region: doc.region,
    section: doc.section,
    ordinal: doc.ordinal,
    topics: doc.topics,
    figures: doc.figures,
    boilerplate: doc.boilerplate,
    score: Math.round(score * 1000) / 1000,
    segments,
    snippet: snippet(segments),
  };
}

/**
 * Run a search.
 * @param params validated params (see `SearchParamsSchema`; defaults: page 1, size 20, relevance, no boilerplate)
 */
export function search(index: PreparedIndex, params: SearchParams): SearchResults {
  const started = performance.now();
  const query = prepareQuery(index, params.q);
  const { parsed, compiled } = query;
  const figureFilters = parsed.figures;
  const includeBoilerplate = params.includeBoilerplate;

  const { boilerplate, figures } = index.core.columns;
  const accept = (d: number) => {
    if (!includeBoilerplate && boilerplate[d]) return false;
    for (const f of figureFilters) {
      const v = figures[f.key][d]!;
      if (v < 0 || !compare(v, f.op, f.value)) return false;
    }
    return true;
  };
  const matched = matchDocuments(index, compiled, accept, includeBoilerplate);
  const selections = resolveFilters(index, params, parsed.filters);
  const { results, facets } = countFacets(index, matched.docs, selections);

  const scores = matched.scores;
  const forceOf = index.force.of;
  const forceRank = (d: number) => (forceOf[d]! < 0 ? 1 << 30 : forceOf[d]!);
  const byForce = (a: number, b: number) => forceRank(a) < forceRank(b) || (forceRank(a) === forceRank(b) && a < b);
  const before =
    params.sort === 'force' || !scores
      ? (a: number, b: number) => (boilerplate[a] !== boilerplate[b] ? boilerplate[a]! < boilerplate[b]! : byForce(a, b))
      : (a: number, b: number) =>
          boilerplate[a] !== boilerplate[b]
            ? boilerplate[a]! < boilerplate[b]!
            : scores[a] !== scores[b]
              ? scores[a]! > scores[b]!
              : byForce(a, b);

  const total = results.length;
  const pages = Math.max(1, Math.ceil(total / params.size));
  const top = topK(results, params.page * params.size, before);
  const pageDocs = top.slice((params.page - 1) * params.size);
  const hits = pageDocs.map((d) => hitOf(index, d, scores ? scores[d]! : 0, query.plan));

  const out: SearchResults = {
    total,
    page: params.page,
    pages,
    took_ms: 0,
    hits,
    facets,
    figures: aggregateFigures(index, results),
  };
  const suggestion = suggestionFor(params.q, compiled.corrections);
  if (suggestion) out.suggestion = suggestion;
  if (parsed.error) out.queryError = parsed.error;
  out.took_ms = Math.round((performance.now() - started) * 100) / 100;
  return out;
}
