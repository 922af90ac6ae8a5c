/**
 * Inspections (lib/data/inspections.json): which inspection a release belongs to, from metadata
 * or from the text. One data file, so a new inspection is one entry, not another `if`.
 */
import { z } from 'zod';
import inspectionsData from '../data/inspections.json';
import { foldForMatchFast } from '../text/fast-fold';
import { SlugSchema } from '../schema';

const InspectionsSchema = z.array(
  z.object({
    /** Display name, stored in `Release.inspection`. */
    name: z.string().min(1),
    /** Kebab-case, appended to the slug of any but the first inspection of a year. */
    slug: SlugSchema,
    /** Year the inspection's releases were published. */
    year: z.number().int(),
    aliases: z.array(z.string().min(1)),
    /** Lower-case phrases whose presence in a release names the inspection. */
    patterns: z.array(z.string().min(1)),
  }),
);
export type Inspection = z.infer<typeof InspectionsSchema>[number];

/** Known inspections in file order (the first one of a year keeps the plain `<force>-<year>` slug). */
export const INSPECTIONS: readonly Inspection[] = InspectionsSchema.parse(inspectionsData);

// `[^a-z0-9]+` → ' ', without rewriting the single spaces (every word gap) that are already one.
const fold = (s: string) => foldForMatchFast(s).replace(/[^a-z0-9]{2,}|[^a-z0-9 ]/g, ' ').trim();

/** Each inspection's patterns folded once, space-delimited (folding them per release was a hot spot). */
const FOLDED_PATTERNS: ReadonlyArray<readonly string[]> = INSPECTIONS.map((i) => i.patterns.map((p) => ` ${fold(p)} `));

/** The inspection named exactly (name or alias, case and punctuation ignored), or null. */
export function resolveInspection(name: string): Inspection | null {
  const wanted = fold(name);
  return INSPECTIONS.find((i) => fold(i.name) === wanted || i.aliases.some((a) => fold(a) === wanted)) ?? null;
}

/**
 * The inspection a release's text belongs to: among the inspections it mentions, the one of the
 * release's year, else the latest mentioned (a release cites earlier inspections in its
 * background, never later ones). Null when it mentions none.
 */
export function recogniseInspection(text: string, year: number | null): Inspection | null {
  const folded = ` ${fold(text)} `;
  const mentioned = INSPECTIONS.filter((_, n) => FOLDED_PATTERNS[n]!.some((p) => folded.includes(p)));
  if (mentioned.length === 0) return null;
  return mentioned.find((i) => i.year === year) ?? mentioned.reduce((a, b) => (b.year > a.year ? b : a));
}

/**
 * Slug suffix for a release of `inspection` published in `year`: none for the first inspection
 * known for that year (so 2012 releases stay `essex-police-2012`), else the inspection's slug.
 */
export function inspectionSlugSuffix(inspection: Inspection | null, year: number | null): string | null {
  if (!inspection || year === null) return null;
  const firstOfYear = INSPECTIONS.find((i) => i.year === year);
  if (!firstOfYear) return inspection.year === year ? null : inspection.slug;
  return firstOfYear === inspection ? null : inspection.slug;
}
