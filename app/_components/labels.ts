/** Display labels shared by the pages (plain data: safe to import from server and client components). */
import { FACETS, facetValueLabel, facetValues, type FacetName } from '@/lib/facets';
import type { FigureKey, SectionKind } from '@/lib/schema';

export const FIGURE_LABELS: Record<FigureKey, string> = {
  secondJobApplications: 'Second-job applications',
  secondJobsApproved: 'Second jobs approved',
  socialMediaCases: 'Social media cases',
  mediaDisclosureInvestigations: 'Media disclosure investigations',
  conductInvestigations: 'Conduct investigations',
};

/** Labels of everything a figure filter can be on: the figures and the derived approval rate. */
export const FIGURE_FILTER_LABELS: Record<FigureKey | 'approvalRate', string> = {
  ...FIGURE_LABELS,
  approvalRate: 'Approval rate (%)',
};

/** Short labels for narrow places (badges, chart legend). */
export const FIGURE_SHORT_LABELS: Record<FigureKey, string> = {
  secondJobApplications: 'Applications',
  secondJobsApproved: 'Approved',
  socialMediaCases: 'Social media',
  mediaDisclosureInvestigations: 'Media disclosure',
  conductInvestigations: 'Conduct',
};

/** Section labels: the section facet's value labels (lib/facets.ts). */
export const SECTION_LABELS = Object.fromEntries(facetValues('section').map((s) => [s, facetValueLabel('section', s)])) as Record<SectionKind, string>;

/** Facet titles by name (lib/facets.ts). */
export const FACET_LABELS = Object.fromEntries(FACETS.map((f) => [f.name, f.label])) as Record<FacetName, string>;

/** Example queries offered on the empty state and in the syntax help. */
export const EXAMPLE_QUERIES = ['second jobs', 'Facebook', 'inappropriate disclosure to the media'] as const;
