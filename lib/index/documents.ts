/**
 * The searchable unit: a finding or a paragraph chunk, flattened with the release context the
 * result list needs. Persisted in the documents store; the UI only ever sees these via `lib/query`.
 */
import type { Figures, Release, SectionKind, TopicId } from '../schema';

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
 * sections in order with its findings in place of the findings section's intro paragraph.
 * The findings intro ("In Essex Police, HMIC found:") carries no information and is not indexed.
 */
export function releasesToDocs(releases: readonly Release[]): StoredDoc[] {
  const docs: StoredDoc[] = [];
  const sorted = [...releases].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  for (const release of sorted) {
    // Object literals with all fields spelled out (no spread): V8 gives them one fast shape,
    // which matters for millions of documents.
    const doc = (fields: Omit<StoredDoc, 'releaseSlug' | 'title' | 'force' | 'region' | 'inspection' | 'year'>): StoredDoc => ({
      id: fields.id,
      kind: fields.kind,
      releaseSlug: release.slug,
      title: release.title,
      force: release.force,
      region: release.region,
      inspection: release.inspection,
      year: release.year,
      section: fields.section,
      inspector: fields.inspector,
      ordinal: fields.ordinal,
      topics: fields.topics,
      figures: fields.figures,
      text: fields.text,
      boilerplate: fields.boilerplate,
      line: fields.line,
      page: fields.page,
    });
    const hasFindingsSection = release.sections.some((s) => s.kind === 'findings');
    const sections = hasFindingsSection ? release.sections : [...release.sections, { kind: 'findings' as const, paragraphs: [] }];
    for (const section of sections) {
      if (section.kind === 'findings' && release.findings.length > 0) {
        for (const f of release.findings) {
          docs.push(doc({ id: f.id, kind: 'finding', section: 'findings', inspector: null, ordinal: f.ordinal, topics: f.topics, figures: f.figures, text: f.text, boilerplate: false, line: f.line, page: f.page ?? null }));
        }
        continue;
      }
      for (const p of section.paragraphs) {
        docs.push(doc({ id: p.id, kind: 'paragraph', section: section.kind, inspector: p.inspector ?? null, ordinal: null, topics: p.topics, figures: {}, text: p.text, boilerplate: p.boilerplate, line: p.line, page: p.page ?? null }));
      }
    }
  }
  return docs;
}
