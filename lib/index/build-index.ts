/**
 * Build the in-memory index from parsed releases: documents, per-document columns, forward index,
 * FlexSearch index and facet postings. Writing to disk is `write-index`.
 */
import type { Release } from '../schema';
import { terms } from '../text/tokenize';
import { unwrapMarkdownLinks } from '../text/markdown';
import { topicLabel } from '../ingest/assign-topics';
import { releasesToDocs, type StoredDoc } from './documents';
import { buildColumns } from './doc-columns';
import { createFlexIndex } from './flex-index';
import { forwardIndexFromTerms } from './forward-index';
import { buildFacetPostings } from './facet-postings';
import { buildThesaurus } from './build-thesaurus';
import type { IndexCore, ReleaseMeta } from './index-core';

/** An index just built: the query-side core plus the full objects to persist. */
export interface BuiltIndex extends IndexCore {
  docs: StoredDoc[];
  fullReleases: Release[];
}

/** Memoised folding of the short fields many documents share (force, title, topic labels). */
function foldedFieldCache() {
  const cache = new Map<string, string>();
  return (value: string) => {
    let folded = cache.get(value);
    if (folded === undefined) {
      folded = terms(value).join(' ');
      cache.set(value, folded);
    }
    return folded;
  };
}

function releaseMetas(releases: readonly Release[], docs: readonly StoredDoc[]): ReleaseMeta[] {
  const metas = releases.map((r) => ({
    slug: r.slug,
    source: r.source,
    aliases: r.aliases,
    title: r.title,
    force: r.force,
    region: r.region,
    year: r.year,
    date: r.date,
    inspection: r.inspection,
    kind: r.kind,
    findingCount: r.findings.length,
    figures: r.figures,
    firstDoc: -1,
    docCount: 0,
  }));
  const bySlug = new Map(metas.map((m) => [m.slug, m] as const));
  docs.forEach((doc, d) => {
    const meta = bySlug.get(doc.releaseSlug)!;
    if (meta.firstDoc < 0) meta.firstDoc = d;
    meta.docCount++;
  });
  return metas;
}

/**
 * Build every in-memory structure for `releases`.
 * @param onProgress called every `progressEvery` documents (default 100,000) with (done, total).
 */
export function buildIndex(releases: readonly Release[], onProgress?: (done: number, total: number) => void, progressEvery = 100_000): BuiltIndex {
  const fullReleases = [...releases].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const docs = releasesToDocs(fullReleases);
  const metas = releaseMetas(fullReleases, docs);
  const releaseIndex = new Map(metas.map((m, i) => [m.slug, i] as const));
  const columns = buildColumns(docs, (slug) => releaseIndex.get(slug)!);
  // A markdown link's target (`[www.hmic.gov.uk](http://www.hmic.gov.uk)`) is markup, not words of the
  // release: indexed as its text only, so a release ranks the same from .txt, .pdf or .html.
  const textTerms = docs.map((doc, d) => (columns.owner[d]! >= 0 ? null : terms(unwrapMarkdownLinks(doc.text))));
  const forward = forwardIndexFromTerms(textTerms, columns.owner);
  const flex = createFlexIndex();
  const fold = foldedFieldCache();
  docs.forEach((doc, d) => {
    // Copies of shared boilerplate are not added: their first copy stands for them.
    if (columns.owner[d]! < 0) {
      flex.add(d, {
        text: textTerms[d]!.join(' '),
        force: fold(doc.force ?? ''),
        title: fold(doc.title),
        topics: fold(doc.topics.map(topicLabel).join(' ')),
      });
    }
    if (onProgress && (d + 1) % progressEvery === 0) onProgress(d + 1, docs.length);
  });
  const bySlug = new Map(fullReleases.map((r) => [r.slug, r] as const));
  return {
    docCount: docs.length,
    forward,
    flex,
    facets: buildFacetPostings(docs),
    columns,
    releases: metas,
    thesaurus: buildThesaurus(forward),
    getDoc: (d) => docs[d]!,
    getRelease: (slug) => bySlug.get(slug) ?? null,
    storedSource: () => null,
    close: () => {},
    docs,
    fullReleases,
  };
}
