/**
 * The searchable documents of a release, in index order: its sections in order, with its findings
 * in place of the findings section's intro paragraph (that intro, "In Essex Police, HMIC found:",
 * carries no information and is not indexed); a release without a findings section has its
 * findings after its last section. Every reader of documents walks this one order: the build,
 * the stored records (lib/index/records.ts) and the release pages rebuilt from them.
 */
import type { Finding, Paragraph, Release, SectionKind } from '../schema';

export type DocUnit = { kind: 'finding'; section: 'findings'; unit: Finding } | { kind: 'paragraph'; section: SectionKind; unit: Paragraph };

/** True when a section's paragraphs are documents (all but a findings section listing findings). */
export function sectionIsDocs(kind: SectionKind, release: Pick<Release, 'findings'>): boolean {
  return !(kind === 'findings' && release.findings.length > 0);
}

/** The documents of `release` in index order. */
export function docUnits(release: Release): DocUnit[] {
  const out: DocUnit[] = [];
  let findingsPlaced = false;
  const placeFindings = () => {
    if (findingsPlaced) throw new Error(`${release.slug}: a release has one findings section`);
    findingsPlaced = true;
    for (const f of release.findings) out.push({ kind: 'finding', section: 'findings', unit: f });
  };
  for (const section of release.sections) {
    if (!sectionIsDocs(section.kind, release)) {
      placeFindings();
      continue;
    }
    for (const p of section.paragraphs) out.push({ kind: 'paragraph', section: section.kind, unit: p });
  }
  if (!release.sections.some((s) => s.kind === 'findings') && release.findings.length > 0) placeFindings();
  return out;
}
