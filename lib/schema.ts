/**
 * Shared data contracts. Every boundary (files on disk, front matter, CLI/API params) is
 * validated against these zod schemas; the TypeScript types are inferred from them.
 */
import { z } from 'zod';
import { SOURCE_FORMATS } from './ingest/readers/source-text';

/** Bumped whenever the parsed-release shape changes in a way persisted files notice. */
export const RELEASE_FORMAT_VERSION = 2;

export const SECTION_KINDS = ['headline', 'background', 'findings', 'quote', 'report-link', 'notes'] as const;
export const SectionKindSchema = z.enum(SECTION_KINDS);
export type SectionKind = z.infer<typeof SectionKindSchema>;

export const FIGURE_KEYS = [
  'secondJobApplications',
  'secondJobsApproved',
  'socialMediaCases',
  'mediaDisclosureInvestigations',
  'conductInvestigations',
] as const;
export const FigureKeySchema = z.enum(FIGURE_KEYS);

/**
 * What a figure comparison can be on: a stated figure, or `approvalRate` (derived per release:
 * secondJobsApproved ÷ secondJobApplications × 100, both stated in that release; it matches the
 * documents stating the release's second-job applications). See lib/query/figure-stats.ts.
 */
export const COMPARABLE_FIGURES = [...FIGURE_KEYS, 'approvalRate'] as const;
export type ComparableFigure = (typeof COMPARABLE_FIGURES)[number];
export type FigureKey = z.infer<typeof FigureKeySchema>;

export const TOPIC_IDS = [
  'second-jobs',
  'social-media',
  'media-relations',
  'gifts-hospitality',
  'procurement',
  'anti-corruption',
  'governance',
  'policies-guidance',
  'training-awareness',
  'misconduct-investigations',
] as const;
export const TopicIdSchema = z.enum(TOPIC_IDS);
export type TopicId = z.infer<typeof TopicIdSchema>;

/** The topic each figure belongs to, for ranking figure-bearing findings on topical queries. */
export const FIGURE_TOPICS: Record<FigureKey, TopicId> = {
  secondJobApplications: 'second-jobs',
  secondJobsApproved: 'second-jobs',
  socialMediaCases: 'social-media',
  mediaDisclosureInvestigations: 'media-relations',
  conductInvestigations: 'misconduct-investigations',
};

/** A figure stated by one finding: the value and where in the finding's `text` it was read. */
export const FigureValueSchema = z.object({
  value: z.number().int().nonnegative(),
  findingId: z.string(),
  /** UTF-16 offsets into the finding's original `text`, end exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type FigureValue = z.infer<typeof FigureValueSchema>;

/** Figures keyed by figure name; a figure the text does not state is absent, never 0. */
export const FiguresSchema = z.object({
  secondJobApplications: FigureValueSchema.optional(),
  secondJobsApproved: FigureValueSchema.optional(),
  socialMediaCases: FigureValueSchema.optional(),
  mediaDisclosureInvestigations: FigureValueSchema.optional(),
  conductInvestigations: FigureValueSchema.optional(),
});
export type Figures = z.infer<typeof FiguresSchema>;

export const ParagraphSchema = z.object({
  /** Stable id: `<slug>-<section>-<n>` (n is 1-based within the section; lib/finding-id.ts). */
  id: z.string(),
  /** Original text for display (bullet markers stripped, wrapped lines joined). */
  text: z.string(),
  /** 1-based line in the source file (for PDF and HTML: in the extracted text) where the paragraph starts. */
  line: z.number().int().positive(),
  /** 1-based page of the source where the paragraph starts; PDF sources only. */
  page: z.number().int().positive().optional(),
  /** True when the normalised paragraph appears in two or more releases of the corpus. */
  boilerplate: z.boolean(),
  topics: z.array(TopicIdSchema),
  /**
   * Quote paragraphs only: the inspector speaking (the release's `inspector`), so the quote can be
   * found by the inspector's name although the "…, Zoë Billingham, said:" line is boilerplate.
   */
  inspector: z.string().optional(),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const SectionSchema = z.object({
  kind: SectionKindSchema,
  paragraphs: z.array(ParagraphSchema),
});
export type Section = z.infer<typeof SectionSchema>;

export const FindingSchema = z.object({
  /** Stable id: `<slug>-<ordinal>` (lib/finding-id.ts). */
  id: z.string(),
  /** 1-based position in the findings list. */
  ordinal: z.number().int().positive(),
  text: z.string(),
  /** 1-based line in the source file (for PDF and HTML: in the extracted text). */
  line: z.number().int().positive(),
  /** 1-based page of the source where the finding starts; PDF sources only. */
  page: z.number().int().positive().optional(),
  topics: z.array(TopicIdSchema),
  figures: FiguresSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

export const ReleaseKindSchema = z.enum(['force-release', 'other']);
export type ReleaseKind = z.infer<typeof ReleaseKindSchema>;

/** The one pattern of a slug (release slugs, aliases, finding ids are `<slug>-<n>`). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SlugSchema = z.string().regex(SLUG_PATTERN, 'slug must be lowercase kebab-case');
/** Longest slug or id a URL may carry. */
export const MAX_ID_LENGTH = 200;

/**
 * True for a string shaped like a release slug or a document id (`<slug>-<n>`,
 * `<slug>-<section>-<n>`): the one check every route does before looking anything up.
 */
export function isSlugShaped(value: string): boolean {
  return value.length <= MAX_ID_LENGTH && SLUG_PATTERN.test(value);
}

export const SourceFormatSchema = z.enum(SOURCE_FORMATS);

/** Where a release came from: the exact file indexed (served at `/sources/<slug>`). */
export const SourceRefSchema = z.object({
  /** Path relative to the source directory, `/` separators. */
  path: z.string(),
  format: SourceFormatSchema,
  /** Hex SHA-256 of the file's bytes. */
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Page count (PDF). */
  pages: z.number().int().positive().optional(),
  /** Where the release is published: front matter or sidecar `url`, else the HTML's canonical link. */
  url: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

export const ReleaseSchema = z.object({
  formatVersion: z.literal(RELEASE_FORMAT_VERSION),
  slug: SlugSchema,
  source: SourceRefSchema,
  kind: ReleaseKindSchema,
  title: z.string(),
  force: z.string().nullable(),
  region: z.string().nullable(),
  inspector: z.string().nullable(),
  year: z.number().int().nullable(),
  date: z.string().nullable(),
  /** Name of the inspection (lib/data/inspections.json), from sidecar or front matter, else recognised in the text. */
  inspection: z.string().nullable(),
  /** Former slugs of this release; their URLs redirect here. */
  aliases: z.array(SlugSchema),
  sections: z.array(SectionSchema),
  findings: z.array(FindingSchema),
  /** Per-release roll-up of the findings' figures (first finding that states a figure wins). */
  figures: FiguresSchema,
  topics: z.array(TopicIdSchema),
});
export type Release = z.infer<typeof ReleaseSchema>;

/**
 * Release metadata given beside the text: `.md` front matter and `<file>.meta.yml` sidecars (which
 * win over front matter); both win over what the text says.
 */
export const FrontMatterSchema = z
  .object({
    title: z.string().min(1).optional(),
    force: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    date: z.union([z.string(), z.date()]).optional(),
    url: z.string().url().optional(),
    slug: SlugSchema.optional(),
    /** Inspection name; must be one of lib/data/inspections.json (name or alias). */
    inspection: z.string().min(1).optional(),
    /** Former slugs of this release (citations made with them keep working). */
    aliases: z.array(SlugSchema).optional(),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatterSchema>;
