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

/** Class words of a label inside an `<h1>` (`<span class="govuk-caption-xl">News story</span>`): not part of the headline. */
const KICKER_WORDS = new Set(['kicker', 'eyebrow', 'overline', 'pretitle', 'supertitle', 'caption', 'label', 'category', 'strapline']);
/**
 * Most text (non-space characters) around the `<h1>` that is header: a label, date, breadcrumb
 * trail, image caption or byline before it in the article, and the rest of its `<header>`. More
 * than that is kept as body: such a "header" holds the article.
 */
const MAX_HEADER_CHARS = 400;
/** Embedded content: a `<figure>` of these with no text but its caption is a picture. */
const MEDIA = new Set(['img', 'picture', 'video', 'audio', 'svg', 'canvas', 'iframe', 'object', 'embed']);

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE_WORDS =
  `(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})` +
  '|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}';
/**
 * One item of a line of header text next to the headline, split at ` · `, ` | ` or ` • `: a label
 * ("News", "Press release"), a date, a dateline
 * ("Published 13 December 2012") or a "Label: value" pair ("Inspection: Revisiting police relationships").
 */
const HEADER_ITEM = new RegExp(
  '^(?:' +
    [
      '(?:latest\\s+)?news(?:\\s+(?:story|release|article|item))?|press\\s+(?:release|notice|statement)|media\\s+release|report|publication|statement|announcement|speech|blog(?:\\s+post)?|article|update',
      `(?:(?:first\\s+)?published|(?:last\\s+)?updated|posted|released|issued)?(?:\\s+on)?\\s*:?\\s*(?:${DATE_WORDS})`,
      '(?:(?:first\\s+)?published|(?:last\\s+)?updated|posted|released|issued|date|inspections?|type|categor(?:y|ies)|topics?|tags?|from|part\\s+of|authors?|written\\s+by|organisations?|forces?|regions?|reference|location)\\s*:\\s*\\S.*',
    ].join('|') +
    ')$',
  'iu',
);
/** "By HMIC press office", "By Zoë Billingham": a byline, not a sentence ("By 2014, …" has no capital after "By"). */
const BYLINE = /^[Bb]y\s+\p{Lu}[^.!?:;]{0,80}$/u;
const HEADER_ITEM_SEPARATOR = /\s+[·•|]\s+/;
/** A breadcrumb trail written as text: "Home › News › …". */
const BREADCRUMB_TRAIL = /^home\s*[>›»/|]/i;

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
 *   directly inside it (at least 20 words).
 * - Headline (`title`, and the first line of `text`): the first `<h1>` of the article body, else
 *   one before it, without a label inside it (`<span class="govuk-caption-xl">`); else
 *   `og:title`; else `<title>` without the site name after its last " - " or " | ". Never whatever
 *   text comes first: a label ("News"), a date, a breadcrumb trail or an image caption before the
 *   `<h1>` in the article, the rest of the `<header>` holding it, and labels, dates, bylines and
 *   "Published: … · Inspection: …" lines right after the headline are not body text (header parts
 *   over 400 characters are kept: they are the article in an odd place).
 * - Dropped everywhere: `<script>`, `<style>`, `<noscript>`, `<template>`, `<svg>`, embedded
 *   content and images, forms and their controls, `<nav>`, `<aside>`, `<footer>`, a `<header>`
 *   that is the site banner (one inside `<article>`/`<main>`/`<section>` is the article's header,
 *   see Headline), hidden elements (`hidden`, `aria-hidden=true`, `display:none`, screen-reader-only
 *   classes), elements whose role, label, class or id marks navigation, cookie banner,
 *   breadcrumbs (also a schema.org `BreadcrumbList`), skip links, share links, related content,
 *   pagination and similar, datelines (the `<time>` goes to `date`), pictures' `<figure>`s with
 *   their captions, and a "Share this page" / "Related content" heading with everything after it
 *   up to the next heading of its level.
 * - `url`: `<link rel=canonical>`, else `<meta property=og:url>`; absolute http(s) URLs only.
 * - `date`: the first `<time datetime>` of a dateline or the article header that is not labelled
 *   as an update ("Last updated: <time>"), else `<meta property=article:published_time>`, else
 *   the first `<time datetime>` in the article body; only ISO dates (`YYYY-MM-DD`, optionally a time).
 *
 * Throws `E_HTML_NO_ARTICLE` (file = `relPath`, line of `<main>` or `<body>`) when no article
 * body with text is found.
 */
export function readHtml(text: string, relPath: string): SourceText {
  // Parsed without source locations (2–3× faster); the error path re-parses to find the line.
  const { page, head, body } = parsePage(text, false);
  const root = body ? page.findArticle(body) : null;
  const { text: lines, title } = root && body ? page.emitText(root, body, readMetaTitle(head)) : { text: '', title: null };
  if (!root || !/[\p{L}\p{N}]/u.test(lines)) throw noArticle(text, relPath);
  const result: SourceText = { text: lines };
  if (title) result.title = title;
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
  // A picture's caption is not release text (the release's text and PDF forms have none).
  if (tag === 'figure' && isPictureFigure(el)) return true;
  // schema.org breadcrumbs carry no chrome class: <ol itemscope itemtype="https://schema.org/BreadcrumbList">.
  if (/\bBreadcrumbList\b/i.test(attr(el, 'itemtype') ?? '')) return true;
  const label = attr(el, 'aria-label');
  if (label && CHROME_LABEL.test(label)) return true;
  const words = nameWords(attr(el, 'class'));
  if (!HEADING.test(tag)) words.push(...nameWords(attr(el, 'id')));
  return words.some((w) => CHROME_WORDS.has(w));
}

/** A `<figure>` of an image (or other embedded content) whose only text is its `<figcaption>`. */
function isPictureFigure(figure: Element): boolean {
  let media = false;
  let text = false;
  const walk = (node: ParentNode) => {
    for (const child of node.childNodes) {
      if (isElement(child)) {
        if (MEDIA.has(child.tagName)) media = true;
        else if (child.tagName !== 'figcaption' && !NEVER_TEXT.has(child.tagName)) walk(child);
      } else if (child.nodeName === '#text' && /[^\s\u00A0]/.test((child as DefaultTreeAdapterTypes.TextNode).value)) {
        text = true;
      }
    }
  };
  walk(figure);
  return media && !text;
}

/** A line of header text next to the headline: labels, dates, datelines, bylines, "Label: value" pairs, a breadcrumb trail. */
function isHeaderLine(line: string): boolean {
  if (line.length > 200) return false;
  if (BREADCRUMB_TRAIL.test(line)) return true;
  return line.split(HEADER_ITEM_SEPARATOR).every((item) => HEADER_ITEM.test(item) || BYLINE.test(item));
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

  /** Nodes {@link emit} leaves out: the headline's header (see {@link headerZone}), emitted first or dropped. */
  private skipped = new Set<ChildNode>();
  /** The headline's header as {@link emitText} found it, for {@link readDate}. */
  private header = new Set<ChildNode>();

  /**
   * The release text of `root`, headline first, and that headline. The headline is the article's
   * `<h1>` (else one before `root`), else `fallbackTitle` (`og:title`, `<title>`) as a line of its
   * own; never whatever text comes first. Header text around it is not body text: what comes before
   * the `<h1>` in the article (a label, date, breadcrumb trail or image caption), the rest of the
   * `<header>` holding it, and the lines right after the headline that are labels, dates,
   * datelines, bylines, "Label: value" pairs or the headline again.
   */
  emitText(root: Element, body: Element, fallbackTitle: string | null): { text: string; title: string | null } {
    const emitter = new Emitter();
    const h1 = this.findHeadline(root, body);
    let title: string | null = null;
    if (h1) {
      this.skipped = this.kickersIn(h1);
      this.emit(h1, emitter);
      title = emitter.lastEntryText();
      this.skipped = this.headerZone(root, h1);
      this.header = this.skipped;
    }
    const stated = title === null && fallbackTitle !== null;
    if (stated) {
      emitter.line(fallbackTitle);
      title = fallbackTitle;
    }
    const bodyStart = emitter.entryCount();
    this.emit(root, emitter);
    this.skipped = new Set();
    const repeated = title === null ? '' : collapse(title).toLowerCase();
    emitter.dropLeading(bodyStart, (line) => isHeaderLine(line) || collapse(line).toLowerCase() === repeated);
    // A headline from the head alone is no article: the page must hold text of its own.
    const hasText = emitter.entryCount() > (stated ? 1 : 0);
    return { text: hasText ? emitter.finish() : '', title };
  }

  /** The first visible `<h1>` with text in `root`, else the first before it (outside it), or null. */
  private findHeadline(root: Element, body: Element): Element | null {
    const own = this.findVisible(root, (e) => e.tagName === 'h1').find((e) => this.textLength(e) > 0);
    return own ?? this.firstH1Before(body, root);
  }

  /** Labels inside an `<h1>` (`<span class="govuk-caption-xl">News story</span>`), when the `<h1>` has other text. */
  private kickersIn(h1: Element): Set<ChildNode> {
    const kickers = this.findVisible(h1, (e) => e !== h1 && nameWords(attr(e, 'class')).some((w) => KICKER_WORDS.has(w)));
    const kickerLength = kickers.reduce((n, e) => n + this.textLength(e), 0);
    return new Set(kickerLength < this.textLength(h1) ? kickers : []);
  }

  /**
   * What {@link emitText} leaves out of `root` around its headline `h1`: the `h1` (emitted first),
   * the labels inside it, what precedes it in `root` and the rest of the `<header>` / `<hgroup>`
   * holding it — each part only while it is short (at most {@link MAX_HEADER_CHARS} and under half
   * of `root`): a longer one is article text in an odd place and stays.
   */
  private headerZone(root: Element, h1: Element): Set<ChildNode> {
    const zone = this.kickersIn(h1);
    zone.add(h1);
    const path: Element[] = [];
    let node: ParentNode | null = h1;
    while (node && node !== root && isElement(node)) {
      path.unshift(node);
      node = node.parentNode;
    }
    if (node !== root) return zone;
    const siblings = (e: Element) => this.visibleChildren(e.parentNode!);
    const before = path.flatMap((e) => siblings(e).slice(0, siblings(e).indexOf(e)));
    const headerAt = path.findLastIndex((e) => e !== h1 && (e.tagName === 'header' || e.tagName === 'hgroup'));
    const after = headerAt < 0 ? [] : path.slice(headerAt + 1).flatMap((e) => siblings(e).slice(siblings(e).indexOf(e) + 1));
    const rootLength = this.textLength(root);
    for (const part of [before, after]) {
      const length = part.reduce((n, c) => n + this.nodeLength(c), 0);
      if (length <= MAX_HEADER_CHARS && length * 2 < rootLength) for (const c of part) zone.add(c);
    }
    return zone;
  }

  private nodeLength(node: ChildNode): number {
    if (isElement(node)) return this.textLength(node);
    return node.nodeName === '#text' ? (node as DefaultTreeAdapterTypes.TextNode).value.replace(/[\s\u00A0]+/g, '').length : 0;
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
    if (this.skipped.has(el) || isMetadata(el, this)) return;
    if (tag === 'br') return out.lineBreak();
    if (tag === 'td' || tag === 'th') out.cellSeparator();
    const block = BLOCK.has(tag);
    if (block) out.boundary();
    if (tag === 'ul' || tag === 'ol' || tag === 'menu') out.openList(tag === 'ol' ? el : null);
    if (tag === 'li') out.openItem(attr(el, 'value'));
    if (tag === 'pre') out.preDepth++;
    for (const child of this.visibleChildren(el)) {
      if (isElement(child)) this.emit(child, out);
      else if (!this.skipped.has(child)) out.text((child as DefaultTreeAdapterTypes.TextNode).value);
    }
    if (tag === 'pre') out.preDepth--;
    if (block) out.boundary();
    if (tag === 'li') out.closeItem();
    if (tag === 'ul' || tag === 'ol' || tag === 'menu') out.closeList();
  }

  /**
   * The first `<time datetime>` of a dateline in the article (a time that is not body text: in a
   * dateline block, or in the headline's header) not labelled as an update, else
   * `article:published_time`, else the first `<time datetime>`. A "Last updated" time listed
   * before the publication would give the release a later year, and with it another slug and ids.
   * Call after {@link emitText}, which finds the header.
   */
  readDate(root: Element, head: Element | undefined): string | null {
    const times = this.findVisible(root, (e) => e.tagName === 'time').flatMap((time) => {
      const date = isoDate(attr(time, 'datetime'));
      return date ? [{ time, date }] : [];
    });
    const published = times.find(({ time }) => this.isDatelineTime(time, root) && !this.isUpdateTime(time, root));
    if (published) return published.date;
    for (const meta of head ? allElements(head, 'meta') : []) {
      if (attr(meta, 'property')?.trim().toLowerCase() !== 'article:published_time') continue;
      const date = isoDate(attr(meta, 'content'));
      if (date) return date;
    }
    return times[0]?.date ?? null;
  }

  /** A `<time>` that is not body text: it or an element around it is a dateline, or in the headline's header. */
  private isDatelineTime(time: Element, root: Element): boolean {
    for (let e: ParentNode | null = time; e && isElement(e) && e !== root; e = e.parentNode) {
      if (this.header.has(e) || isMetadata(e, this)) return true;
    }
    return false;
  }

  /** A `<time>` whose short block says "updated" / "modified" / "revised" ("Last updated: <time>"). */
  private isUpdateTime(time: Element, root: Element): boolean {
    let block: ParentNode | null = time.parentNode;
    while (block && isElement(block) && block !== root && !BLOCK.has(block.tagName)) block = block.parentNode;
    if (!block || !isElement(block)) return false;
    const label = this.visibleText(block, (e) => e.tagName === 'time');
    return label.length <= 80 && /\b(?:updated|modified|revised)\b/i.test(label);
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

  /** A block of its own holding `text` (a headline the page states only in its metadata). */
  line(text: string): void {
    this.boundary();
    this.buffer = text;
    this.boundary();
  }

  entryCount(): number {
    this.boundary();
    return this.entries.length;
  }

  /** The text of the last block, its lines joined by a space, or null when there is none. */
  lastEntryText(): string | null {
    this.boundary();
    const entry = this.entries.at(-1);
    return entry ? entry.lines.join(' ') : null;
  }

  /** Remove the blocks from `start` on while every line of each passes `test`. */
  dropLeading(start: number, test: (line: string) => boolean): void {
    this.boundary();
    while (start < this.entries.length && this.entries[start]!.lines.every(test)) this.entries.splice(start, 1);
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

/**
 * The headline a page without an `<h1>` states in its head: `og:title`, else `<title>` without the
 * site name after its last " - " or " | " ("Essex Police has made … - HMIC"); null when neither has text.
 */
function readMetaTitle(head: Element | undefined): string | null {
  const hasText = (t: string) => /[\p{L}\p{N}]/u.test(t);
  for (const meta of head ? allElements(head, 'meta') : []) {
    if ((attr(meta, 'property') ?? attr(meta, 'name'))?.trim().toLowerCase() !== 'og:title') continue;
    const title = collapse(attr(meta, 'content') ?? '');
    if (hasText(title)) return title;
  }
  const titleElement = head ? allElements(head, 'title')[0] : undefined;
  const full = collapse(titleElement?.childNodes.map((c) => (c.nodeName === '#text' ? (c as DefaultTreeAdapterTypes.TextNode).value : '')).join('') ?? '');
  const cut = Math.max(full.lastIndexOf(' - '), full.lastIndexOf(' | '));
  const title = cut > 0 && hasText(full.slice(0, cut)) ? full.slice(0, cut).trim() : full;
  return hasText(title) ? title : null;
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
