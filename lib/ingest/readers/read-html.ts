/**
 * HTML reader: a published news page (HMIC / GOV.UK style, with site navigation, cookie banner,
 * breadcrumbs, share links, related content and footer) → the release as text lines.
 *
 * Parser chosen by measurement on tests/fixtures/published/html/ (the 5 seed pages with full
 * chrome; gold = the seed .txt parsed by parseRelease; 200 timed runs per page after 20 warm-up
 * runs, three runs of the comparison on this 2-core machine under load 2.6–3.6):
 * - parse5 8.1.1 + the rules below: 5/5 pages parse to the gold (42/42 findings with their
 *   figures, notes, url, date), 5/5 free of chrome text, no-article page refused; 1.8–3.2 ms/page.
 * - linkedom 0.18.15 + @mozilla/readability 0.6.0 (its `content` turned into lines by the same
 *   block rules, its title prepended): 42/42 findings, but 4/5 pages keep chrome text (the
 *   "Published 13 December 2012" dateline in 3, the visually-hidden "Notes continued" in 1,
 *   which becomes a ninth note), and the chrome-only page yields the cookie banner as an article
 *   instead of an error; 8.4–14.1 ms/page.
 * Readability brings nothing the rules below lack on these pages and costs 4–5× the time.
 *
 * Pure: no I/O. Only text nodes of content elements reach the output (never attributes, scripts,
 * styles or templates); nothing from the page is ever rendered as HTML downstream.
 */
import { html as htmlSpec, parse, type DefaultTreeAdapterTypes } from 'parse5';
import { SearchEngineError } from '../../errors';
import type { SourceText } from './source-text';

type Element = DefaultTreeAdapterTypes.Element;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** Elements whose subtree never holds release text (code, embedded content, forms, metadata). */
const NEVER_TEXT = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'frame', 'frameset', 'object',
  'embed', 'canvas', 'video', 'audio', 'map', 'img', 'picture', 'form', 'button', 'input', 'select',
  'option', 'optgroup', 'textarea', 'label', 'datalist', 'output', 'dialog', 'nav', 'aside', 'head',
  'title', 'meta', 'link', 'base', 'xmp', 'plaintext', 'noembed', 'noframes', 'slot',
]);

/** ARIA roles of page chrome. */
const CHROME_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'search', 'complementary', 'dialog', 'alertdialog', 'menu',
  'menubar', 'toolbar', 'tablist',
]);

/** Words of class / id names (split at `-`, `_` and spaces) that mark page chrome. */
const CHROME_WORDS = new Set([
  'cookie', 'cookies', 'consent', 'gdpr', 'breadcrumb', 'breadcrumbs', 'share', 'sharing', 'sharethis',
  'addthis', 'social', 'related', 'skip', 'skiplink', 'nav', 'navbar', 'navigation', 'menu', 'sidebar',
  'masthead', 'footer', 'print', 'feedback', 'pagination', 'pager', 'comments', 'newsletter',
  'subscribe', 'advert', 'advertisement', 'promo', 'toolbar', 'modal',
  'popup', 'tags', 'backtotop',
]);
/** Whole class names of screen-reader-only text ("(opens in new tab)"). */
const HIDDEN_CLASSES = new Set(['sr-only', 'screen-reader-text', 'screenreader', 'element-invisible', 'hide']);
/** `hidden`, `js-hidden`, `govuk-visually-hidden`, `visuallyhidden` (not Tailwind's `overflow-hidden`). */
const HIDDEN_CLASS = /^(?:[a-z0-9]+[-_]+)*(?:visually[-_]?)?hidden$/;
/** Words of class names of a dateline / byline block (dropped from the text, searched for the date). */
const META_WORDS = new Set(['meta', 'metadata', 'byline', 'dateline', 'posted', 'published']);
/** Labels for chrome regions: `aria-label="Cookies on …"`, "Breadcrumb", "Share". */
const CHROME_LABEL = /\b(?:cookies?|breadcrumbs?|share|sharing|social media links|site navigation)\b/i;
/** A heading that starts a chrome part of the article; it and what follows it up to the next heading of its level are dropped. */
const CHROME_HEADING =
  /^(?:share(?:\s+this(?:\s+(?:page|article|story|news\s+story))?)?(?:\s+on)?|related(?:\s+(?:content|links|news|articles|pages|publications|reports|topics|stories))?|see\s+also|in\s+this\s+section|follow\s+us|explore\s+the\s+topic|is\s+this\s+page\s+useful\??)\s*:?$/i;
/** What a dateline says besides its `<time>`: "Published", "Last updated:", "Posted on". */
const DATELINE_LABEL = /^(?:(?:first\s+)?published|(?:last\s+)?updated|posted|date|released|issued)?\s*(?:on)?\s*:?\s*$/i;

/** Elements that end the line of text before them and start a new block. */
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot',
  'thead', 'tr', 'ul', 'menu', 'search',
]);
/** Containers the "largest text block" fallback considers. */
const FALLBACK_CONTAINERS = new Set(['body', 'div', 'section', 'td', 'center', 'blockquote', 'main', 'article']);
/** Fewest words the fallback block must hold to count as an article (a lone copyright line does not). */
const MIN_FALLBACK_WORDS = 20;
const HEADING = /^h[1-6]$/;

/**
 * Read a published HTML news page: find the article body, drop the page chrome, and emit the
 * release as text: headings and paragraphs as plain lines with a blank line between blocks,
 * `<ul>` items as `• item` and `<ol>` items as `1. item` lines (numbered from `start` / `value`),
 * `<br>` as a line break, inline elements as their text, whitespace collapsed (no-break spaces
 * included), entities decoded.
 *
 * - Article body: the largest `<article>` holding at least half of the text of `<main>` (or
 *   `[role=main]`), else `<main>` / `[role=main]`, else the element with the most paragraph text
 *   directly inside it (at least 20 words). A headline `<h1>` before the chosen element (outside
 *   it) is put first.
 * - Dropped everywhere: `<script>`, `<style>`, `<noscript>`, `<template>`, `<svg>`, embedded
 *   content and images, forms and their controls, `<nav>`, `<aside>`, `<footer>`, a `<header>`
 *   that is the site banner (one inside `<article>`/`<main>`/`<section>` is kept, with its
 *   headline), hidden elements (`hidden`, `aria-hidden=true`, `display:none`, screen-reader-only
 *   classes), elements whose role, label, class or id marks navigation, cookie banner,
 *   breadcrumbs, skip links, share links, related content, pagination and similar, datelines (the
 *   `<time>` goes to `date`), and a "Share this page" / "Related content" heading with everything
 *   after it up to the next heading of its level.
 * - `url`: `<link rel=canonical>`, else `<meta property=og:url>`; absolute http(s) URLs only.
 * - `date`: the first `<time datetime>` in the article body, else
 *   `<meta property=article:published_time>`; only ISO dates (`YYYY-MM-DD`, optionally a time).
 *
 * Throws `E_HTML_NO_ARTICLE` (file = `relPath`, line of `<main>` or `<body>`) when no article
 * body with text is found.
 */
export function readHtml(text: string, relPath: string): SourceText {
  // Parsed without source locations (2–3× faster); the error path re-parses to find the line.
  const { page, head, body } = parsePage(text, false);
  const root = body ? page.findArticle(body) : null;
  const lines = root && body ? page.emitText(root, body) : '';
  if (!root || !/[\p{L}\p{N}]/u.test(lines)) throw noArticle(text, relPath);
  const result: SourceText = { text: lines };
  const url = readUrl(head, body);
  if (url) result.url = url;
  const date = page.readDate(root, head);
  if (date) result.date = date;
  return result;
}

function parsePage(text: string, locations: boolean) {
  const document = parse(text, { sourceCodeLocationInfo: locations });
  const html = childElements(document).find((e) => e.tagName === 'html');
  const head = html && childElements(html).find((e) => e.tagName === 'head');
  const body = html && childElements(html).find((e) => e.tagName === 'body');
  return { page: new Page(), head, body };
}

/** `E_HTML_NO_ARTICLE` at the line of the (empty) `<main>`, else of `<body>`. */
function noArticle(text: string, relPath: string): SearchEngineError {
  const { page, body } = parsePage(text, true);
  const main = body ? page.findVisible(body, isMainElement)[0] : undefined;
  const line = (main ?? body)?.sourceCodeLocation?.startLine ?? 1;
  const found = main ? ` (<${main.tagName}> at line ${line} holds no text outside page chrome)` : '';
  return new SearchEngineError(
    'E_HTML_NO_ARTICLE',
    `no article body with text in this HTML page${found}: looked for <article>, <main>, [role=main] and the ` +
      `largest block of paragraph text outside navigation, header, footer, cookie banner, breadcrumbs, ` +
      `share links, related content, scripts and hidden elements`,
    { file: relPath, line },
  );
}

// ---------------------------------------------------------------------------------------------
// Tree helpers

function isElement(node: ChildNode | ParentNode): node is Element {
  return 'tagName' in node;
}

function childElements(node: ParentNode): Element[] {
  return node.childNodes.filter(isElement);
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function isMainElement(el: Element): boolean {
  return el.tagName === 'main' || attr(el, 'role')?.trim().toLowerCase() === 'main';
}

function hasAncestor(el: Element, test: (e: Element) => boolean): boolean {
  for (let p = el.parentNode; p && isElement(p); p = p.parentNode) if (test(p)) return true;
  return false;
}

/** Class and id words, lower case (`govuk-cookie-banner__button` → govuk, cookie, banner, button). */
function nameWords(value: string | undefined): string[] {
  return value ? value.toLowerCase().split(/[\s_-]+/).filter(Boolean) : [];
}

function isHidden(el: Element): boolean {
  const hidden = attr(el, 'hidden');
  if (hidden !== undefined && hidden.toLowerCase() !== 'until-found') return true;
  if (attr(el, 'aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const style = attr(el, 'style')?.toLowerCase().replace(/\s+/g, '');
  if (style && /(?:^|;)(?:display:none|visibility:hidden)/.test(style)) return true;
  const classes = (attr(el, 'class') ?? '').toLowerCase().split(/\s+/);
  return classes.some((c) => HIDDEN_CLASSES.has(c) || (HIDDEN_CLASS.test(c) && !c.includes('overflow')));
}

/** True for an element whose whole subtree is page chrome or never holds text. */
function isChrome(el: Element): boolean {
  const tag = el.tagName;
  if (NEVER_TEXT.has(tag) || isHidden(el)) return true;
  if (el.namespaceURI !== htmlSpec.NS.HTML) return true;
  if (tag === 'footer') return true;
  const role = attr(el, 'role')?.trim().toLowerCase();
  if (role && CHROME_ROLES.has(role)) return true;
  // A <header> is the site banner unless it belongs to an article, main or section.
  if (tag === 'header' && !hasAncestor(el, (a) => a.tagName === 'article' || a.tagName === 'section' || isMainElement(a))) {
    return true;
  }
  if (tag === 'html' || tag === 'body' || tag === 'main' || tag === 'article' || role === 'main') return false;
  const label = attr(el, 'aria-label');
  if (label && CHROME_LABEL.test(label)) return true;
  const words = nameWords(attr(el, 'class'));
  if (!HEADING.test(tag)) words.push(...nameWords(attr(el, 'id')));
  return words.some((w) => CHROME_WORDS.has(w));
}

/** A dateline / byline: dropped from the text (its `<time>` is read for the date). */
function isMetadata(el: Element, page: Page): boolean {
  if (el.tagName === 'time') {
    const parent = el.parentNode;
    return !!parent && isElement(parent) && /^(?:header|article|main|section|div|footer|hgroup|body)$/.test(parent.tagName);
  }
  if (nameWords(attr(el, 'class')).some((w) => META_WORDS.has(w))) return true;
  // A short block whose only text besides a <time> is a label ("Published", "Last updated:").
  if (!BLOCK.has(el.tagName) || page.textLength(el) > 80) return false;
  if (page.findVisible(el, (e) => e.tagName === 'time', true).length === 0) return false;
  return DATELINE_LABEL.test(page.visibleText(el, (e) => e.tagName === 'time').trim());
}

/** Rules that need memoised text measurements of the page. */
class Page {
  private readonly lengths = new Map<Element, number>();
  private readonly children = new Map<ParentNode, ChildNode[]>();
  private readonly chrome = new Map<Element, boolean>();

  isChrome(el: Element): boolean {
    let chrome = this.chrome.get(el);
    if (chrome === undefined) this.chrome.set(el, (chrome = isChrome(el)));
    return chrome;
  }

  /**
   * The children of `el` that can hold text: chrome elements removed, and a "Share this page" /
   * "Related content" heading removed with its following siblings up to the next heading of its level.
   */
  visibleChildren(el: ParentNode): ChildNode[] {
    const cached = this.children.get(el);
    if (cached) return cached;
    const out: ChildNode[] = [];
    let skipLevel = 0;
    for (const child of el.childNodes) {
      if (!isElement(child)) {
        if (skipLevel === 0 && child.nodeName === '#text') out.push(child);
        continue;
      }
      if (HEADING.test(child.tagName)) {
        const level = Number(child.tagName[1]);
        if (skipLevel !== 0 && level <= skipLevel) skipLevel = 0;
        if (skipLevel === 0 && CHROME_HEADING.test(collapse(this.visibleText(child)))) {
          skipLevel = level;
          continue;
        }
      }
      if (skipLevel === 0 && !this.isChrome(child)) out.push(child);
    }
    this.children.set(el, out);
    return out;
  }

  /** Visible text of an element (chrome removed; elements matching `skip` removed too). */
  visibleText(el: Element, skip?: (e: Element) => boolean): string {
    let out = '';
    const walk = (node: ParentNode) => {
      for (const child of this.visibleChildren(node)) {
        if (!isElement(child)) out += (child as DefaultTreeAdapterTypes.TextNode).value;
        else if (!skip?.(child)) walk(child);
        else out += ' ';
      }
    };
    walk(el);
    return out;
  }

  /** Number of non-space characters of visible text (memoised). */
  textLength(el: Element): number {
    let n = this.lengths.get(el);
    if (n === undefined) {
      n = 0;
      for (const child of this.visibleChildren(el)) {
        if (isElement(child)) n += this.textLength(child);
        else n += (child as DefaultTreeAdapterTypes.TextNode).value.replace(/[\s\u00A0]+/g, '').length;
      }
      this.lengths.set(el, n);
    }
    return n;
  }

  /**
   * Visible descendants of `el` matching `test`, in document order (chrome subtrees skipped;
   * `underChromeHeadings` also looks after a "Share this page" / "Related content" heading).
   */
  findVisible(el: Element, test: (e: Element) => boolean, underChromeHeadings = false): Element[] {
    const found: Element[] = [];
    const walk = (node: ParentNode) => {
      for (const child of underChromeHeadings ? node.childNodes : this.visibleChildren(node)) {
        if (!isElement(child) || this.isChrome(child)) continue;
        if (test(child)) found.push(child);
        walk(child);
      }
    };
    walk(el);
    return found;
  }

  /** The element holding the release (see {@link readHtml}), or null. */
  findArticle(body: Element): Element | null {
    const byLength = (a: Element, b: Element) => this.textLength(b) - this.textLength(a);
    const main = this.findVisible(body, isMainElement).filter((e) => this.textLength(e) > 0).sort(byLength)[0];
    const articles = this.findVisible(main ?? body, (e) => e.tagName === 'article').sort(byLength);
    const article = articles[0];
    if (article && this.textLength(article) > 0 && (!main || this.textLength(article) * 2 >= this.textLength(main))) {
      return article;
    }
    if (main) return main;
    return this.largestTextBlock(body);
  }

  /** The container with the most text in its own paragraphs, inline text and lists. */
  private largestTextBlock(body: Element): Element | null {
    let best: Element | null = null;
    let bestScore = 0;
    for (const el of [body, ...this.findVisible(body, (e) => FALLBACK_CONTAINERS.has(e.tagName))]) {
      let score = 0;
      for (const child of this.visibleChildren(el)) {
        if (!isElement(child)) score += (child as DefaultTreeAdapterTypes.TextNode).value.replace(/\s+/g, '').length;
        else if (!FALLBACK_CONTAINERS.has(child.tagName)) score += this.textLength(child);
      }
      if (score > bestScore) {
        best = el;
        bestScore = score;
      }
    }
    if (!best) return null;
    const words = collapse(this.visibleText(best)).split(' ').filter(Boolean).length;
    return words >= MIN_FALLBACK_WORDS ? best : null;
  }

  /** The release text of `root`, with a headline `<h1>` from before it prepended when it has none. */
  emitText(root: Element, body: Element): string {
    const emitter = new Emitter();
    const ownHeadline = this.findVisible(root, (e) => e.tagName === 'h1').length > 0;
    if (!ownHeadline) {
      const before = this.firstH1Before(body, root);
      if (before) this.emit(before, emitter);
    }
    this.emit(root, emitter);
    return emitter.finish();
  }

  /** The first visible `<h1>` before `root` in document order (outside it), or null. */
  private firstH1Before(body: Element, root: Element): Element | null {
    let reachedRoot = false;
    const walk = (node: ParentNode): Element | null => {
      for (const child of this.visibleChildren(node)) {
        if (!isElement(child)) continue;
        if (child === root) {
          reachedRoot = true;
          return null;
        }
        if (child.tagName === 'h1') return child;
        const found = walk(child);
        if (found || reachedRoot) return found;
      }
      return null;
    };
    return walk(body);
  }

  private emit(el: Element, out: Emitter): void {
    const tag = el.tagName;
    if (isMetadata(el, this)) return;
    if (tag === 'br') return out.lineBreak();
    if (tag === 'td' || tag === 'th') out.cellSeparator();
    const block = BLOCK.has(tag);
    if (block) out.boundary();
    if (tag === 'ul' || tag === 'ol' || tag === 'menu') out.openList(tag === 'ol' ? el : null);
    if (tag === 'li') out.openItem(attr(el, 'value'));
    if (tag === 'pre') out.preDepth++;
    for (const child of this.visibleChildren(el)) {
      if (isElement(child)) this.emit(child, out);
      else out.text((child as DefaultTreeAdapterTypes.TextNode).value);
    }
    if (tag === 'pre') out.preDepth--;
    if (block) out.boundary();
    if (tag === 'li') out.closeItem();
    if (tag === 'ul' || tag === 'ol' || tag === 'menu') out.closeList();
  }

  /** `<time datetime>` in the article body, else `article:published_time`. */
  readDate(root: Element, head: Element | undefined): string | null {
    for (const time of this.findVisible(root, (e) => e.tagName === 'time')) {
      const date = isoDate(attr(time, 'datetime'));
      if (date) return date;
    }
    for (const meta of head ? allElements(head, 'meta') : []) {
      if (attr(meta, 'property')?.trim().toLowerCase() !== 'article:published_time') continue;
      const date = isoDate(attr(meta, 'content'));
      if (date) return date;
    }
    return null;
  }
}

function allElements(el: Element, tag: string): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const child of childElements(node)) {
      if (child.tagName === tag) found.push(child);
      walk(child);
    }
  };
  walk(el);
  return found;
}

/** Collapse HTML whitespace (and no-break spaces) to single spaces; drop soft hyphens and zero-width spaces. */
function collapse(text: string): string {
  return text.replace(/[\u00AD\u200B\uFEFF]/g, '').replace(/[\s\u00A0]+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Text output

interface Entry {
  lines: string[];
  /** Items of one list (and its nested lists) share a group and are written on consecutive lines. */
  group: number | null;
}

interface OpenList {
  ordered: boolean;
  next: number;
  step: number;
  group: number;
}

interface OpenItem {
  marker: string;
  entry: Entry | null;
  group: number;
}

/** Builds the output: inline text into a buffer, blocks into entries, list items with markers. */
class Emitter {
  preDepth = 0;
  private buffer = '';
  private readonly entries: Entry[] = [];
  private readonly lists: OpenList[] = [];
  private readonly items: OpenItem[] = [];
  private groups = 0;

  text(value: string): void {
    this.buffer += this.preDepth > 0 ? value : value.replace(/[\s\u00A0]+/g, ' ');
  }

  lineBreak(): void {
    this.buffer += '\n';
  }

  cellSeparator(): void {
    if (this.buffer.trim() !== '') this.buffer += ' | ';
  }

  openList(ol: Element | null): void {
    const reversed = ol !== null && attr(ol, 'reversed') !== undefined;
    const startAttr = ol ? Number.parseInt(attr(ol, 'start') ?? '', 10) : Number.NaN;
    const count = ol ? childElements(ol).filter((e) => e.tagName === 'li').length : 0;
    const start = Number.isFinite(startAttr) ? startAttr : reversed ? count : 1;
    const outer = this.items.at(-1);
    this.lists.push({ ordered: ol !== null, next: start, step: reversed ? -1 : 1, group: outer ? outer.group : ++this.groups });
  }

  closeList(): void {
    this.lists.pop();
  }

  openItem(value: string | undefined): void {
    const list = this.lists.at(-1);
    let marker = '• ';
    if (list?.ordered) {
      const explicit = Number.parseInt(value ?? '', 10);
      const n = Number.isFinite(explicit) ? explicit : list.next;
      list.next = n + list.step;
      marker = `${n}. `;
    }
    this.items.push({ marker, entry: null, group: list?.group ?? ++this.groups });
  }

  closeItem(): void {
    this.items.pop();
  }

  /** End the current block: the buffered text becomes an entry (or continues the open list item). */
  boundary(): void {
    const lines = this.buffer
      .split('\n')
      .map((line) => (this.preDepth > 0 ? line.replace(/[\s\u00A0]+$/, '') : collapse(line)))
      .filter((line) => line.trim() !== '');
    this.buffer = '';
    if (lines.length === 0) return;
    const item = this.items.at(-1);
    if (!item) {
      this.entries.push({ lines, group: null });
    } else if (item.entry === null) {
      item.entry = { lines: [item.marker + lines[0]!, ...lines.slice(1)], group: item.group };
      this.entries.push(item.entry);
    } else if (this.entries.at(-1) === item.entry) {
      item.entry.lines.push(...lines);
    } else {
      // Text of an item after its nested list: a line of its own in the list.
      this.entries.push({ lines, group: item.group });
    }
  }

  finish(): string {
    this.boundary();
    let out = '';
    this.entries.forEach((entry, i) => {
      const previous = this.entries[i - 1];
      if (previous) out += entry.group !== null && entry.group === previous.group ? '\n' : '\n\n';
      out += entry.lines.join('\n');
    });
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Metadata values

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date or date-time as the page states it (`T` separator), or null if it is not one. */
function isoDate(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  const m = ISO_DATE.exec(trimmed);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return null;
  return trimmed.replace(' ', 'T');
}

/** Absolute http(s) URL, or null. */
function absoluteHttpUrl(value: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed || !/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `<link rel=canonical>`, else `<meta property=og:url>`: the first absolute http(s) one. */
function readUrl(head: Element | undefined, body: Element | undefined): string | null {
  const scopes = [head, body].filter((e): e is Element => e !== undefined);
  for (const link of scopes.flatMap((e) => allElements(e, 'link'))) {
    const rel = nameWords(attr(link, 'rel'));
    const url = rel.includes('canonical') ? absoluteHttpUrl(attr(link, 'href')) : null;
    if (url) return url;
  }
  for (const meta of scopes.flatMap((e) => allElements(e, 'meta'))) {
    const url = attr(meta, 'property')?.trim().toLowerCase() === 'og:url' ? absoluteHttpUrl(attr(meta, 'content')) : null;
    if (url) return url;
  }
  return null;
}
