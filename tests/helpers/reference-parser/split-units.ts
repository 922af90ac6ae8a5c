// Frozen copy of lib/ingest/split-units.ts at commit a25ef1a (before the parser was made faster), on the frozen text helpers: the reference tests/ingest/classify-equivalence.test.ts fuzzes against. Do not "fix" it.
/**
 * Turn release text into "units": paragraphs, list items and headings with their source line.
 * A unit is the smallest thing the section classifier looks at.
 */

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
export function splitIntoUnits(text: string, lineOffset = 0): Unit[] {
  const units: Unit[] = [];
  let current: Unit | null = null;
  const flush = () => {
    if (current && current.raw.trim() !== '') units.push(current);
    current = null;
  };
  text.split('\n').forEach((sourceLine, index) => {
    const line = index + 1 + lineOffset;
    if (sourceLine.trim() === '' || THEMATIC_BREAK.test(sourceLine)) return flush();
    const start = startOfUnit(sourceLine, line);
    if (start) {
      flush();
      if (start.heading) units.push(start);
      else current = start;
    } else if (current) {
      const unit: Unit = current;
      unit.raw = unit.raw === '' ? sourceLine.trim() : `${unit.raw}\n${sourceLine.trim()}`;
    } else {
      current = { raw: sourceLine.trim(), line, marker: null, number: null, heading: false };
    }
  });
  flush();
  return units;
}

/** A new unit when the line starts with a list marker, a number or a heading mark; else null. */
function startOfUnit(sourceLine: string, line: number): Unit | null {
  const heading = HEADING.exec(sourceLine);
  if (heading) {
    const raw = sourceLine.slice(heading[0].length).replace(/\s+#+\s*$/, '').trim();
    return { raw, line, marker: null, number: null, heading: true };
  }
  const bullet = BULLET.exec(sourceLine);
  if (bullet) return { raw: sourceLine.slice(bullet[0].length).trim(), line, marker: 'bullet', number: null, heading: false };
  const numbered = NUMBERED.exec(sourceLine);
  if (numbered) {
    const raw = sourceLine.slice(numbered[0].length).trim();
    return { raw, line, marker: 'number', number: Number(numbered[1]), heading: false };
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
  const head: Unit = { ...unit, raw: unit.raw.slice(0, offset).trimEnd() };
  const tail: Unit = {
    raw: rest.trim(),
    line: unit.line + countNewlines(unit.raw.slice(0, tailStart + leading)),
    marker: options.tailMarker ?? null,
    number: options.tailNumber ?? null,
    heading: false,
  };
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
