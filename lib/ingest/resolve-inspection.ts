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

const fold = (s: string) => foldForMatchFast(s).replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Per inspection, one regex over the folded text (foldForMatch, no other rewriting) that matches
 * where ` fold(text) ` contains ` fold(pattern) `: the pattern's words separated by non-alphanumerics,
 * with none right before or after. Rewriting and searching the whole text per release was a hot spot.
 * The lookbehind follows the first word so that the regex starts with a literal (fast to scan for).
 */
const MENTION_REGEXES: readonly RegExp[] = INSPECTIONS.map(
  (i) =>
    new RegExp(
      i.patterns
        .map((p) => {
          // A pattern without letters or digits never matched (` ${''} ` is two spaces, which a fold never holds).
          if (fold(p) === '') return '(?!)';
          const [first, ...rest] = fold(p).split(' ');
          return `${first}(?<![a-z0-9]${first})${rest.map((w) => `[^a-z0-9]+${w}`).join('')}(?![a-z0-9])`;
        })
        .join('|'),
    ),
);

/** The inspection named exactly (name or alias, case and punctuation ignored), or null. */
export function resolveInspection(name: string): Inspection | null {
  const wanted = fold(name);
  return INSPECTIONS.find((i) => fold(i.name) === wanted || i.aliases.some((a) => fold(a) === wanted)) ?? null;
}

/**
 * The inspection a release's text belongs to: among the inspections it mentions, the one of the
 * release's year, else the latest mentioned (a release cites earlier inspections in its
 * background, never later ones). Null when it mentions none. `folded`: foldForMatch(text), when
 * the caller has it.
 */
export function recogniseInspection(text: string, year: number | null, folded: string = foldForMatchFast(text)): Inspection | null {
  const mentioned = INSPECTIONS.filter((_, n) => MENTION_REGEXES[n]!.test(folded));
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
