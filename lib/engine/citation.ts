/**
 * How to cite a finding (or paragraph): a readable citation string, BibTeX, RIS and Highwire
 * `citation_*` meta tags, all from the same fields. Pure: the URL and the accessed date are given.
 */
import { facetValueLabel } from '../facets';
import type { SectionKind } from '../schema';
import { parseDocId } from '../finding-id';

/** The author of every release. */
export const INSPECTORATE = 'HM Inspectorate of Constabulary';

/** What a citation is made of: the document and its release (a {@link FindingContext} fits). */
export interface CitationSource {
  finding: { id: string; kind: 'finding' | 'paragraph'; ordinal: number | null; section: SectionKind };
  release: { title: string; force: string | null; year: number | null; date: string | null; inspection: string | null };
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** One line: control characters and runs of whitespace become one space. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, ' ').trim();
}

/** The release's day (`YYYY-MM-DD`) when it has a date. */
function releaseDay(release: CitationSource['release']): string | null {
  const m = release.date ? ISO_DAY.exec(release.date) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "1 May 2026" (UTC, so server and tests agree). */
function longDay(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "finding 7", or "background paragraph 2" for a paragraph. */
export function locatorOf(finding: CitationSource['finding']): string {
  if (finding.kind === 'finding' && finding.ordinal !== null) return `finding ${finding.ordinal}`;
  const n = parseDocId(finding.id)?.number;
  const section = facetValueLabel('section', finding.section).toLowerCase();
  return n !== undefined ? `${section} paragraph ${n}` : `${section} paragraph`;
}

function withStop(s: string): string {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** The citation as one readable string (Harvard-like). */
export function citationText(source: CitationSource, url: string, accessed: Date): string {
  const { release } = source;
  const title = oneLine(release.title);
  const where = [release.force, locatorOf(source.finding)].filter(Boolean).join(', ');
  const parts = [
    `${INSPECTORATE} (${release.year ?? 'n.d.'})`,
    withStop(title),
    withStop(oneLine(where.charAt(0).toUpperCase() + where.slice(1))),
    release.inspection ? withStop(`Press release, ${oneLine(release.inspection)}`) : 'Press release.',
    `Available at: ${url} (accessed ${longDay(accessed)}).`,
  ];
  return parts.join(' ');
}

const BIBTEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  // Not `\{`: BibTeX counts braces even after a backslash, so an escaped lone brace would unbalance the entry.
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** A value safe inside a braced BibTeX field: LaTeX specials escaped, braces always balanced. */
export function escapeBibtex(value: string): string {
  return oneLine(value).replace(/[\\{}&%$#_~^]/g, (c) => BIBTEX_SPECIAL[c]!);
}

/** A URL for a BibTeX `url` field (read verbatim by biblatex): only what would break the entry is encoded. */
function bibtexUrl(url: string): string {
  return oneLine(url).replace(/[{}\\\s]/g, (c) => encodeURIComponent(c));
}

/** A BibTeX key from a document id (ids are already kebab-case; anything else becomes `-`). */
function bibtexKey(id: string): string {
  return id.replace(/[^A-Za-z0-9_:.-]/g, '-') || 'finding';
}

/** A `@misc` entry (BibTeX and biblatex fields), UTF-8. */
export function toBibtex(source: CitationSource, url: string, accessed: Date): string {
  const { release } = source;
  const day = releaseDay(release);
  const note = [release.force, locatorOf(source.finding)].filter(Boolean).join(', ');
  const fields: [string, string][] = [
    ['author', `{${escapeBibtex(INSPECTORATE)}}`],
    // Double braces keep the title's capitals (force and place names).
    ['title', `{${escapeBibtex(release.title)}}`],
    ['howpublished', escapeBibtex(release.inspection ? `Press release, ${release.inspection}` : 'Press release')],
    ...(release.year !== null ? [['year', String(release.year)] as [string, string]] : []),
    ...(day ? [['date', day] as [string, string]] : []),
    ['note', `${escapeBibtex(note.charAt(0).toUpperCase() + note.slice(1))}. Accessed ${isoDay(accessed)}`],
    ['url', bibtexUrl(url)],
    ['urldate', isoDay(accessed)],
  ];
  const width = Math.max(...fields.map(([k]) => k.length));
  const body = fields.map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`).join(',\n');
  return `@misc{${bibtexKey(source.finding.id)},\n${body}\n}\n`;
}

/** One RIS line (`TAG  - value`); RIS has no escapes, so a value is kept to one line. */
function risLine(tag: string, value: string): string {
  return `${tag}  - ${oneLine(value)}`;
}

/** A RIS record (`TY  - PRESS` … `ER  - `), CRLF line ends as the format asks. */
export function toRis(source: CitationSource, url: string, accessed: Date): string {
  const { release } = source;
  const day = releaseDay(release);
  const note = [release.force, locatorOf(source.finding)].filter(Boolean).join(', ');
  const lines = [
    risLine('TY', 'PRESS'),
    risLine('AU', INSPECTORATE),
    risLine('TI', release.title),
    ...(release.inspection ? [risLine('T2', release.inspection)] : []),
    ...(release.year !== null ? [risLine('PY', String(release.year))] : []),
    ...(day ? [risLine('DA', day.replaceAll('-', '/'))] : []),
    risLine('PB', INSPECTORATE),
    risLine('N1', note.charAt(0).toUpperCase() + note.slice(1)),
    risLine('UR', url),
    risLine('Y2', isoDay(accessed).replaceAll('-', '/')),
    risLine('ID', source.finding.id),
    'ER  - ',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Highwire Press tags: `citation_publication_date` as `YYYY/MM/DD`, else the year. */
export function highwireTags(source: CitationSource, url: string): Record<string, string> {
  const { release } = source;
  const day = releaseDay(release);
  const tags: Record<string, string> = {
    citation_title: oneLine(release.title),
    citation_author: INSPECTORATE,
  };
  if (day) tags.citation_publication_date = day.replaceAll('-', '/');
  else if (release.year !== null) tags.citation_publication_date = String(release.year);
  tags.citation_public_url = url;
  tags.citation_publisher = INSPECTORATE;
  return tags;
}
