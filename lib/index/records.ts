/**
 * Stored records, each text once:
 *
 * - a document record is what the columns do not hold of the unit (a finding or a paragraph) as a
 *   JSON head, then its text; a copy of shared boilerplate whose text is its owner's has no text;
 * - a release record is the release without its documents: a section whose paragraphs are
 *   documents keeps only their count, and the findings only theirs. Reading a release back reads its
 *   documents' records (contiguous: one read) and puts them in place, in the order of doc-units.ts.
 *
 * A {@link StoredDoc} (what a hit shows) is a document record plus its release's fields.
 */
import { TOPIC_IDS, type Figures, type Finding, type Paragraph, type Release, type SectionKind, type TopicId } from '../schema';
import { findingId, paragraphId } from '../finding-id';
import type { StoredDoc } from './documents';
import { sectionIsDocs, type DocUnit } from './doc-units';

/** A release record: the release with its documents' units taken out. */
export interface StoredRelease extends Omit<Release, 'sections' | 'findings'> {
  sections: ({ kind: SectionKind; docs: number } | { kind: SectionKind; paragraphs: Paragraph[] })[];
  /** Number of findings (all documents). */
  findings: number;
}

/**
 * What a document's record leaves out because the columns hold it (kind, section, ordinal,
 * boilerplate flag, inspector, topic bits) or because it follows from them (the id, by the parser's
 * rule: `<slug>-<ordinal>`, `<slug>-<section>-<n>`; the topics, in TOPIC_IDS order). A unit whose id
 * or topics do not follow the rule keeps them in its record.
 */
export interface DocContext {
  kind: 'finding' | 'paragraph';
  section: SectionKind;
  slug: string;
  ordinal: number;
  /** 1-based number of a paragraph among its release's paragraphs of its section. */
  paragraphNumber: number;
  boilerplate: boolean;
  inspector: string | null;
  topicBits: number;
}

/**
 * A document record as stored: this head as JSON, a newline, then the text (UTF-8, not escaped);
 * no text for a copy whose text is exactly its owner's.
 */
export interface DocRecordHead {
  line: number;
  page?: number;
  figures?: Figures;
  id?: string;
  topics?: TopicId[];
}

function derivedId(context: DocContext): string {
  return context.kind === 'finding' ? findingId(context.slug, context.ordinal) : paragraphId(context.slug, context.section, context.paragraphNumber);
}

function topicsOf(bits: number): TopicId[] {
  return TOPIC_IDS.filter((_, i) => bits & (1 << i));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The head of `unit`'s record in `context` (JSON, ending with the newline before the text). */
export function docRecordHead(unit: Finding | Paragraph, context: DocContext): string {
  const head: DocRecordHead = { line: unit.line };
  if (unit.page !== undefined) head.page = unit.page;
  if (context.kind === 'finding') head.figures = (unit as Finding).figures;
  if (unit.id !== derivedId(context)) head.id = unit.id;
  if (!sameList(unit.topics, topicsOf(context.topicBits))) head.topics = unit.topics;
  return JSON.stringify(head) + '\n';
}

/** A record's head and its text bytes (empty for a copy of its owner's text). */
export function splitDocRecord(bytes: Buffer): { head: DocRecordHead; text: Buffer } {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new SyntaxError('a document record has no head');
  return { head: JSON.parse(bytes.toString('utf8', 0, newline)) as DocRecordHead, text: bytes.subarray(newline + 1) };
}

/** The unit of a record head in `context`, with its text, as the release holds it. */
export function decodeDocRecord(head: DocRecordHead, context: DocContext, text: string): Finding | Paragraph {
  const id = head.id ?? derivedId(context);
  const topics = head.topics ?? topicsOf(context.topicBits);
  const page = head.page === undefined ? {} : { page: head.page };
  if (context.kind === 'finding') return { id, ordinal: context.ordinal, text, line: head.line, ...page, topics, figures: head.figures ?? {} };
  return { id, text, line: head.line, ...page, boilerplate: context.boilerplate, topics, ...(context.inspector === null ? {} : { inspector: context.inspector }) };
}

export function stripRelease(release: Release): StoredRelease {
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
    sections: release.sections.map((s) => (sectionIsDocs(s.kind, release) ? { kind: s.kind, docs: s.paragraphs.length } : { kind: s.kind, paragraphs: s.paragraphs })),
    findings: release.findings.length,
    figures: release.figures,
    topics: release.topics,
  };
}

/** The release of `stored` with its documents' units (`units[i]` is its i-th document, texts filled in). */
export function restoreRelease(stored: StoredRelease, units: readonly (Finding | Paragraph)[]): Release {
  let k = 0;
  const take = (count: number) => {
    const out = units.slice(k, k + count);
    k += count;
    return out;
  };
  let findings: Finding[] = [];
  const sections = stored.sections.map((s) => {
    if ('docs' in s) return { kind: s.kind, paragraphs: take(s.docs) as Paragraph[] };
    findings = take(stored.findings) as Finding[];
    return { kind: s.kind, paragraphs: s.paragraphs };
  });
  if (!stored.sections.some((s) => s.kind === 'findings') && stored.findings > 0) findings = take(stored.findings) as Finding[];
  return {
    formatVersion: stored.formatVersion,
    slug: stored.slug,
    source: stored.source,
    kind: stored.kind,
    title: stored.title,
    force: stored.force,
    region: stored.region,
    inspector: stored.inspector,
    year: stored.year,
    date: stored.date,
    inspection: stored.inspection,
    aliases: stored.aliases,
    sections,
    findings,
    figures: stored.figures,
    topics: stored.topics,
  };
}

/** The release fields every document of it shows. */
export type DocRelease = Pick<Release, 'slug' | 'title' | 'force' | 'region' | 'inspection' | 'year'>;

/** The hit-side document of a unit (as lib/index/documents.ts flattens it), given its text. */
export function storedDocOf(doc: Pick<DocUnit, 'kind' | 'section'>, unit: Finding | Paragraph, text: string, release: DocRelease): StoredDoc {
  const finding = doc.kind === 'finding' ? (unit as Finding) : null;
  const paragraph = finding ? null : (unit as Paragraph);
  return {
    id: unit.id,
    kind: doc.kind,
    releaseSlug: release.slug,
    title: release.title,
    force: release.force,
    region: release.region,
    inspection: release.inspection,
    year: release.year,
    section: doc.section,
    inspector: paragraph?.inspector ?? null,
    ordinal: finding ? finding.ordinal : null,
    topics: unit.topics,
    figures: finding ? finding.figures : {},
    text,
    boilerplate: paragraph ? paragraph.boilerplate : false,
    line: unit.line,
    page: unit.page ?? null,
  };
}
