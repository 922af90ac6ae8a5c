/**
 * Turn release text into "units": paragraphs, list items and headings with their source line.
 * A unit is the smallest thing the section classifier looks at.
 */
import { foldForMatchFast } from '../text/fast-fold';

/** A paragraph, list item or heading of the source text. */
export interface Unit {
  /** Text with list marker / heading marks removed; the original lines, trimmed, joined by `\n`. */
  raw: string;
  /** 1-based source line where the unit starts. */
  line: number;
  /** List marker kind: a bullet (`-`, `*`, `•`, PDF `\uF0B7`, `–` …), a number ("1.") or none. */
  marker: 'bullet' | 'number' | null;
  /** The number of a numbered item ("3." → 3), else null. */
  number: number | null;
  /** True for a markdown heading line (`## …`). */
  heading: boolean;
  /**
   * foldForMatch(`foldedRaw`), or null: the fold of `raw` while `foldedRaw === raw` (see
   * {@link foldedOf}). Carried along so that one fold of the whole text serves classification,
   * topics and figures: folding the same text again at each step was a hot spot.
   */
  folded: string | null;
  foldedRaw: string | null;
}

/**
 * foldForMatch(unit.raw), kept on the unit. A fold is length-preserving and folds each UTF-16 unit
 * on its own, so the fold of a slice is the slice of the fold: units cut from a folded text carry
 * theirs. A unit copied with other text (`{ ...unit, raw }`) fails the `foldedRaw` check and is folded anew.
 */
export function foldedOf(unit: Unit): string {
  if (unit.folded !== null && unit.foldedRaw === unit.raw) return unit.folded;
  const folded = foldForMatchFast(unit.raw);
  unit.folded = folded;
  unit.foldedRaw = unit.raw;
  return folded;
}

/**
 * Bullet markers seen in scraped releases: markdown `-`/`*`/`+` (need a space after, so `*emphasis*`
 * is not a bullet), en/em dashes, and symbol bullets incl. the PDF private-use `\uF0B7`/`\uF0A7`
 * (which may be glued to the text).
 */
const BULLET = /^\s*(?:[-*+\u2013\u2014](?:\s+|$)|[\u2022\u25CF\u25AA\u25E6\u00B7\u2023\u2043\u2219\uF0B7\uF0A7]\s*)/;
const NUMBERED = /^\s*(\d{1,2})[.)]\s+(?=\S)/;
const HEADING = /^\s{0,3}#{1,6}\s+/;
/** Markdown thematic break (`---`, `***`, `___`): a separator, not text. */
const THEMATIC_BREAK = /^\s*([-*_])(?:\s*\1){2,}\s*$/;

/**
 * Split text (newlines already `\n`) into units. Blank lines end a unit; a line starting with a
 * list marker or a number starts a new one; other lines continue the current unit (wrapped
 * paragraphs and wrapped bullets); markdown thematic breaks count as blank lines. Line n of `text`
 * is reported as line n + `lineOffset` (default 0: no front matter before the text).
 */
export function splitIntoUnits(text: string, lineOffset = 0, folded: string | null = null): Unit[] {
  // `folded`, when given, is foldForMatch(text): units get slices of it (see foldedOf).
  // No closures here: under tsx (keepNames) every closure created costs a defineProperty call.
  const units: Unit[] = [];
  let current: Unit | null = null;
  for (let lineStart = 0, index = 0; lineStart <= text.length; index++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const sourceLine = text.slice(lineStart, lineEnd);
    const foldedLine = folded === null ? null : folded.slice(lineStart, lineEnd);
    lineStart = lineEnd + 1;
    const line = index + 1 + lineOffset;
    const [from, to] = trimmedRange(sourceLine, 0);
    if (from === to || THEMATIC_BREAK.test(sourceLine)) {
      flushUnit(units, current);
      current = null;
      continue;
    }
    const start = startOfUnit(sourceLine, line, foldedLine);
    if (start) {
      flushUnit(units, current);
      current = null;
      if (start.heading) units.push(start);
      else current = start;
    } else if (current) {
      const unit: Unit = current;
      const trimmed = sourceLine.slice(from, to);
      const foldedTrimmed = foldedLine === null ? null : foldedLine.slice(from, to);
      // A valid fold of the unit extends by the fold of "\n" (a space) and of the line.
      const foldValid = unit.folded !== null && unit.foldedRaw === unit.raw && foldedTrimmed !== null;
      unit.folded = !foldValid ? null : unit.raw === '' ? foldedTrimmed : `${unit.folded} ${foldedTrimmed}`;
      unit.raw = unit.raw === '' ? trimmed : `${unit.raw}\n${trimmed}`;
      unit.foldedRaw = unit.folded === null ? null : unit.raw;
    } else {
      current = unitOf(sourceLine.slice(from, to), line, null, null, false, foldedLine === null ? null : foldedLine.slice(from, to));
    }
  }
  flushUnit(units, current);
  return units;
}

function flushUnit(units: Unit[], current: Unit | null): void {
  if (current && current.raw.trim() !== '') units.push(current);
}

function unitOf(raw: string, line: number, marker: Unit['marker'], number: number | null, heading: boolean, folded: string | null): Unit {
  return { raw, line, marker, number, heading, folded, foldedRaw: folded === null ? null : raw };
}

/** Start and end of `text.slice(from).trim()` in `text`. */
function trimmedRange(text: string, from: number): [number, number] {
  let start = from;
  let end = text.length;
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

const WHITESPACE = /\s/;

/** What `trim()` removes (the same set as `\s`). */
function isWhitespace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  return c >= 0x80 && WHITESPACE.test(String.fromCharCode(c));
}

/** A new unit when the line starts with a list marker, a number or a heading mark; else null. */
function startOfUnit(sourceLine: string, line: number, foldedLine: string | null): Unit | null {
  const heading = HEADING.exec(sourceLine);
  if (heading) {
    const raw = sourceLine.slice(heading[0].length).replace(/\s+#+\s*$/, '').trim();
    return unitOf(raw, line, null, null, true, null);
  }
  const bullet = BULLET.exec(sourceLine);
  if (bullet) {
    const [from, to] = trimmedRange(sourceLine, bullet[0].length);
    return unitOf(sourceLine.slice(from, to), line, 'bullet', null, false, foldedLine === null ? null : foldedLine.slice(from, to));
  }
  const numbered = NUMBERED.exec(sourceLine);
  if (numbered) {
    const [from, to] = trimmedRange(sourceLine, numbered[0].length);
    return unitOf(sourceLine.slice(from, to), line, 'number', Number(numbered[1]), false, foldedLine === null ? null : foldedLine.slice(from, to));
  }
  return null;
}

/** Display text of a unit: wrapped lines joined with a single space. */
export function displayText(unit: Pick<Unit, 'raw'>): string {
  return unit.raw.replace(/\n/g, ' ');
}

/**
 * Split a unit at `offset` into its head and tail (both trimmed); the tail's line is computed from
 * the newlines before it. `tailMarker` marks the tail as a list item when the split was at an
 * inline bullet or note number (whose marker text the caller has excluded via `skip`).
 */
export function splitUnitAt(
  unit: Unit,
  offset: number,
  options: { skip?: number; tailMarker?: Unit['marker']; tailNumber?: number | null } = {},
): [Unit, Unit] {
  const tailStart = offset + (options.skip ?? 0);
  const rest = unit.raw.slice(tailStart);
  const leading = rest.length - rest.trimStart().length;
  const headRaw = unit.raw.slice(0, offset).trimEnd();
  const tailRaw = rest.trim();
  // Both parts are slices of the unit's text, so their folds are slices of its fold.
  const folded = unit.folded !== null && unit.foldedRaw === unit.raw ? unit.folded : null;
  const head: Unit = { ...unit, raw: headRaw, folded: folded?.slice(0, headRaw.length) ?? null, foldedRaw: folded === null ? null : headRaw };
  const tailFrom = tailStart + leading;
  const tail = unitOf(
    tailRaw,
    unit.line + countNewlines(unit.raw.slice(0, tailFrom)),
    options.tailMarker ?? null,
    options.tailNumber ?? null,
    false,
    folded?.slice(tailFrom, tailFrom + tailRaw.length) ?? null,
  );
  return [head, tail];
}

/** 1-based source line of character `offset` of a unit's raw/display text. */
export function lineAtOffset(unit: Pick<Unit, 'raw' | 'line'>, offset: number): number {
  return unit.line + countNewlines(unit.raw.slice(0, offset));
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) n++;
  return n;
}
