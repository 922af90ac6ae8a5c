/**
 * Build the in-memory index from parsed releases: documents, forward index, FlexSearch index and
 * facet postings. Pure apart from FlexSearch's own allocation; writing to disk is `write-index`.
 */
import type { Release } from '../schema';
import { terms } from '../text/tokenize';
import { topicLabel } from '../ingest/assign-topics';
import { releasesToDocs, type StoredDoc } from './documents';
import { createFlexIndex, type FlexIndex } from './flex-index';
import { buildForwardIndex, type ForwardIndex } from './forward-index';
import { buildFacetPostings, type FacetPostings } from './facet-postings';

export interface IndexData {
  releases: Release[];
  docs: StoredDoc[];
  forward: ForwardIndex;
  flex: FlexIndex;
  facets: FacetPostings;
}

/** The folded, space-joined field values FlexSearch indexes for one document. */
export function flexFieldsOf(doc: StoredDoc) {
  return {
    text: terms(doc.text).join(' '),
    force: terms(doc.force ?? '').join(' '),
    title: terms(doc.title).join(' '),
    topics: terms(doc.topics.map(topicLabel).join(' ')).join(' '),
  };
}

/**
 * Build every in-memory structure for `releases`.
 * @param onProgress called every `progressEvery` documents (default 50,000) with (done, total).
 */
export function buildIndex(
  releases: readonly Release[],
  onProgress?: (done: number, total: number) => void,
  progressEvery = 50_000,
): IndexData {
  const docs = releasesToDocs(releases);
  const forward = buildForwardIndex(docs.map((d) => d.text));
  const flex = createFlexIndex();
  docs.forEach((doc, i) => {
    flex.add(i, flexFieldsOf(doc));
    if (onProgress && (i + 1) % progressEvery === 0) onProgress(i + 1, docs.length);
  });
  const sortedReleases = [...releases].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { releases: sortedReleases, docs, forward, flex, facets: buildFacetPostings(docs) };
}
