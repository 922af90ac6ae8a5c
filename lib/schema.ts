/**
 * Shared data contracts. Every boundary (files on disk, front matter, CLI/API params) is
 * validated against these zod schemas; the TypeScript types are inferred from them.
 */
import { z } from 'zod';

/** Bumped whenever the parsed-release shape changes in a way persisted files notice. */
export const RELEASE_FORMAT_VERSION = 1;

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
  /** Stable id: `<slug>-<section>-<n>` (n is 1-based within the section). */
  id: z.string(),
  /** Original text for display (bullet markers stripped, wrapped lines joined). */
  text: z.string(),
  /** 1-based line in the source file where the paragraph starts. */
  line: z.number().int().positive(),
  /** True when the normalised paragraph appears in two or more releases of the corpus. */
  boilerplate: z.boolean(),
  topics: z.array(TopicIdSchema),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const SectionSchema = z.object({
  kind: SectionKindSchema,
  paragraphs: z.array(ParagraphSchema),
});
export type Section = z.infer<typeof SectionSchema>;

export const FindingSchema = z.object({
  /** Stable id: `<slug>-<ordinal>`. */
  id: z.string(),
  /** 1-based position in the findings list. */
  ordinal: z.number().int().positive(),
  text: z.string(),
  line: z.number().int().positive(),
  topics: z.array(TopicIdSchema),
  figures: FiguresSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

export const ReleaseKindSchema = z.enum(['force-release', 'other']);
export type ReleaseKind = z.infer<typeof ReleaseKindSchema>;

export const ReleaseSchema = z.object({
  formatVersion: z.literal(RELEASE_FORMAT_VERSION),
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  /** Path of the source file relative to the source directory. */
  source: z.string(),
  kind: ReleaseKindSchema,
  title: z.string(),
  force: z.string().nullable(),
  region: z.string().nullable(),
  inspector: z.string().nullable(),
  year: z.number().int().nullable(),
  date: z.string().nullable(),
  url: z.string().nullable(),
  sections: z.array(SectionSchema),
  findings: z.array(FindingSchema),
  /** Per-release roll-up of the findings' figures (first finding that states a figure wins). */
  figures: FiguresSchema,
  topics: z.array(TopicIdSchema),
});
export type Release = z.infer<typeof ReleaseSchema>;

/** Front matter accepted in `.md` releases; it wins over what the text says. */
export const FrontMatterSchema = z
  .object({
    title: z.string().min(1).optional(),
    force: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    date: z.union([z.string(), z.date()]).optional(),
    url: z.string().url().optional(),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lowercase kebab-case')
      .optional(),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatterSchema>;
