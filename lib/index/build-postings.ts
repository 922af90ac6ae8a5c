/**
 * Postings from the forward index by counting sort on term ids, into preallocated typed arrays:
 * for every term the ascending documents holding it (documents that own their text) with the
 * term's frequency in each, cut into blocks of {@link BLOCK_SIZE} with the block's last document
 * and its query-independent maxima (largest tf, shortest document, the sections, topics and figure
 * topics present), and the same maxima over the whole term. Scoring bounds are computed from these
 * on the query side (they depend on the query's weights), never stored as scores.
 */
import { BLOCK_SIZE } from './index-layout';

export interface PostingsInput {
  termCount: number;
  /** Forward index: document d's term ids are `terms[starts[d] .. ends[d])`. */
  starts: Uint32Array;
  ends: Uint32Array;
  terms: Uint32Array;
  /** -1 for documents owning their text; copies are not posted (their owner stands for them). */
  owner: Int32Array;
  section: Uint8Array;
  topics: Uint32Array;
  figureTopics: Uint32Array;
}

export interface BuiltPostings {
  df: Uint32Array;
  postingStart: Uint32Array;
  blockStart: Uint32Array;
  termMaxTf: Uint8Array;
  termMinLength: Uint32Array;
  termSections: Uint8Array;
  termTopics: Uint32Array;
  termFigureTopics: Uint32Array;
  docs: Uint32Array;
  tf: Uint8Array;
  blockLast: Uint32Array;
  blockMaxTf: Uint8Array;
  blockMinLength: Uint32Array;
  blockSections: Uint8Array;
  blockTopics: Uint32Array;
  blockFigureTopics: Uint32Array;
}

/** Document frequency of every term over the documents owning their text. */
export function documentFrequencies(input: PostingsInput): Uint32Array {
  const { starts, ends, terms, owner } = input;
  const df = new Uint32Array(input.termCount);
  const lastSeen = new Int32Array(input.termCount).fill(-1);
  for (let d = 0; d < starts.length; d++) {
    if (owner[d]! >= 0) continue;
    for (let p = starts[d]!, end = ends[d]!; p < end; p++) {
      const t = terms[p]!;
      if (lastSeen[t] !== d) {
        lastSeen[t] = d;
        df[t]!++;
      }
    }
  }
  return df;
}

export function buildPostings(input: PostingsInput): BuiltPostings {
  const V = input.termCount;
  const { starts, ends, terms, owner, section, topics, figureTopics } = input;
  const df = documentFrequencies(input);
  const postingStart = new Uint32Array(V + 1);
  const blockStart = new Uint32Array(V + 1);
  for (let t = 0; t < V; t++) {
    postingStart[t + 1] = postingStart[t]! + df[t]!;
    blockStart[t + 1] = blockStart[t]! + Math.ceil(df[t]! / BLOCK_SIZE);
  }
  const total = postingStart[V]!;
  const docs = new Uint32Array(total);
  const tf = new Uint8Array(total);
  const cursor = postingStart.slice(0, V);
  const count = new Uint32Array(V);
  const seen = new Uint32Array(V);
  for (let d = 0; d < starts.length; d++) {
    if (owner[d]! >= 0) continue;
    let distinct = 0;
    for (let p = starts[d]!, end = ends[d]!; p < end; p++) {
      const t = terms[p]!;
      if (count[t]!++ === 0) seen[distinct++] = t;
    }
    for (let i = 0; i < distinct; i++) {
      const t = seen[i]!;
      const at = cursor[t]!++;
      docs[at] = d;
      tf[at] = Math.min(count[t]!, 255);
      count[t] = 0;
    }
  }

  const B = blockStart[V]!;
  const blockLast = new Uint32Array(B);
  const blockMaxTf = new Uint8Array(B);
  const blockMinLength = new Uint32Array(B).fill(0xffffffff);
  const blockSections = new Uint8Array(B);
  const blockTopics = new Uint32Array(B);
  const blockFigureTopics = new Uint32Array(B);
  const termMaxTf = new Uint8Array(V);
  const termMinLength = new Uint32Array(V).fill(0xffffffff);
  const termSections = new Uint8Array(V);
  const termTopics = new Uint32Array(V);
  const termFigureTopics = new Uint32Array(V);
  for (let t = 0; t < V; t++) {
    for (let b = blockStart[t]!, at = postingStart[t]!, end = postingStart[t + 1]!; at < end; b++) {
      const blockEnd = Math.min(at + BLOCK_SIZE, end);
      let maxTf = 0;
      let minLength = 0xffffffff;
      let sections = 0;
      let topicBits = 0;
      let figureBits = 0;
      for (; at < blockEnd; at++) {
        const d = docs[at]!;
        if (tf[at]! > maxTf) maxTf = tf[at]!;
        const length = ends[d]! - starts[d]!;
        if (length < minLength) minLength = length;
        sections |= 1 << section[d]!;
        topicBits |= topics[d]!;
        figureBits |= figureTopics[d]!;
      }
      blockLast[b] = docs[blockEnd - 1]!;
      blockMaxTf[b] = maxTf;
      blockMinLength[b] = minLength;
      blockSections[b] = sections;
      blockTopics[b] = topicBits >>> 0;
      blockFigureTopics[b] = figureBits >>> 0;
      if (maxTf > termMaxTf[t]!) termMaxTf[t] = maxTf;
      if (minLength < termMinLength[t]!) termMinLength[t] = minLength;
      termSections[t]! |= sections;
      termTopics[t] = (termTopics[t]! | topicBits) >>> 0;
      termFigureTopics[t] = (termFigureTopics[t]! | figureBits) >>> 0;
    }
  }
  return {
    df,
    postingStart,
    blockStart,
    termMaxTf,
    termMinLength,
    termSections,
    termTopics,
    termFigureTopics,
    docs,
    tf,
    blockLast,
    blockMaxTf,
    blockMinLength,
    blockSections,
    blockTopics,
    blockFigureTopics,
  };
}
