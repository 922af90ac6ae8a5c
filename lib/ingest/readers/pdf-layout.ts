/**
 * Pure layout logic of the PDF reader: positioned text runs → lines → paragraphs → release text.
 * No pdf.js here, so every rule can be unit-tested on hand-made runs.
 */

/** One text run as pdf.js reports it, in PDF user space (y grows upwards). */
export interface TextRun {
  str: string;
  /** Left x and baseline y. */
  x: number;
  y: number;
  /** Advance width of the run. */
  width: number;
  /** Font size (vertical scale of the text matrix). */
  size: number;
  /** True when a tagged PDF marks an empty list label (a bullet drawn as a shape) just before this run. */
  labelBefore?: boolean;
}

/** A page's runs plus its height (for header/footer detection). */
export interface PageRuns {
  runs: TextRun[];
  height: number;
}

/** A rebuilt line of one page. */
export interface Line {
  text: string;
  page: number;
  x: number;
  right: number;
  y: number;
  size: number;
  /** Starts with a list bullet (glyph or tagged label); `text` then excludes the bullet. */
  bullet: boolean;
}

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

/** Glyphs used as list bullets (Word's Symbol-font U+F0B7 / Wingdings U+F0A7 among them). */
const BULLET_GLYPH = /^[\u2022\u25CF\u25AA\u25A0\u25E6\u2219\u00B7\u2023\u2043\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF0A8]$/;
const BULLET_AT_START = /^\s*[\u2022\u25CF\u25AA\u25A0\u25E6\u2219\u00B7\u2023\u2043\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF0A8]\s*/;

/** Map ligatures to letters, odd spaces to spaces; soft hyphens are kept (they mark soft breaks). */
export function cleanText(text: string): string {
  return text
    .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
    .replace(/[\u200B\uFEFF]/g, '');
}

/**
 * Group one page's runs into lines: a run joins a recent line (of the last few, so glyphs drawn
 * out of order, such as fallback-font ligatures, find their line) when its baseline is within
 * 40 % of the font size. Within a line, runs are ordered by x and a horizontal gap wider than
 * 15 % of the font size becomes a space (whitespace-only runs are dropped: the gaps decide).
 * Lines keep the order in which they first appear in the content stream.
 */
export function buildLines(runs: readonly TextRun[], page: number): Line[] {
  interface Draft {
    runs: TextRun[];
    y: number;
    size: number;
    bullet: boolean;
  }
  const drafts: Draft[] = [];
  let pendingLabel = false;
  for (const run of runs) {
    if (run.labelBefore) pendingLabel = true;
    if (run.str.trim() === '') continue;
    const size = run.size || 1;
    let target: Draft | undefined;
    for (let i = drafts.length - 1; i >= Math.max(0, drafts.length - 3); i--) {
      const d = drafts[i]!;
      if (Math.abs(run.y - d.y) <= 0.4 * Math.max(size, d.size)) {
        target = d;
        break;
      }
    }
    if (target && !pendingLabel) {
      target.runs.push(run);
      target.size = Math.max(target.size, size);
    } else {
      drafts.push({ runs: [run], y: run.y, size, bullet: pendingLabel });
      pendingLabel = false;
    }
  }
  return drafts
    .map((d) => {
      const sorted = d.runs.slice().sort((a, b) => a.x - b.x);
      let text = '';
      let right = -Infinity;
      for (const run of sorted) {
        const str = cleanText(run.str);
        if (text !== '' && run.x - right > 0.15 * (run.size || d.size) && !text.endsWith(' ') && !str.startsWith(' ')) text += ' ';
        text += str;
        right = Math.max(right, run.x + run.width);
      }
      return finishLine({ text, page, x: sorted[0]!.x, right, y: d.y, size: d.size, bullet: d.bullet });
    })
    .filter((l) => l.text !== '' || l.bullet);
}

function finishLine(line: Line): Line {
  let text = line.text.replace(/ {2,}/g, ' ').trim();
  let bullet = line.bullet;
  const glyph = BULLET_AT_START.exec(text);
  if (glyph && text.length > glyph[0].length && (BULLET_GLYPH.test(text[0]!) || glyph[0].trim() !== '')) {
    text = text.slice(glyph[0].length);
    bullet = true;
  }
  return { text, page: line.page, x: line.x, right: line.right, y: line.y, size: line.size, bullet };
}

/** A numbered list item ("1. ", "2) "). */
const NUMBERED = /^\d{1,2}[.)]\s/;

/** Page-number lines: "Page 2 of 3", "2 of 3", "- 2 -", "2", "Page 2". */
const PAGE_NUMBER = /^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/**
 * Drop running headers and footers: among the first and last two lines of each page, a line
 * that is a page number, or whose text recurs at about the same height on another page (for
 * the outermost line of a page, digits are ignored: "Report 2012 – page 3").
 */
export function dropRunningLines(pages: readonly Line[][]): Line[][] {
  const exact = (l: Line) => `=${l.text.toLowerCase().replace(/\s+/g, ' ')}`;
  const folded = (l: Line) => `#${l.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ')}`;
  const edges = (lines: readonly Line[]) => {
    const n = lines.length;
    const picked = new Set<number>();
    for (const i of [0, 1, n - 2, n - 1]) if (i >= 0 && i < n) picked.add(i);
    return [...picked];
  };
  const seen = new Map<string, Array<{ page: number; y: number }>>();
  pages.forEach((lines, p) => {
    for (const i of edges(lines)) {
      const line = lines[i]!;
      for (const key of [exact(line), folded(line)]) {
        const list = seen.get(key) ?? [];
        list.push({ page: p, y: line.y });
        seen.set(key, list);
      }
    }
  });
  return pages.map((lines, p) => {
    const drop = new Set<number>();
    for (const i of edges(lines)) {
      const line = lines[i]!;
      if (PAGE_NUMBER.test(line.text.trim())) drop.add(i);
      const outermost = i === 0 || i === lines.length - 1;
      const others = seen.get(outermost ? folded(line) : exact(line)) ?? [];
      if (others.some((o) => o.page !== p && Math.abs(o.y - line.y) <= 3)) drop.add(i);
    }
    return lines.filter((_, i) => !drop.has(i));
  });
}

/** A paragraph or list item: its lines (text already cleaned) and where each is. */
export interface Block {
  lines: Line[];
  bullet: boolean;
}

/**
 * Group lines into blocks. A new block starts at a bullet line, at a vertical gap clearly larger
 * than the usual line pitch for that font size, at a font-size change, at a jump back to the left
 * margin from an indented list item, and across a page break unless the line before it filled
 * its line (the next line's first word would not have fitted after it).
 */
export function buildBlocks(lines: readonly Line[]): Block[] {
  const pitch = typicalPitch(lines);
  const right = Math.max(...lines.map((l) => l.right));
  const blocks: Block[] = [];
  let current: Block | null = null;
  let prev: Line | null = null;
  for (const line of lines) {
    let start = prev === null || line.bullet || line.text === '';
    if (!start && prev) {
      if (Math.abs(line.size - prev.size) > 0.75) start = true;
      else if (line.page !== prev.page) start = !filledLine(prev, line, right) || line.x < prev.x - 2;
      else {
        const gap = prev.y - line.y;
        if (gap > pitch * (line.size / 11) * 1.2 || gap < 0) start = true;
        else if (current?.bullet && line.x < current.lines[0]!.x - 2) start = true;
        else if (NUMBERED.test(line.text) && startsNumberedItem(line, prev, current)) start = true;
      }
    }
    if (start) {
      current = { lines: [], bullet: line.bullet };
      blocks.push(current);
    }
    if (line.text !== '') current!.lines.push(line);
    prev = line;
  }
  return blocks.filter((b) => b.lines.length > 0);
}

/**
 * A line starting "N. " starts a numbered item when it is not aligned with the line before it
 * (a hanging number, or the first item under a heading) or is aligned with the number of the
 * item it follows (the next sibling); a wrapped line that merely starts with a number is aligned
 * with the text of its paragraph.
 */
function startsNumberedItem(line: Line, prev: Line, current: Block | null): boolean {
  if (Math.abs(line.x - prev.x) > 2) return true;
  const first = current?.lines[0];
  return first !== undefined && NUMBERED.test(first.text) && Math.abs(first.x - line.x) <= 2;
}

/** Most common baseline distance between consecutive same-size lines, scaled to 11 pt. */
function typicalPitch(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page !== b.page || Math.abs(a.size - b.size) > 0.5) continue;
    const gap = a.y - b.y;
    if (gap <= 0 || gap > a.size * 3) continue;
    const key = Math.round((gap * 11) / a.size);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best = 14;
  let bestCount = 0;
  for (const [key, count] of counts) if (count > bestCount || (count === bestCount && key < best)) [best, bestCount] = [key, count];
  return best;
}

/** True when `next`'s first word would not have fitted on `prev`: prev was wrapped, not ended. */
function filledLine(prev: Line, next: Line, right: number): boolean {
  const firstWord = next.text.split(' ')[0] ?? '';
  // The word's width estimated from its own line's average character width, with 10 % to spare
  // (capitals are wider than the average), plus a space.
  const perChar = (next.right - next.x) / Math.max(next.text.length, 1);
  return prev.right + 0.28 * prev.size + 1.1 * firstWord.length * perChar + 1 > right;
}

/**
 * Untagged lists whose bullets are shapes: a block indented relative to the body text with no
 * marker is a list; split it into items where a line did not fill its line (hard breaks).
 */
export function recoverShapeBullets(blocks: Block[]): Block[] {
  // Only for documents without any recognised bullet (glyph or tagged label).
  if (blocks.some((b) => b.bullet)) return blocks;
  const bodyX = leftMargin(blocks.flatMap((b) => b.lines));
  if (bodyX === null) return blocks;
  const right = Math.max(...blocks.flatMap((b) => b.lines.map((l) => l.right)));
  const out: Block[] = [];
  for (const block of blocks) {
    const indented =
      !NUMBERED.test(block.lines[0]!.text) && block.lines.every((l) => l.x > bodyX + 8 && l.x < bodyX + 80);
    if (!indented) {
      out.push(block);
      continue;
    }
    let item: Block | null = null;
    block.lines.forEach((line, i) => {
      const prev = block.lines[i - 1];
      const hardBreak =
        prev !== undefined &&
        !filledLine(prev, line, right) &&
        /[.!?:;]["'\u2019\u201D)]*$/.test(prev.text) &&
        /^["'\u2018\u201C(]*[\p{Lu}\d]/u.test(line.text);
      if (!item || hardBreak) {
        item = { lines: [], bullet: true };
        out.push(item);
      }
      item.lines.push(line);
    });
  }
  return out;
}

/** The body's left margin: the smallest x at which at least three lines start. */
function leftMargin(lines: readonly Line[]): number | null {
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(Math.round(l.x), (counts.get(Math.round(l.x)) ?? 0) + 1);
  let best: number | null = null;
  for (const [x, c] of counts) if (c >= 3 && (best === null || x < best)) best = x;
  return best;
}

/** Lower-case words (letters only) of the text, split at anything else (hyphens included). */
export function vocabularyOf(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
  return words;
}

/** Is this lower-case word a known English word? (A dictionary look-up; see read-pdf.) */
export type WordCheck = (word: string) => boolean;

/**
 * Join a word broken at a line end. `left` ends with the hyphen ("disclos-", "Self-"); `right` is
 * the next line's first word; `known` holds the document's own words (see {@link vocabularyOf}),
 * `dictionary` (optional) checks a word list. The hyphen is dropped for a soft break: a soft
 * hyphen (U+00AD); or the joined word is known ("disclos-" + "ure"); or neither half is a word
 * ("instig-" + "ated"). It is kept for a compound: the right half is capitalised
 * ("Self-" + "Assessment") or a half is a word and the joined word is not ("cross-" + "reference").
 */
export function joinHyphenated(
  left: string,
  right: string,
  known: ReadonlySet<string>,
  dictionary: WordCheck = () => false,
): string {
  const stem = left.replace(/[-\u2010\u00AD]$/, '');
  if (left.endsWith('\u00AD')) return stem + right;
  const rightWord = /^\p{L}+/u.exec(right)?.[0] ?? '';
  const leftWord = /\p{L}+$/u.exec(stem)?.[0] ?? '';
  if (!rightWord || !leftWord || /^\p{Lu}/u.test(rightWord)) return `${stem}-${right}`;
  const isWord = (w: string) => known.has(w) || dictionary(w);
  const joined = (leftWord + rightWord).toLowerCase();
  if (isWord(joined)) return stem + right;
  if (isWord(leftWord.toLowerCase()) || isWord(rightWord.toLowerCase())) return `${stem}-${right}`;
  return stem + right;
}

/**
 * Render blocks as release text: one output line per PDF line, `• ` before list items, a blank
 * line between blocks (none between consecutive list items). A word hyphenated at a line end is
 * joined onto the line where it starts. Returns the text and the 1-based page of each line.
 */
export function renderBlocks(
  blocks: readonly Block[],
  dictionary?: WordCheck,
): { text: string; linePages: number[] } {
  const endsHyphen = (text: string | undefined) => text !== undefined && /[-\u2010\u00AD]$/.test(text);
  const known = vocabularyOf(
    blocks.flatMap((b) =>
      b.lines.map((l, i) => stripEdgeWords(l.text, endsHyphen(b.lines[i - 1]?.text), endsHyphen(l.text))),
    ),
  );
  const bodySize = mostCommon(blocks.flatMap((b) => b.lines.map((l) => Math.round(l.size * 2) / 2))) ?? 0;
  const out: string[] = [];
  const pages: number[] = [];
  blocks.forEach((block, b) => {
    const previous = blocks[b - 1];
    if (previous && !(previous.bullet && block.bullet)) {
      out.push('');
      pages.push(pages.at(-1) ?? block.lines[0]!.page);
    }
    const texts = block.lines.map((l) => l.text);
    for (let i = 0; i + 1 < texts.length; i++) {
      const here = texts[i]!;
      if (!/\p{L}[-\u2010\u00AD]$/u.test(here)) continue;
      const next = texts[i + 1]!;
      const space = next.indexOf(' ');
      const first = space < 0 ? next : next.slice(0, space);
      const rest = space < 0 ? '' : next.slice(space + 1);
      const cut = here.lastIndexOf(' ') + 1;
      texts[i] = here.slice(0, cut) + joinHyphenated(here.slice(cut), first, known, dictionary);
      texts[i + 1] = rest;
    }
    const oneLine = isHeading(block, b, bodySize);
    let firstLine = true;
    texts.forEach((text, i) => {
      const clean = text.replace(/\u00AD/g, '').trim();
      if (clean === '') return;
      if (!firstLine && (oneLine || UNIT_START.test(clean))) {
        // A heading is one line (the parser takes a headline's first line only); a wrapped line
        // that would read as a list item or heading ("– 5:30pm", "2. …") stays on its line.
        out[out.length - 1] += ` ${clean}`;
        return;
      }
      out.push(firstLine && block.bullet ? `• ${clean}` : clean);
      pages.push(block.lines[i]!.page);
      firstLine = false;
    });
  });
  return { text: out.join('\n'), linePages: pages };
}

/** What the release parser reads as the start of a list item or heading (see split-units). */
const UNIT_START = /^(?:[-*+\u2013\u2014](?:\s|$)|[\u2022\u25CF\u25AA\u25E6\u00B7\u2023\u2043\u2219\uF0B7\uF0A7]|\d{1,2}[.)]\s+\S|#{1,6}\s)/;

/** A heading: set larger than the body text, or a short first block (the headline). */
function isHeading(block: Block, index: number, bodySize: number): boolean {
  if (block.bullet) return false;
  if (block.lines[0]!.size > bodySize + 0.75) return true;
  return index === 0 && block.lines.length <= 3 && block.lines.reduce((n, l) => n + l.text.length, 0) <= 250;
}

function mostCommon(values: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

/** The text without the first word (when `dropFirst`) and the last word (when `dropLast`). */
function stripEdgeWords(text: string, dropFirst: boolean, dropLast: boolean): string {
  let t = text;
  if (dropLast) t = t.slice(0, Math.max(t.lastIndexOf(' '), 0));
  if (dropFirst) t = t.indexOf(' ') < 0 ? '' : t.slice(t.indexOf(' ') + 1);
  return t;
}

/** The whole pipeline over a document's pages. */
export function layoutPages(
  pages: readonly PageRuns[],
  dictionary?: WordCheck,
): { text: string; linePages: number[] } {
  const lines = dropRunningLines(pages.map((p, i) => buildLines(p.runs, i + 1))).flat();
  if (lines.length === 0) return { text: '', linePages: [] };
  const blocks = recoverShapeBullets(buildBlocks(lines));
  return renderBlocks(blocks, dictionary);
}
