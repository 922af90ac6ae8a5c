/**
 * The searchable unit: a finding or a paragraph chunk, flattened with the release context the
 * result list needs. Persisted in the documents store; the UI only ever sees these via `lib/query`.
 */
import type { Figures, Release, SectionKind, TopicId } from '../schema';
import { docUnits } from './doc-units';
import { storedDocOf } from './records';

export type DocKind = 'finding' | 'paragraph';

export interface StoredDoc {
  id: string;
  kind: DocKind;
  releaseSlug: string;
  title: string;
  force: string | null;
  region: string | null;
  inspection: string | null;
  year: number | null;
  section: SectionKind;
  /** The inspector speaking, on the release's quote paragraphs (the `inspector` facet); else null. */
  inspector: string | null;
  /** Finding ordinal (1-based); null for paragraphs. */
  ordinal: number | null;
  topics: TopicId[];
  figures: Figures;
  text: string;
  boilerplate: boolean;
  /** Source line, for "view source" style links and error messages. */
  line: number;
  /** Source page (PDF sources), else null. */
  page: number | null;
}

/**
 * Flatten releases into documents in a deterministic order: releases by slug, then each release's
 * documents in doc-units order (lib/index/doc-units.ts) — what an index's `getDoc(d)` gives for d.
 */
export function releasesToDocs(releases: readonly Release[]): StoredDoc[] {
  const sorted = [...releases].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return sorted.flatMap((release) => docUnits(release).map((u) => storedDocOf(u, u.unit, u.unit.text, release)));
}
