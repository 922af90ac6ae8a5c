import type { Release } from '../schema';
import { unwrapMarkdownLinks } from '../text/markdown';
import { normalizeText } from '../text/normalize';
import { terms } from '../text/tokenize';
import { releaseTopics } from './parse-release';

/**
 * Comparison key of a paragraph: its words after {@link normalizeText}, markdown links unwrapped
 * and case folded. Looser than `normalizeText(text).toLowerCase()` (anything equal there is equal
 * here) so that "out-of-hours" / "out of hours" and `[www.x](http://www.x)` / `www.x` also match.
 */
export function boilerplateKey(text: string): string {
  return terms(normalizeText(unwrapMarkdownLinks(text))).join(' ');
}

/**
 * Flag shared text across a corpus: returns new releases (inputs untouched) in which every
 * paragraph whose {@link boilerplateKey} occurs in two or more different releases has
 * `boilerplate: true` (notes to editors, the standard background, shared quote paragraphs), and
 * every other paragraph `false`. Headlines and findings are never flagged. The release `topics`
 * of "other" releases are recomputed without boilerplate paragraphs.
 */
export function markBoilerplate(releases: readonly Release[]): Release[] {
  // Shared paragraphs repeat verbatim across the corpus: compute each distinct text's key once.
  const keys = new Map<string, string>();
  const keyOf = (text: string) => {
    let key = keys.get(text);
    if (key === undefined) keys.set(text, (key = boilerplateKey(text)));
    return key;
  };
  // Per key: the first release holding it, and whether a second, different release does too.
  // The key of each non-headline paragraph, in document order, is kept for the second pass.
  const firstHolder = new Map<string, number>();
  const shared = new Set<string>();
  const paragraphKeys: string[] = [];
  for (let index = 0; index < releases.length; index++) {
    for (const section of releases[index]!.sections) {
      if (section.kind === 'headline') continue;
      for (const paragraph of section.paragraphs) {
        const key = keyOf(paragraph.text);
        paragraphKeys.push(key);
        if (key === '') continue;
        const first = firstHolder.get(key);
        if (first === undefined) firstHolder.set(key, index);
        else if (first !== index) shared.add(key);
      }
    }
  }
  let next = 0;
  // Fields spelled out rather than spread: spread-with-overrides gives V8 slow object shapes,
  // and these objects flow through the whole build.
  return releases.map((release) => {
    const sections = release.sections.map((section) => ({
      kind: section.kind,
      paragraphs: section.paragraphs.map((p) => ({
        id: p.id,
        text: p.text,
        line: p.line,
        page: p.page,
        // Same order as the first pass: the next key is this paragraph's.
        boilerplate: section.kind !== 'headline' && shared.has(paragraphKeys[next++]!),
        topics: p.topics,
        inspector: p.inspector,
      })),
    }));
    return {
      formatVersion: release.formatVersion,
      slug: release.slug,
      source: release.source,
      kind: release.kind,
      title: release.title,
      force: release.force,
      region: release.region,
      inspector: release.inspector,
      year: release.year,
      date: release.date,
      inspection: release.inspection,
      aliases: release.aliases,
      sections,
      findings: release.findings,
      figures: release.figures,
      topics: releaseTopics(release.kind, sections, release.findings),
    };
  });
}
