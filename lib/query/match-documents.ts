/**
 * Text matching from posting iterators (lib/query/match/): the positive clauses leapfrog as one
 * conjunction from the rarest list, alternatives and expansions are disjunctions, negative clauses
 * an exclusion, phrases are verified against positions on their candidates only. The stream is
 * drained once, through `accept`, into the index's reusable buffer. Matching scores nothing:
 * ranking (`rank.ts`) scores only the hits that can reach the page.
 */
import type { CompiledQuery } from './compile-query';
import { evaluate, scratchFor, type Scratch } from './exact-score';
import type { PreparedIndex } from './prepare-index';
import { planOf, type Plan } from './query-plan';
import { type DocIterator, drainToArray, NO_MORE_DOCS } from './match/doc-iterator';
import { ExclusionIterator } from './match/exclusion-iterator';
import { allClausesIterator, anyClauseIterator, clauseIterator, type MatchSource } from './match/plan-iterators';
import { RangeIterator } from './match/range-iterator';

export interface TextMatch {
  /**
   * Matching documents, ascending: a view of the index's match buffer, valid until the next
   * `matchDocuments` on that index (hold it within one search; copy what leaves lib/query).
   */
  docs: Uint32Array;
  /** The positive clauses as executed (what relevance ranks by); null when the query has no positive words. */
  plan: Plan | null;
  scratch: Scratch;
  /** Exact relevance score of one matching document (0 without positive words). */
  rescore(d: number): number;
  /** Fresh iterators of the positive clauses, in order (before `accept`). */
  clauseIterators(): DocIterator[];
  /** A fresh iterator of the documents a negative clause matches; null without one. */
  excludedIterator(): DocIterator | null;
  /** Per positive clause, the documents it matches (ascending, before `accept`): what near misses rank from. Computed on first call. */
  clauseDocs(): Uint32Array[];
}

/** Computes `compute()` on the first call only. */
function once<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

/**
 * Documents matching every positive clause and no negative clause that pass `accept`.
 * @param includeBoilerplate when false, copies of shared boilerplate never match by their text.
 */
export function matchDocuments(index: PreparedIndex, query: CompiledQuery, accept: (d: number) => boolean, includeBoilerplate: boolean): TextMatch {
  // The previous search's iterators are done with: their bitsets are free again.
  index.scratchBitsets.reclaim();
  const positive: MatchSource = { index, plan: planOf(index, query.positive), withCopies: includeBoilerplate };
  const negative: MatchSource = { index, plan: planOf(index, query.negative, false), withCopies: includeBoilerplate };
  const hasPositive = positive.plan.clauses.length > 0;
  const excludedIterator = () => (negative.plan.clauses.length > 0 ? anyClauseIterator(negative) : null);
  let matches: DocIterator = hasPositive ? allClausesIterator(positive) : new RangeIterator(index.docCount);
  const excluded = excludedIterator();
  if (excluded) matches = new ExclusionIterator(matches, excluded);
  const buffer = index.scratchMatches;
  buffer.length = 0;
  for (let d = matches.next(); d !== NO_MORE_DOCS; d = matches.next()) if (accept(d)) buffer.push(d);
  const clauseIterators = () => positive.plan.clauses.map((_, c) => clauseIterator(positive, c));
  const scratch = scratchFor(positive.plan);
  return {
    docs: buffer.array.subarray(0, buffer.length),
    plan: hasPositive ? positive.plan : null,
    scratch,
    rescore: (d) => evaluate(index, positive.plan, d, scratch, true).score,
    clauseIterators,
    excludedIterator,
    clauseDocs: once(() => clauseIterators().map(drainToArray)),
  };
}
