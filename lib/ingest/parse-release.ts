import { createHash } from 'node:crypto';
import { SearchEngineError } from '../errors';
import { findingId, paragraphId } from '../finding-id';
import {
  RELEASE_FORMAT_VERSION,
  ReleaseSchema,
  type Finding,
  type Paragraph,
  type Release,
  type Section,
  type SectionKind,
  type SourceRef,
  type TopicId,
} from '../schema';
import { sourceFormatOf } from './readers/source-format';
import { inspectionSlugSuffix, recogniseInspection, resolveInspection } from './resolve-inspection';
import { foldForMatchFast } from '../text/fast-fold';
import { normalizeNewlines, normalizeText } from '../text/normalize';
import { splitSentences } from '../text/split-sentences';
import { mergeTopics, topicsOfFolded } from './assign-topics';
import { isCanonicalRelease } from './check-release';
import { classifyUnits, type ClassifiedUnit } from './classify-units';
import { extractFigures, rollUpFigures } from './extract-figures';
import type { ReleaseFrontMatter } from './front-matter';
import { makeSlug } from './make-slug';
import { forceFromFindingsIntro, forceFromReportLink, readInspectorLine, readYear } from './read-metadata';
import { findForceIn } from './resolve-force';
import { displayText, foldedOf, lineAtOffset, splitIntoUnits, type Unit } from './split-units';

/** Options for {@link parseRelease}. */
export interface ParseReleaseOptions {
  /**
   * The source file: its reference (stored as `Release.source`), or just its path relative to the
   * source directory (format from the extension, checksum of `text`). The path is used in errors.
   */
  source: string | SourceRef;
  /** Slug to use instead of the derived one (kebab-cased if needed). Default: derived, see {@link makeSlug}. */
  slugHint?: string;
  /** Validated front matter; each field it sets wins over what the text says. Default: none. */
  frontMatter?: ReleaseFrontMatter | null;
  /** Lines before `text` in the source file (front matter), added to every line number. Default 0. */
  lineOffset?: number;
  /** Page of each line of `text` (index = line - 1; PDF sources): findings and paragraphs get `page`. Default none. */
  linePages?: readonly number[];
  /**
   * The headline as the source states it (a reader's `SourceText.title`): the release's title (front
   * matter `title` still wins), and the first unit is the headline only when it is this text; else
   * the text has no headline unit and every unit is body. Default none: the first line is the headline.
   */
  title?: string;
}

/**
 * Parse one press release (plain text or markdown body) into a {@link Release}. Pure.
 *
 * - `kind` is "force-release" when the text has a findings list for a known force, else "other"
 *   (national releases, news articles: their paragraphs are searchable, `findings` is []). A
 *   findings intro with no list items and no sentences after it also gives "other", with the
 *   intro kept in a "findings" section; a findings list with no identifiable force is kept as
 *   background paragraphs.
 * - Findings are the list items after the intro (`-`, `*`, `•`, PDF `\uF0B7`, `–`; blank lines
 *   between items and wrapped lines allowed). Without any list marker, each sentence between
 *   the intro and the inspector's "said:" is one finding (flattened releases).
 * - Sections are in document order; a kind may repeat, paragraph numbers count per kind over the
 *   whole release so ids (`<slug>-<kind>-<n>`) stay unique. Notes to editors are split per
 *   numbered note, with or without a "Notes to editors" heading (which is dropped).
 * - A truncated text yields what is there. HTML is kept as text.
 * - `boilerplate` is false everywhere; {@link markBoilerplate} sets it across a corpus.
 *
 * Throws `E_PARSE` (file = `source`, line) only when there is no text at all; throws a plain
 * Error if the result violates {@link ReleaseSchema} (a parser bug).
 */
export function parseRelease(text: string, options: ParseReleaseOptions): Release {
  const lineOffset = options.lineOffset ?? 0;
  const body = normalizeNewlines(text);
  const source = typeof options.source === 'string' ? sourceRefOf(options.source, text) : options.source;
  assertHasText(body, source.path, lineOffset);
  const stated = options.title ? normalizeText(options.title) : '';
  // One fold of the whole text; units, topics, figures and the inspection use slices of it.
  const folded = foldForMatchFast(body);
  const classified = classifyUnits(splitIntoUnits(body, lineOffset, folded), { headline: stated || null });
  const fm = options.frontMatter ?? null;
  const meta = readMeta(classified, body, fm, stated || null);
  const inspection = fm?.inspection ? resolveInspection(fm.inspection) : recogniseInspection(body, meta.year, folded);
  const slug = makeSlug({
    slug: options.slugHint ?? fm?.slug,
    force: meta.force,
    year: meta.year,
    suffix: inspectionSlugSuffix(inspection, meta.year),
    source: source.path,
  });
  const pageOf = pageLookup(options.linePages, lineOffset);
  const { sections, findings } = buildContent(classified, slug, meta.force !== null, pageOf);
  if (meta.inspector) for (const s of sections) if (s.kind === 'quote') for (const p of s.paragraphs) p.inspector = meta.inspector;
  const kind = findings.length > 0 ? 'force-release' : 'other';
  const url = fm?.url ?? source.url;
  return validate({
    formatVersion: RELEASE_FORMAT_VERSION,
    slug,
    source: url ? { ...source, url } : source,
    kind,
    ...meta,
    inspection: fm?.inspection ?? inspection?.name ?? null,
    aliases: fm?.aliases ?? [],
    sections,
    findings,
    figures: rollUpFigures(findings),
    topics: releaseTopics(kind, sections, findings),
  });
}

/** A source reference for a text given in memory (tests, tools): checksum and size of `text`. */
function sourceRefOf(path: string, text: string): SourceRef {
  const bytes = Buffer.from(text, 'utf8');
  return { path, format: sourceFormatOf(path), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** Page of a (file) line, or undefined without page information. */
type PageOf = (line: number) => number | undefined;

function pageLookup(linePages: readonly number[] | undefined, lineOffset: number): PageOf {
  if (!linePages || linePages.length === 0) return () => undefined;
  return (line) => linePages[Math.min(Math.max(line - lineOffset - 1, 0), linePages.length - 1)];
}

function assertHasText(body: string, source: string, lineOffset: number): void {
  if (/[\p{L}\p{N}]/u.test(body)) return;
  throw new SearchEngineError('E_PARSE', 'no text to parse (blank or markup-only release)', {
    file: source,
    line: lineOffset + 1,
  });
}

type Meta = Pick<Release, 'title' | 'force' | 'region' | 'inspector' | 'year' | 'date'>;

function readMeta(classified: readonly ClassifiedUnit[], body: string, fm: ReleaseFrontMatter | null, stated: string | null): Meta {
  const headline = stated ?? normalizeText(displayText(firstWithRole(classified, 'headline') ?? classified[0]!.unit));
  const intro = firstWithRole(classified, 'findings-intro');
  const reportLink = firstWithRole(classified, 'report-link');
  const force =
    fm?.force ??
    (intro && forceFromFindingsIntro(displayText(intro))) ??
    (reportLink && forceFromReportLink(displayText(reportLink))) ??
    findForceIn(headline);
  const speaker = firstInspectorLine(classified);
  return {
    title: fm?.title ?? headline,
    force,
    region: fm?.region ?? speaker?.region ?? null,
    inspector: speaker?.inspector ?? null,
    year: fm?.year ?? readYear(body),
    date: fm?.date ?? null,
  };
}

function firstWithRole(classified: readonly ClassifiedUnit[], role: ClassifiedUnit['role']): Unit | undefined {
  return classified.find((c) => c.role === role)?.unit;
}

/** Region and inspector from the first inspector line among the quote paragraphs. */
function firstInspectorLine(classified: readonly ClassifiedUnit[]) {
  for (const { unit, role } of classified) {
    const line = role === 'quote' ? readInspectorLine(displayText(unit)) : null;
    if (line) return line;
  }
  return null;
}

/** A finding before ids, topics and figures are attached. */
interface FindingDraft {
  text: string;
  /** foldForMatch(text). */
  folded: string;
  line: number;
}

const ROLE_SECTION: Partial<Record<ClassifiedUnit['role'], SectionKind>> = {
  headline: 'headline',
  background: 'background',
  'findings-intro': 'findings',
  quote: 'quote',
  'report-link': 'report-link',
  notes: 'notes',
};

function buildContent(
  classified: readonly ClassifiedUnit[],
  slug: string,
  forceSpecific: boolean,
  pageOf: PageOf,
): { sections: Section[]; findings: Finding[] } {
  const sections = new SectionBuilder(slug, pageOf);
  const drafts: FindingDraft[] = [];
  const listHasMarkers = classified.some((c) => c.role === 'finding-item' && c.unit.marker !== null);
  for (const { unit, role } of classified) {
    if (role === 'notes-heading') continue;
    if (!forceSpecific && (role === 'findings-intro' || role === 'finding-item')) {
      // Not a force's findings (no force identified): keep the text searchable as background.
      sections.add('background', unit);
    } else if (role === 'finding-item') {
      addFindingItem(drafts, unit, listHasMarkers);
    } else {
      sections.add(ROLE_SECTION[role]!, unit);
    }
  }
  return { sections: sections.sections, findings: drafts.map((d, i) => toFinding(d, i + 1, slug, pageOf(d.line))) };
}

/** Add one findings-zone unit: a list item, a continuation of the previous one, or sentences. */
function addFindingItem(drafts: FindingDraft[], unit: Unit, listHasMarkers: boolean): void {
  const text = displayText(unit);
  // The display text only turns line breaks into spaces, which fold alike: it folds as the raw text.
  const folded = foldedOf(unit);
  const previous = drafts.at(-1);
  if (unit.marker !== null) {
    drafts.push({ text, folded, line: unit.line });
  } else if (listHasMarkers && previous && continuesPrevious(previous.text, text)) {
    // A wrapped item split off by a blank line (PDF extraction): glue it back.
    previous.text = `${previous.text} ${text}`;
    previous.folded = `${previous.folded} ${folded}`;
  } else if (listHasMarkers) {
    // A paragraph among list items is an item whose marker was lost.
    drafts.push({ text, folded, line: unit.line });
  } else {
    for (const sentence of splitSentences(text)) {
      const end = sentence.start + sentence.text.length;
      drafts.push({ text: sentence.text, folded: folded.slice(sentence.start, end), line: lineAtOffset(unit, sentence.start) });
    }
  }
}

function continuesPrevious(previous: string, next: string): boolean {
  return /^[a-z]/.test(next) && !/[.!?:;]["'\u2019\u201D)*]*$/.test(previous);
}

function toFinding(draft: FindingDraft, ordinal: number, slug: string, page: number | undefined): Finding {
  const id = findingId(slug, ordinal);
  return {
    id,
    ordinal,
    text: draft.text,
    line: draft.line,
    ...(page === undefined ? {} : { page }),
    topics: topicsOfFolded(draft.text, draft.folded),
    figures: extractFigures(draft.text, id, draft.folded),
  };
}

/** Collects paragraphs into sections in document order, numbering paragraphs per kind. */
class SectionBuilder {
  readonly sections: Section[] = [];
  private readonly counts = new Map<SectionKind, number>();

  constructor(
    private readonly slug: string,
    private readonly pageOf: PageOf,
  ) {}

  add(kind: SectionKind, unit: Unit): void {
    let section = this.sections.at(-1);
    if (!section || section.kind !== kind) {
      section = { kind, paragraphs: [] };
      this.sections.push(section);
    }
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const text = displayText(unit);
    const page = this.pageOf(unit.line);
    const topics = topicsOfFolded(text, foldedOf(unit));
    const paragraph: Paragraph = {
      id: paragraphId(this.slug, kind, n),
      text,
      line: unit.line,
      ...(page === undefined ? {} : { page }),
      boilerplate: false,
      topics,
    };
    section.paragraphs.push(paragraph);
  }
}

/**
 * Release-level topics: for a force release, the union of its findings' topics (background and
 * notes mention every topic in every release, so they would make the filter useless); for other
 * releases, the union over non-notes paragraphs.
 */
export function releaseTopics(
  kind: Release['kind'],
  sections: readonly Section[],
  findings: ReadonlyArray<Pick<Finding, 'topics'>>,
): TopicId[] {
  if (kind === 'force-release') return mergeTopics(findings.map((f) => f.topics));
  return mergeTopics(
    sections
      .filter((s) => s.kind !== 'notes')
      .flatMap((s) => s.paragraphs.filter((p) => !p.boilerplate).map((p) => p.topics)),
  );
}

function validate(release: Release): Release {
  // Already exactly what the schema would return: skip zod's deep copy (a tenth of the parse).
  if (isCanonicalRelease(release)) return release;
  const result = ReleaseSchema.safeParse(release);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `parser bug: release from ${release.source.path} violates ReleaseSchema at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return result.data;
}
