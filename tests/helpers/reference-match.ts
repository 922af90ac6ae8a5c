/**
 * The set-algebra matcher as it was before matching ran on posting iterators, frozen as the
 * reference the iterators are tested against (tests/query/match-properties.test.ts): per atom, per
 * field and per alternative a materialised union, intersections smallest first, phrases verified on
 * the intersection, negative clauses subtracted, boilerplate copies expanded per term. Deliberately
 * simple: correctness over speed.
 */
import type { CompiledQuery } from '../../lib/query/compile-query';
import { phraseOccurs } from '../../lib/query/exact-score';
import type { PreparedIndex } from '../../lib/query/prepare-index';
import { planOf, type Plan } from '../../lib/query/query-plan';

const EMPTY = new Uint32Array(0);

/** a ∩ b (a merge). */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return Uint32Array.from(out);
}

/** Intersection of all lists (none: the empty set). */
export function intersectAll(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 0) return EMPTY;
  return lists.reduce(intersect);
}

/** Union of sorted lists over [0, n) (through a bitmap). */
export function unionAll(lists: readonly Uint32Array[], n: number): Uint32Array {
  const bits = new Uint8Array(n);
  for (const l of lists) for (const d of l) bits[d] = 1;
  const out: number[] = [];
  for (let d = 0; d < n; d++) if (bits[d]) out.push(d);
  return Uint32Array.from(out);
}

/** a \ b. */
export function difference(a: Uint32Array, b: Uint32Array): Uint32Array {
  const drop = new Set(b);
  return a.filter((d) => !drop.has(d));
}

/** Keep the elements for which `keep` holds. */
export function filterSet(a: Uint32Array, keep: (d: number) => boolean): Uint32Array {
  return a.filter((d) => keep(d));
}

/** A term's documents, with the boilerplate copies of those owning copies when `withCopies`. */
export function referencePostings(index: PreparedIndex, termId: number, withCopies: boolean): Uint32Array {
  const plain = index.postings(termId);
  if (!withCopies) return plain;
  const { copyOwners, copyStart, copyDocs } = index.core.data.core;
  const owners = new Set(plain);
  const copies: number[] = [];
  copyOwners.forEach((owner, slot) => {
    if (owners.has(owner)) for (let k = copyStart[slot]!; k < copyStart[slot + 1]!; k++) copies.push(copyDocs[k]!);
  });
  return unionAll([plain, Uint32Array.from(copies)], index.docCount);
}

function atomText(index: PreparedIndex, plan: Plan, g: number, withCopies: boolean): Uint32Array {
  return unionAll([...plan.atoms[g]!.atom.ids.keys()].map((id) => referencePostings(index, id, withCopies)), index.docCount);
}

function atomDocs(index: PreparedIndex, plan: Plan, g: number, withCopies: boolean): Uint32Array {
  const lists = [atomText(index, plan, g, withCopies)];
  const atom = plan.atoms[g]!;
  atom.forceMatch.forEach((m, v) => {
    if (m) lists.push(index.forcePostings[v]!);
  });
  atom.inspectorMatch.forEach((m, v) => {
    if (m) lists.push(index.inspectorPostings[v]!);
  });
  for (let bits = atom.topicMatch; bits !== 0; bits &= bits - 1) lists.push(index.topicPostings[31 - Math.clz32(bits & -bits)]!);
  return unionAll(lists, index.docCount);
}

/** Documents matching clause `c` of `plan`. */
export function referenceClauseDocs(index: PreparedIndex, plan: Plan, c: number, withCopies: boolean): Uint32Array {
  const { starts, ends } = index.core.forward;
  const alternatives = plan.clauses[c]!.alternatives.map((alt) => {
    if (alt.type === 'and') return intersectAll(alt.atoms.map((g) => atomDocs(index, plan, g, withCopies)));
    const both = intersectAll(alt.atoms.map((g) => atomText(index, plan, g, withCopies)));
    return filterSet(both, (d) => phraseOccurs(index, plan, alt.atoms, starts[d]!, ends[d]!));
  });
  return unionAll(alternatives, index.docCount);
}

export interface ReferenceMatch {
  docs: Uint32Array;
  clauseDocs: Uint32Array[];
  excluded: Uint32Array;
}

/** What `matchDocuments` returns, by set algebra. */
export function referenceMatch(index: PreparedIndex, query: CompiledQuery, accept: (d: number) => boolean, includeBoilerplate: boolean): ReferenceMatch {
  const positive = planOf(index, query.positive);
  const negative = planOf(index, query.negative, false);
  const clauseDocs = positive.clauses.map((_, c) => referenceClauseDocs(index, positive, c, includeBoilerplate));
  let docs = filterSet(positive.clauses.length === 0 ? Uint32Array.from({ length: index.docCount }, (_, d) => d) : intersectAll(clauseDocs), accept);
  const excluded = unionAll(
    negative.clauses.map((_, c) => referenceClauseDocs(index, negative, c, includeBoilerplate)),
    index.docCount,
  );
  docs = difference(docs, excluded);
  return { docs, clauseDocs, excluded };
}
