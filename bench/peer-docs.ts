/**
 * What the peer engines index and return, shared by MiniSearch and Orama: the documents our parser
 * produced (written once as JSON lines, read back by each peer's child), facet counting over all
 * hits and a simple highlighter for the first page of hits.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { StoredDoc } from '../lib/index/documents';
import type { BenchQuery } from './query-mix';

/** A document as the peers see it (our StoredDoc minus what they do not use). */
export interface PeerDoc {
  id: string;
  text: string;
  title: string;
  /** '' when the release has no force / region. */
  force: string;
  region: string;
  /** '' when unknown. */
  inspection: string;
  /** null when unknown. */
  year: number | null;
  /** The quoted inspector on quote paragraphs, else ''. */
  inspector: string;
  topics: string[];
  section: string;
  kind: string;
  boilerplate: boolean;
}

export function toPeerDoc(doc: StoredDoc): PeerDoc {
  return {
    id: doc.id,
    text: doc.text,
    title: doc.title,
    force: doc.force ?? '',
    region: doc.region ?? '',
    inspection: doc.inspection ?? '',
    year: doc.year,
    inspector: doc.inspector ?? '',
    topics: doc.topics,
    section: doc.section,
    kind: doc.kind,
    boilerplate: doc.boilerplate,
  };
}

/** Write documents as JSON lines (streamed: no giant string). */
export async function writeDocsJsonl(path: string, docs: Iterable<StoredDoc>): Promise<number> {
  const out = createWriteStream(path);
  let n = 0;
  let buffer = '';
  for (const doc of docs) {
    buffer += `${JSON.stringify(toPeerDoc(doc))}\n`;
    n++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return n;
}

/** Read documents written by {@link writeDocsJsonl}. */
export async function readDocsJsonl(path: string): Promise<PeerDoc[]> {
  const docs: PeerDoc[] = [];
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of lines) if (line) docs.push(JSON.parse(line) as PeerDoc);
  return docs;
}

/** Facet counts over every hit (force, region, topic, section, kind), like a result page shows. */
export type FacetCounts = Record<'force' | 'region' | 'topic' | 'section' | 'kind', Map<string, number>>;

/** Count facet values over all `hits`. */
export function countFacets(hits: ArrayLike<{ force: string; region: string; topics: readonly string[]; section: string; kind: string }>): FacetCounts {
  const counts: FacetCounts = { force: new Map(), region: new Map(), topic: new Map(), section: new Map(), kind: new Map() };
  const bump = (m: Map<string, number>, v: string) => m.set(v, (m.get(v) ?? 0) + 1);
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    bump(counts.force, h.force);
    bump(counts.region, h.region);
    bump(counts.section, h.section);
    bump(counts.kind, h.kind);
    for (const t of h.topics) bump(counts.topic, t);
  }
  return counts;
}

/** A run of text, marked when it is a matching word (same shape as our engine's segments). */
export interface Segment {
  text: string;
  match: boolean;
}

/** Split `text` into segments, marking the words `isMatch` accepts (given lower case). */
export function markWords(text: string, isMatch: (word: string) => boolean): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!isMatch(m[0].toLowerCase())) continue;
    if (m.index > last) segments.push({ text: text.slice(last, m.index), match: false });
    segments.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}

/** True when `a` and `b` are at most one edit (insert, delete, substitute) apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) return a.slice(i + 1) === b.slice(i + 1);
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Word matcher for engines that do not report which document words matched (Orama): a word
 * matches a query word exactly, within one edit, or — for the word being typed — by prefix.
 */
export function queryWordMatcher(query: BenchQuery, tolerance: number): (word: string) => boolean {
  const words = query.words.map((w) => w.toLowerCase());
  const last = words.length - 1;
  return (word) =>
    words.some((q, i) => word === q || (query.prefixLast && i === last && word.startsWith(q)) || (tolerance > 0 && q.length >= 3 && withinOneEdit(word, q)));
}
