/** Display labels shared by the pages (plain data: safe to import from server and client components). */
import type { FigureKey, SectionKind } from '@/lib/schema';

export const FIGURE_LABELS: Record<FigureKey, string> = {
  secondJobApplications: 'Second-job applications',
  secondJobsApproved: 'Second jobs approved',
  socialMediaCases: 'Social media cases',
  mediaDisclosureInvestigations: 'Media disclosure investigations',
  conductInvestigations: 'Conduct investigations',
};

/** Short labels for narrow places (badges, chart legend). */
export const FIGURE_SHORT_LABELS: Record<FigureKey, string> = {
  secondJobApplications: 'Applications',
  secondJobsApproved: 'Approved',
  socialMediaCases: 'Social media',
  mediaDisclosureInvestigations: 'Media disclosure',
  conductInvestigations: 'Conduct',
};

export const SECTION_LABELS: Record<SectionKind, string> = {
  headline: 'Headline',
  background: 'Background',
  findings: 'Finding',
  quote: "Inspector's quote",
  'report-link': 'Full report',
  notes: 'Notes to editors',
};

export const FACET_LABELS = {
  force: 'Force',
  region: 'Region',
  topic: 'Topic',
  section: 'Section',
  kind: 'Kind',
} as const;

export type FacetKey = keyof typeof FACET_LABELS;
export const FACET_KEYS = Object.keys(FACET_LABELS) as FacetKey[];

/** Example queries offered on the empty state and in the syntax help. */
export const EXAMPLE_QUERIES = ['second jobs', 'Facebook', 'inappropriate disclosure to the media'] as const;
