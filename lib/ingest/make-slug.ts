import { SearchEngineError } from '../errors';
import type { Release } from '../schema';
import { foldForMatch } from '../text/normalize';

/** What a slug can be made from, in order of preference. */
export interface SlugParts {
  /** Front matter `slug` (or a caller's hint); used as is when already kebab-case. */
  slug?: string | null;
  /** Canonical force name. */
  force?: string | null;
  year?: number | null;
  /** Appended to `<force>-<year>` (an inspection other than the first of its year). */
  suffix?: string | null;
  /** Source path; its file stem is the last resort. */
  source: string;
}

/**
 * Lower-case kebab-case: diacritics removed, `&` → "and", every other run of non-alphanumerics
 * → one `-`, no leading/trailing `-`. Empty input gives "".
 */
export function toKebabCase(text: string): string {
  return foldForMatch(text)
    .replace(/&/g, ' and ')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Release slug: the explicit slug (kebab-cased) if given, else kebab-case "<force> <year>"
 * ("essex-police-2012") when both are known, else the kebab-cased file stem
 * ("000_6c77aa43d88f53bc.txt" → "000-6c77aa43d88f53bc"), else "release".
 */
export function makeSlug(parts: SlugParts): string {
  const explicit = parts.slug ? toKebabCase(parts.slug) : '';
  if (explicit) return explicit;
  if (parts.force && parts.year != null) {
    const fromForce = toKebabCase(`${parts.force} ${parts.year} ${parts.suffix ?? ''}`);
    if (fromForce) return fromForce;
  }
  return toKebabCase(fileStem(parts.source)) || 'release';
}

function fileStem(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.[^.]*$/, '');
}

/**
 * Check that no two releases share a slug. Throws `E_DUPLICATE_SLUG` naming both source files
 * (error `file` is the second one); the caller decides whether to skip, rename or abort.
 * Returns a copy of the array (same release objects) so it can be used inline.
 */
export function ensureUniqueSlugs<T extends Pick<Release, 'slug' | 'source' | 'aliases'>>(releases: readonly T[]): T[] {
  const seen = new Map<string, string>();
  for (const release of releases) {
    for (const slug of [release.slug, ...release.aliases]) {
      const first = seen.get(slug);
      if (first !== undefined) {
        throw new SearchEngineError(
          'E_DUPLICATE_SLUG',
          `slug "${slug}" is already used by ${first} (set a distinct "slug" in front matter or a sidecar)`,
          { file: release.source.path, line: 1 },
        );
      }
      seen.set(slug, release.source.path);
    }
  }
  return [...releases];
}
