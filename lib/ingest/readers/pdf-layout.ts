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
 * Group one page's runs (content-stream order) into lines: a run joins the current line when its
 * baseline is within 40 % of the font size; a horizontal gap wider than 15 % of the font size
 * becomes a space. Vertical or rotated text is the caller's to drop.
 */
export function buildLines(runs: readonly TextRun[], page: number): Line[] {
  const lines: Line[] = [];
  let current: (Line & { pendingLabel: boolean }) | null = null;
  let pendingLabel = false;
  for (const run of runs) {
    if (run.labelBefore) pendingLabel = true;
    const str = cleanText(run.str);
    if (str.trim() === '') {
      continue;
    }
    const size = run.size || 1;
    if (current && Math.abs(run.y - current.y) <= 0.4 * Math.max(size, current.size) && run.x >= current.right - size) {
      const gap = run.x - current.right;
      const needsSpace = gap > 0.15 * size && !current.text.endsWith(' ') && !str.startsWith(' ');
      current.text += (needsSpace ? ' ' : '') + str;
      current.right = Math.max(current.right, run.x + run.width);
      current.size = Math.max(current.size, size);
    } else {
      if (current) lines.push(finishLine(current));
      current = { text: str, page, x: run.x, right: run.x + run.width, y: run.y, size, bullet: pendingLabel, pendingLabel };
      pendingLabel = false;
    }
  }
  if (current) lines.push(finishLine(current));
  return lines.filter((l) => l.text !== '' || l.bullet);
}

function finishLine(line: Line & { pendingLabel?: boolean }): Line {
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
 * that is a page number, or whose text (digits ignored) recurs at about the same height on
 * another page.
 */
export function dropRunningLines(pages: readonly Line[][]): Line[][] {
  const key = (l: Line) => l.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
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
      const list = seen.get(key(line)) ?? [];
      list.push({ page: p, y: line.y });
      seen.set(key(line), list);
    }
  });
  return pages.map((lines, p) => {
    const drop = new Set<number>();
    for (const i of edges(lines)) {
      const line = lines[i]!;
      if (PAGE_NUMBER.test(line.text.trim())) drop.add(i);
      const others = seen.get(key(line)) ?? [];
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
        else if (NUMBERED.test(line.text) && line.x < prev.x - 2) start = true;
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
  const perChar = (prev.right - prev.x) / Math.max(prev.text.length, 1);
  return prev.right + (firstWord.length + 1) * perChar > right - 1;
}

/**
 * Untagged lists whose bullets are shapes: a block indented relative to the body text with no
 * marker is a list; split it into items where a line did not fill its line (hard breaks).
 */
export function recoverShapeBullets(blocks: Block[]): Block[] {
  // Only for documents without any recognised bullet (glyph or tagged label).
  if (blocks.some((b) => b.bullet)) return blocks;
  const bodyX = mostCommonX(blocks.filter((b) => !b.bullet).flatMap((b) => b.lines));
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
      if (!item || (prev && !filledLine(prev, line, right) && /[.!?:;]["'\u2019\u201D)]*$/.test(prev.text))) {
        item = { lines: [], bullet: true };
        out.push(item);
      }
      item.lines.push(line);
    });
  }
  return out;
}

function mostCommonX(lines: readonly Line[]): number | null {
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(Math.round(l.x), (counts.get(Math.round(l.x)) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [x, c] of counts) if (c > bestCount) [best, bestCount] = [x, c];
  return best;
}

/** Lower-case words (letters only) of the text, split at anything else (hyphens included). */
export function vocabularyOf(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
  return words;
}

/**
 * Join a word broken at a line end. `left` ends with the hyphen ("disclos-", "Self-"); `right` is
 * the next line's first word. Returns the joined word: without the hyphen for a soft break (a
 * soft hyphen U+00AD; the joined word is known; or neither half is a known word), with it for a
 * compound ("Self-" + "Assessment", "anti-" + "corruption": a half is a known word, or the right
 * half is capitalised).
 */
export function joinHyphenated(left: string, right: string, known: ReadonlySet<string>): string {
  const stem = left.replace(/[-\u2010\u00AD]$/, '');
  if (left.endsWith('\u00AD')) return stem + right;
  const rightWord = /^\p{L}+/u.exec(right)?.[0] ?? '';
  const leftWord = /\p{L}+$/u.exec(stem)?.[0] ?? '';
  if (!rightWord || !leftWord || /^\p{Lu}/u.test(rightWord)) return `${stem}-${right}`;
  const joined = (leftWord + rightWord).toLowerCase();
  if (known.has(joined)) return stem + right;
  if (!known.has(leftWord.toLowerCase()) && !known.has(rightWord.toLowerCase())) return stem + right;
  return `${stem}-${right}`;
}

/**
 * Render blocks as release text: one output line per PDF line, `• ` before list items, a blank
 * line between blocks (none between consecutive list items). A word hyphenated at a line end is
 * joined onto the line where it starts. Returns the text and the 1-based page of each line.
 */
export function renderBlocks(blocks: readonly Block[]): { text: string; linePages: number[] } {
  const endsHyphen = (text: string | undefined) => text !== undefined && /[-\u2010\u00AD]$/.test(text);
  const known = vocabularyOf(
    blocks.flatMap((b) =>
      b.lines.map((l, i) => stripEdgeWords(l.text, endsHyphen(b.lines[i - 1]?.text), endsHyphen(l.text))),
    ),
  );
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
      texts[i] = here.slice(0, cut) + joinHyphenated(here.slice(cut), first, known);
      texts[i + 1] = rest;
    }
    let firstLine = true;
    texts.forEach((text, i) => {
      const clean = text.replace(/\u00AD/g, '').trim();
      if (clean === '') return;
      out.push(firstLine && block.bullet ? `• ${clean}` : clean);
      pages.push(block.lines[i]!.page);
      firstLine = false;
    });
  });
  return { text: out.join('\n'), linePages: pages };
}

/** The text without the first word (when `dropFirst`) and the last word (when `dropLast`). */
function stripEdgeWords(text: string, dropFirst: boolean, dropLast: boolean): string {
  let t = text;
  if (dropLast) t = t.slice(0, Math.max(t.lastIndexOf(' '), 0));
  if (dropFirst) t = t.indexOf(' ') < 0 ? '' : t.slice(t.indexOf(' ') + 1);
  return t;
}

/** The whole pipeline over a document's pages. */
export function layoutPages(pages: readonly PageRuns[]): { text: string; linePages: number[] } {
  const lines = dropRunningLines(pages.map((p, i) => buildLines(p.runs, i + 1))).flat();
  if (lines.length === 0) return { text: '', linePages: [] };
  const blocks = recoverShapeBullets(buildBlocks(lines));
  return renderBlocks(blocks);
}
