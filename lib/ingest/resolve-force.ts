import { z } from 'zod';
import forcesData from '../data/forces.json';
import { foldForMatch } from '../text/normalize';

/** One police force: its canonical name and the other names releases use for it. */
export interface Force {
  /** Canonical name, e.g. "Hertfordshire Constabulary". */
  name: string;
  /** Short names and variants, e.g. "Hertfordshire", "Herts Police". */
  aliases: string[];
  /** One of the 43 territorial forces of England and Wales or British Transport Police (false: PSNI). */
  englandAndWales: boolean;
}

const ForcesSchema = z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)), englandAndWales: z.boolean().default(true) }));

/** Every known force (lib/data/forces.json): the 43 territorial forces of England and Wales, British Transport Police and PSNI. */
export const FORCES: readonly Force[] = ForcesSchema.parse(forcesData);

/** The 43 territorial forces of England and Wales plus British Transport Police: the forces an HMIC inspection of all forces covers (/coverage). */
export const ENGLAND_AND_WALES_FORCES: readonly Force[] = FORCES.filter((f) => f.englandAndWales);

/** Fold a name for comparison: lower case, no diacritics, `&` → `and`, punctuation → single space. */
function foldName(name: string): string {
  return foldForMatch(name)
    .replace(/&/g, ' and ')
    .replace(/'s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Every folded name (canonical and alias) → canonical name; longest first for scanning. */
const NAME_TABLE: ReadonlyArray<{ folded: string; canonical: string }> = FORCES.flatMap((force) =>
  [force.name, ...force.aliases].map((n) => ({ folded: foldName(n), canonical: force.name })),
).sort((a, b) => b.folded.length - a.folded.length);

/**
 * Canonical force name for a name that is exactly a force's canonical name or alias
 * (case, diacritics, punctuation, `&`/`and`, a leading "the" and a possessive `'s` ignored),
 * else null. `resolveForce("Hertfordshire")` → "Hertfordshire Constabulary".
 */
export function resolveForce(name: string): string | null {
  const folded = foldName(name);
  const hit = NAME_TABLE.find((entry) => entry.folded === folded || `the ${entry.folded}` === folded);
  return hit?.canonical ?? null;
}

/**
 * Canonical name of the force mentioned first in `text` (longest name wins at one position), or
 * null. Used on headlines and "The full report for …" lines, where any alias is meaningful.
 */
export function findForceIn(text: string): string | null {
  const folded = ` ${foldName(text)} `;
  let best: { at: number; canonical: string } | null = null;
  for (const entry of NAME_TABLE) {
    const at = folded.indexOf(` ${entry.folded} `);
    // NAME_TABLE is longest-first, so a tie on position keeps the longer (earlier-seen) name.
    if (at >= 0 && (best === null || at < best.at)) best = { at, canonical: entry.canonical };
  }
  return best?.canonical ?? null;
}
