/**
 * Term-frequency postings, derived once from the forward index when an index is prepared: for
 * every term, the documents holding it (ascending, documents that own their text) and how often
 * it occurs in each (capped at 255). Ranking reads a hit's term frequencies from here by walking
 * the query terms' postings, instead of scanning every hit's positions.
 */
import type { ForwardIndex } from '../index/forward-index';
import { runSync } from '../index/run-sliced';
import { PAUSE, type Sliced } from '../index/sliced-work';

export interface TfPostings {
  /** Term t's postings are entries `start[t] .. start[t + 1]`. */
  start: Uint32Array;
  docs: Uint32Array;
  tf: Uint8Array;
}

/** Build the postings in two passes over the positions (counts, then fill). O(positions). */
export function buildTfPostings(forward: ForwardIndex, owner: Int32Array, df: Uint32Array): TfPostings {
  return runSync(tfPostingSteps(forward, owner, df));
}

/** {@link buildTfPostings} as sliced work (pauses every few thousand documents). */
export function* tfPostingSteps(forward: ForwardIndex, owner: Int32Array, df: Uint32Array): Sliced<TfPostings> {
  const n = forward.vocab.length;
  const start = new Uint32Array(n + 1);
  for (let t = 0; t < n; t++) start[t + 1] = start[t]! + df[t]!;
  const total = start[n]!;
  const docs = new Uint32Array(total);
  const tf = new Uint8Array(total);
  const cursor = start.slice(0, n);
  const count = new Uint32Array(n);
  const seen: number[] = [];
  const { starts, ends, terms } = forward;
  for (let d = 0; d < starts.length; d++) {
    if ((d & 4095) === 4095) yield PAUSE;
    if (owner[d]! >= 0) continue;
    for (let p = starts[d]!; p < ends[d]!; p++) {
      const t = terms[p]!;
      if (count[t]!++ === 0) seen.push(t);
    }
    for (const t of seen) {
      const at = cursor[t]!++;
      docs[at] = d;
      tf[at] = Math.min(count[t]!, 255);
      count[t] = 0;
    }
    seen.length = 0;
  }
  return { start, docs, tf };
}
