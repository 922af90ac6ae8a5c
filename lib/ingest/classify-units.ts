/**
 * The release layout as a state machine: headline → background → findings intro + findings →
 * inspector's quote → report link → notes to editors. Each unit gets a role; units holding more
 * than one part (a release flattened into one paragraph) are split at the markers first.
 */
import { normalizeText, WHITESPACE_TO_COLLAPSE } from '../text/normalize';
import { splitSentences } from '../text/split-sentences';
import { displayText, foldedOf, splitUnitAt, type Unit } from './split-units';

/** What a unit is in the release layout. */
export type Role =
  | 'headline'
  | 'background'
  | 'findings-intro'
  | 'finding-item'
  | 'quote'
  | 'report-link'
  | 'notes'
  | 'notes-heading';

/** A unit with its role. */
export interface ClassifiedUnit {
  unit: Unit;
  role: Role;
}

type State = 'start' | 'background' | 'findings' | 'quote' | 'report-link' | 'notes';

// Marker patterns run on foldForMatch text (lower case, same length as the raw text).
/**
 * "In Essex Police, HMIC found:", "HMIC found that:", "Based on the data provided by the force,
 * HMIC found that:", "The inspection found that:". The colon is required: "HMIC found no
 * evidence …" is prose.
 */
const FINDINGS_INTRO =
  /(?:\b(?:in|across|within)\s+[^.:,;!?]{1,60}?,\s*|\bbased\s+on\s+[^.:;!?]{1,120}?,\s*)?\b(?:hmic|we|inspectors|(?:the|hmic's)\s+(?:inspection|review|revisit))\s+(?:also\s+)?found(?:\s+that)?\s*:/;
/** "HM Inspector of Constabulary for the Eastern Region, Zoë Billingham, said:" and variants. */
const INSPECTOR = /\b(?:hm|her\s+majesty's|his\s+majesty's)\s+(?:chief\s+)?inspector\s+of\s+constabulary\b/;
/** Where a speaker line ends: "said:", "said," or a colon. */
const SPEECH_VERB_END = /\b(?:said|says|commented|added|stated)\b\s*[:,]?|:/;
/** "Chief Constable Jim Smith said:" on its own (no sentence end before "said"). */
const SPEAKER_LINE = /^[^.!?:"]{3,150}?\b(?:said|says|commented|added)\s*:/;
const SPEAKER_LINE_END = /^[^.!?"]{3,150}?\b(?:said|says|commented|added)\s*[:,]?$/;
const REPORT_LINK = /\bthe\s+full\s+report\s+(?:for|on|into|of)\b/;
const NOTES_HEADING_ALONE = /^notes?\s+(?:to|for)\s+editors?\s*:?$/;
/** An inline "Notes to editors" in flattened text: followed by note 1 or the end. */
const NOTES_HEADING_INLINE = /\bnotes?\s+(?:to|for)\s+editors?\s*:?(?=\s*(?:1[.)]\s|$))/;
const INLINE_BULLET = /\s[\u2022\u25CF\u25AA\uF0B7\uF0A7]\s/;
const INLINE_BULLET_CHAR = /[\u2022\u25CF\u25AA\uF0B7\uF0A7]/;
/** Navigation lines a web scrape may put before the headline. */
const NAVIGATION = /^(?:skip\s+to\s+(?:main\s+)?content|menu|search|home|cookies?\b.*|home\s*[>›»|/].*|you\s+are\s+here\b.*)$/;

/** Headlines longer than this are assumed to be flattened text; their first sentence is the headline. */
const MAX_HEADLINE_LENGTH = 250;

/** Mutable parser state carried from unit to unit. */
interface Machine {
  state: State;
  /** Whether findings are a numbered list (then numbers do not start notes); null before the first item. */
  findingsNumbered: boolean | null;
  /** The inspector's quote has closed (last quote paragraph ended with a closing quote mark). */
  quoteClosed: boolean;
  /** Number the next notes-to-editors item would carry. */
  nextNote: number;
  /** The headline the source states (see {@link ClassifyOptions}), as {@link headlineKey}; null when it states none. */
  headline: string | null;
}

/** Options for {@link classifyUnits}. */
export interface ClassifyOptions {
  /**
   * The headline as the source states it (an HTML page's `<h1>`). The first unit is the headline
   * only when it is this text; otherwise the text shows no headline and every unit is body.
   * Default: none, the first line is the headline.
   */
  headline?: string | null;
}

/**
 * Give every unit its role, splitting units that hold several parts. Pure.
 *
 * Roles by position: the first text unit is the headline (with a stated headline, only when it is
 * that text); units before a findings intro are background; list items and paragraphs after it
 * are finding items until the inspector's "… said:" line (or an opening quote mark, the report
 * link, a notes heading or a numbered note); quote paragraphs follow until the report link;
 * anything after the report link is notes.
 */
export function classifyUnits(units: readonly Unit[], options: ClassifyOptions = {}): ClassifiedUnit[] {
  const headline = options.headline ? headlineKey(options.headline) : '';
  const machine: Machine = { state: 'start', findingsNumbered: null, quoteClosed: false, nextNote: 1, headline: headline || null };
  // A stack (the next unit on top), so that putting split-off text first costs no array copies.
  const pending: Unit[] = [];
  for (let i = units.length - 1; i >= 0; i--) pending.push(units[i]!);
  const out: ClassifiedUnit[] = [];
  while (pending.length > 0) {
    const unit = pending.pop()!;
    const [head, tail] = splitAtNextMarker(unit, foldedOf(unit), machine);
    const [classified, rest] = classifyOne(head, foldedOf(head), machine);
    out.push(classified);
    // Text split off the head is classified next, before the tail after the next marker.
    if (tail && tail.raw !== '') pending.push(tail);
    for (let i = rest.length - 1; i >= 0; i--) if (rest[i]!.raw !== '') pending.push(rest[i]!);
  }
  return out.filter((c) => c.unit.raw !== '');
}

/**
 * Views of a unit's text used for matching: `folded` (same length as the raw text), where the
 * first word starts, and `short` — folded with whitespace collapsed — for whole-unit tests of
 * short units (headings, speaker lines); empty for long units, which are never such lines.
 */
interface TextView {
  folded: string;
  start: number;
  short: string;
}

const SHORT_UNIT_LENGTH = 200;

function viewOf(folded: string): TextView {
  const short = folded.length <= SHORT_UNIT_LENGTH ? folded.replace(WHITESPACE_TO_COLLAPSE, ' ').trim() : '';
  return { folded, start: leadingNoise(folded), short };
}

/** Classify one unit; may split off units (text after "HMIC found:" or "said:") to classify next. */
function classifyOne(unit: Unit, folded: string, m: Machine): [ClassifiedUnit, Unit[]] {
  const view = viewOf(folded);
  const intro = m.state === 'start' || m.state === 'background' || m.state === 'findings' ? introAtStart(view) : null;
  // A text that starts with its findings intro has no headline (the title falls back to the intro).
  if (m.state === 'start' && !intro) {
    return m.headline === null ? classifyHeadline(unit, m) : classifyStatedHeadline(unit, folded, m, m.headline);
  }
  if (NOTES_HEADING_ALONE.test(view.short) || (folded.includes(NOTES_MARKER.keyword) && matchAtStart(NOTES_HEADING_INLINE, view))) {
    return enterNotes(unit, folded, m);
  }
  if (m.state === 'notes') return [asNote(unit, m), []];
  if (intro) {
    m.state = 'findings';
    return splitAfter(unit, intro.index + intro[0].length, 'findings-intro');
  }
  // A list item is never a speaker line: bullets may quote people without ending the findings.
  const speakerEnd = unit.marker === null ? speakerLineEnd(view) : null;
  if (speakerEnd !== null && m.state !== 'report-link') {
    m.state = 'quote';
    m.quoteClosed = false;
    return splitAfter(unit, speakerEnd, 'quote');
  }
  if (matchAtStart(REPORT_LINK, view)) {
    m.state = 'report-link';
    return [{ unit, role: 'report-link' }, []];
  }
  return [classifyByState(unit, folded, m), []];
}

/** Every findings intro ends so: a text without it has none (and spares a scan with the costly intro regex). */
const INTRO_END = /found(?:\s+that)?\s*:/;

/** The findings intro the unit starts with, else null (one sticky attempt: cheap). */
function introAtStart(view: TextView): RegExpExecArray | null {
  return matchAtStart(FINDINGS_INTRO, view);
}

/** Match of `re` starting exactly where the unit's first word starts, else null. */
function matchAtStart(re: RegExp, view: TextView): RegExpExecArray | null {
  const sticky = re.sticky ? re : stickyVersion(re);
  sticky.lastIndex = view.start;
  return sticky.exec(view.folded);
}

function classifyHeadline(unit: Unit, m: Machine): [ClassifiedUnit, Unit[]] {
  const firstLineEnd = unit.raw.indexOf('\n');
  if (firstLineEnd > 0) {
    // The headline is the first line; lines under it without a blank line (a scraped page's
    // byline, a navigation link) are the next unit.
    const [firstLine, others] = splitUnitAt(unit, firstLineEnd);
    const [classified, rest] = classifyHeadline(firstLine, m);
    return [classified, [...rest, others]];
  }
  if (NAVIGATION.test(normalizeText(unit.raw).toLowerCase())) return [{ unit, role: 'background' }, []];
  m.state = 'background';
  const text = displayText(unit);
  if (text.length <= MAX_HEADLINE_LENGTH) return [{ unit, role: 'headline' }, []];
  const first = splitSentences(text)[0];
  const end = first ? first.start + first.text.length : text.length;
  if (end >= text.length || end > MAX_HEADLINE_LENGTH) return [{ unit, role: 'headline' }, []];
  return splitAfter(unit, end, 'headline');
}

/**
 * The first unit when the source states its headline: the headline when it is that text (or its
 * first line is, with lines under it); else body, as after a headline, so that a label, date or
 * caption above the headline is never taken for it.
 */
function classifyStatedHeadline(unit: Unit, folded: string, m: Machine, headline: string): [ClassifiedUnit, Unit[]] {
  m.state = 'background';
  if (headlineKey(displayText(unit)) === headline) return [{ unit, role: 'headline' }, []];
  const firstLineEnd = unit.raw.indexOf('\n');
  if (firstLineEnd > 0 && headlineKey(unit.raw.slice(0, firstLineEnd)) === headline) {
    const [firstLine, others] = splitUnitAt(unit, firstLineEnd);
    return [{ unit: firstLine, role: 'headline' }, [others]];
  }
  return classifyOne(unit, folded, m);
}

/** A headline compared as normalised text with collapsed whitespace (markdown, quotes and dashes aside). */
function headlineKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

function classifyByState(unit: Unit, folded: string, m: Machine): ClassifiedUnit {
  switch (m.state) {
    case 'findings':
      return classifyInFindings(unit, folded, m);
    case 'quote':
      return classifyInQuote(unit, folded, m);
    case 'report-link':
      return asNote(unit, m);
    default:
      return { unit, role: 'background' };
  }
}

function classifyInFindings(unit: Unit, folded: string, m: Machine): ClassifiedUnit {
  if (unit.marker === 'number' && m.findingsNumbered === false) return asNote(unit, m);
  if (unit.marker !== null) {
    m.findingsNumbered ??= unit.marker === 'number';
    return { unit, role: 'finding-item' };
  }
  if (opensQuote(folded)) {
    m.state = 'quote';
    m.quoteClosed = closesQuote(folded);
    return { unit, role: 'quote' };
  }
  return { unit, role: 'finding-item' };
}

function classifyInQuote(unit: Unit, folded: string, m: Machine): ClassifiedUnit {
  if (unit.marker === 'number') return asNote(unit, m);
  if (m.quoteClosed && !opensQuote(folded)) {
    // Text after a closed quote that is neither the report link nor notes: more article body.
    m.state = 'background';
    return { unit, role: 'background' };
  }
  m.quoteClosed = closesQuote(folded);
  return { unit, role: 'quote' };
}

function enterNotes(unit: Unit, folded: string, m: Machine): [ClassifiedUnit, Unit[]] {
  m.state = 'notes';
  const heading = NOTES_HEADING_INLINE.exec(folded) ?? /notes?\s+(?:to|for)\s+editors?\s*:?/.exec(folded);
  const end = heading ? heading.index + heading[0].length : unit.raw.length;
  const [classified, rest] = splitAfter(unit, end, 'notes-heading');
  return [classified, rest.map(withLeadingNumber)];
}

function asNote(unit: Unit, m: Machine): ClassifiedUnit {
  m.state = 'notes';
  if (unit.number !== null) m.nextNote = unit.number + 1;
  return { unit, role: 'notes' };
}

/** Offset of the first character after "… said:" when the unit starts with a speaker line, else null. */
function speakerLineEnd(view: TextView): number | null {
  const { folded, start } = view;
  const inspector = matchAtStart(INSPECTOR, view);
  if (inspector) {
    const after = inspector.index + inspector[0].length;
    const verb = SPEECH_VERB_END.exec(folded.slice(after));
    return verb ? after + verb.index + verb[0].length : folded.length;
  }
  if (SPEAKER_LINE_END.test(view.short)) return folded.length;
  const speaker = SPEAKER_LINE.exec(folded.slice(start));
  return speaker ? start + speaker[0].length : null;
}

/** Role for the text up to `end`; the rest (if any) becomes a new unit to classify next. */
function splitAfter(unit: Unit, end: number, role: Role): [ClassifiedUnit, Unit[]] {
  if (unit.raw.slice(end).trim() === '') return [{ unit, role }, []];
  const [head, tail] = splitUnitAt(unit, end);
  return [{ unit: head, role }, [tail]];
}

/** A unit whose text starts with "3. " (split out of flattened notes) as a numbered item. */
function withLeadingNumber(unit: Unit): Unit {
  const m = /^(\d{1,2})[.)][ \t]+(?=\S)/.exec(unit.raw);
  if (unit.marker !== null || !m) return unit;
  return { ...unit, raw: unit.raw.slice(m[0].length), marker: 'number', number: Number(m[1]) };
}

/**
 * Split a unit before the first later marker that starts a new part in the current state
 * (findings intro, inspector line, report link, notes heading, inline bullet, next note number).
 */
function splitAtNextMarker(unit: Unit, folded: string, m: Machine): [Unit, Unit | null] {
  const from = leadingNoise(folded) + 1;
  // The earliest marker at or after `from` (ties: the first found). No closure: under tsx
  // (keepNames) each one created costs a defineProperty call, and this runs for every unit.
  let at = -1;
  let skip = 0;
  let marker: Unit['marker'] = null;
  let number: number | null = null;
  for (const candidate of markersFor(m.state)) {
    // The keyword test is a cheap filter: most units hold no marker at all.
    const hit = folded.includes(candidate.keyword) && (!candidate.filter || candidate.filter.test(folded)) ? findFrom(folded, candidate.re, from) : null;
    if (hit && hit.index >= from && (at < 0 || hit.index < at)) {
      at = hit.index;
      skip = 0;
      marker = null;
      number = null;
    }
  }
  if (m.state !== 'start' && m.state !== 'notes' && INLINE_BULLET_CHAR.test(folded)) {
    const bullet = findFrom(folded, INLINE_BULLET, from);
    if (bullet && bullet.index + 1 >= from && (at < 0 || bullet.index + 1 < at)) {
      at = bullet.index + 1;
      skip = bullet[0].length - 1;
      marker = 'bullet';
      number = null;
    }
  }
  const expected = nextNoteNumber(unit, m);
  // "3." or "3)" is in every match: most units have neither, and spare the Unicode regex.
  if (expected !== null && hasNoteNumber(unit.raw, expected)) {
    const note = findFrom(unit.raw, noteNumberPattern(expected), from);
    if (note && note.index >= from && (at < 0 || note.index < at)) {
      at = note.index;
      skip = note[0].length;
      marker = 'number';
      number = expected;
    }
  }
  if (at < 0) return [unit, null];
  return splitUnitAt(unit, at, { skip, tailMarker: marker, tailNumber: number });
}

/** The note number that would start a new note inside this unit, or null where notes cannot start. */
function nextNoteNumber(unit: Unit, m: Machine): number | null {
  if (m.state !== 'notes' && m.state !== 'quote' && m.state !== 'report-link') return null;
  if (unit.marker === 'number' && unit.number !== null) return unit.number + 1;
  return m.state === 'notes' ? m.nextNote : 1;
}

/** An inline marker and a substring every match contains. */
interface Marker {
  re: RegExp;
  keyword: string;
  /** A stricter test than the keyword that every match also passes, when there is one. */
  filter?: RegExp;
}

const INTRO_MARKER: Marker = { re: FINDINGS_INTRO, keyword: 'found', filter: INTRO_END };
const INSPECTOR_MARKER: Marker = { re: INSPECTOR, keyword: 'inspector' };
const REPORT_MARKER: Marker = { re: REPORT_LINK, keyword: 'report' };
const NOTES_MARKER: Marker = { re: NOTES_HEADING_INLINE, keyword: 'editor' };

const MARKERS_BEFORE_FINDINGS: readonly Marker[] = [INTRO_MARKER, INSPECTOR_MARKER, REPORT_MARKER, NOTES_MARKER];
const MARKERS_IN_FINDINGS: readonly Marker[] = [INSPECTOR_MARKER, REPORT_MARKER, NOTES_MARKER];
const MARKERS_IN_QUOTE: readonly Marker[] = [REPORT_MARKER, NOTES_MARKER];

function markersFor(state: State): readonly Marker[] {
  switch (state) {
    case 'start':
    case 'background':
      return MARKERS_BEFORE_FINDINGS;
    case 'findings':
      return MARKERS_IN_FINDINGS;
    case 'quote':
    case 'report-link':
      return MARKERS_IN_QUOTE;
    default:
      return [];
  }
}

/**
 * First match of `re` starting at or after `from`. Matching starts at 0 so that a marker starting
 * before `from` ("In Essex Police, HMIC found:" at 0) hides the shorter match inside it ("HMIC found:").
 */
function findFrom(text: string, re: RegExp, from: number): RegExpExecArray | null {
  const global = globalVersion(re);
  global.lastIndex = 0;
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    if (m.index >= from) return m;
    if (m[0].length === 0) global.lastIndex++;
  }
  return null;
}

const GLOBAL_VERSIONS = new Map<RegExp, RegExp>();
const STICKY_VERSIONS = new Map<RegExp, RegExp>();

/** A cached copy of `re` with the `g` flag (compiling regexes per unit was a hot spot). */
function globalVersion(re: RegExp): RegExp {
  return withFlag(GLOBAL_VERSIONS, re, 'g');
}

/** A cached copy of `re` with the `y` (sticky) flag, to match at one position only. */
function stickyVersion(re: RegExp): RegExp {
  return withFlag(STICKY_VERSIONS, re, 'y');
}

function withFlag(cache: Map<RegExp, RegExp>, re: RegExp, flag: string): RegExp {
  let copy = cache.get(re);
  if (!copy) {
    copy = new RegExp(re.source, re.flags.includes(flag) ? re.flags : re.flags + flag);
    cache.set(re, copy);
  }
  return copy;
}

const NOTE_NUMBER_PATTERNS = new Map<number, RegExp>();
const NOTE_NUMBER_TEXTS = new Map<number, readonly [string, string]>();

/** Whether `text` holds "n." or "n)", which every {@link noteNumberPattern} match does. */
function hasNoteNumber(text: string, n: number): boolean {
  let texts = NOTE_NUMBER_TEXTS.get(n);
  if (!texts) NOTE_NUMBER_TEXTS.set(n, (texts = [`${n}.`, `${n})`]));
  return text.includes(texts[0]) || text.includes(texts[1]);
}

/** "3. " preceded by a space and followed by a capital or an opening quote: note 3 starting inline. */
function noteNumberPattern(n: number): RegExp {
  let re = NOTE_NUMBER_PATTERNS.get(n);
  if (!re) {
    re = new RegExp(`(?<=\\s)${n}[.)]\\s+(?=[\\p{Lu}"'\\u201C\\u2018])`, 'gu');
    NOTE_NUMBER_PATTERNS.set(n, re);
  }
  return re;
}

/**
 * Length of leading markdown/quote noise ("**", "> ") before the first word of a unit: the run of
 * `[\s*_>#]`, read without a regex match (it runs several times per unit).
 */
function leadingNoise(folded: string): number {
  let i = 0;
  for (; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c === 0x20 || c === 0x2a || c === 0x5f || c === 0x3e || c === 0x23 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0x80 || !WHITESPACE.test(folded[i]!)) break;
  }
  return i;
}

const WHITESPACE = /\s/;
const OPENS_QUOTE = /^\s*"/;
const CLOSES_QUOTE = /"\W*$/;

/** Folded text starts with a double quote, after markdown (curly quotes are already `"`). */
function opensQuote(folded: string): boolean {
  return OPENS_QUOTE.test(folded);
}

/** Folded text ends with a double quote, possibly followed by punctuation or markdown. */
function closesQuote(folded: string): boolean {
  return CLOSES_QUOTE.test(folded);
}
