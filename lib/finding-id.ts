/**
 * The id of a document, in one place: a finding is `<slug>-<ordinal>` ("essex-police-2012-7"), a
 * paragraph `<slug>-<section>-<n>` ("essex-police-2012-quote-1"), n counting the release's
 * paragraphs of that section from 1. Ids are stable URLs (`/findings/<id>`), so this never changes.
 */
import { SECTION_KINDS, type SectionKind } from './schema';

/** What an id says: its release, its section (null for a finding) and its number. */
export interface DocIdParts {
  slug: string;
  section: SectionKind | null;
  /** The finding's ordinal, or the paragraph's number among its release's paragraphs of `section`. */
  number: number;
}

const SECTION_ALTERNATIVES = SECTION_KINDS.join('|');
const PARAGRAPH_ID = new RegExp(`^(.+)-(${SECTION_ALTERNATIVES})-(\\d+)$`);
const FINDING_ID = /^(.+)-(\d+)$/;
const ID_TAIL = new RegExp(`^-(?:\\d+|(?:${SECTION_ALTERNATIVES})-\\d+)$`);

export function findingId(slug: string, ordinal: number): string {
  return `${slug}-${ordinal}`;
}

export function paragraphId(slug: string, section: SectionKind, number: number): string {
  return `${slug}-${section}-${number}`;
}

/**
 * The parts of `id`, or null when it has none. An id that reads both ways ("x-quote-1") is a
 * paragraph: slugs contain hyphens, so the section is what tells them apart.
 */
export function parseDocId(id: string): DocIdParts | null {
  const paragraph = PARAGRAPH_ID.exec(id);
  if (paragraph) return { slug: paragraph[1]!, section: paragraph[2] as SectionKind, number: Number(paragraph[3]) };
  const finding = FINDING_ID.exec(id);
  return finding ? { slug: finding[1]!, section: null, number: Number(finding[2]) } : null;
}

/** Whether `tail` is what follows the slug in an id (`-7`, `-quote-1`), for ids split at each hyphen. */
export function isDocIdTail(tail: string): boolean {
  return ID_TAIL.test(tail);
}
