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
  section: SectionKind;
  /** Finding ordinal (1-based); null for paragraphs. */
  ordinal: number | null;
  topics: TopicId[];
  figures: Figures;
  text: string;
  boilerplate: boolean;
  /** Source line, for "view source" style links and error messages. */
  line: number;
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
    const base = {
      releaseSlug: release.slug,
      title: release.title,
      force: release.force,
      region: release.region,
    };
    const hasFindingsSection = release.sections.some((s) => s.kind === 'findings');
    const sections = hasFindingsSection
      ? release.sections
      : [...release.sections, { kind: 'findings' as const, paragraphs: [] }];
    for (const section of sections) {
      if (section.kind === 'findings' && release.findings.length > 0) {
        for (const finding of release.findings) {
          docs.push({
            ...base,
            id: finding.id,
            kind: 'finding',
            section: 'findings',
            ordinal: finding.ordinal,
            topics: finding.topics,
            figures: finding.figures,
            text: finding.text,
            boilerplate: false,
            line: finding.line,
          });
        }
        continue;
      }
      for (const paragraph of section.paragraphs) {
        docs.push({
          ...base,
          id: paragraph.id,
          kind: 'paragraph',
          section: section.kind,
          ordinal: null,
          topics: paragraph.topics,
          figures: {},
          text: paragraph.text,
          boilerplate: paragraph.boilerplate,
          line: paragraph.line,
        });
      }
    }
  }
  return docs;
}
