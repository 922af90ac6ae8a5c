/**
 * What every source reader (txt/md, PDF, HTML) hands to the release parser: the text as lines,
 * exactly what a hand-converted `.txt` release would hold, plus where each line came from.
 * Pagefind-style: a format is a reader that turns bytes into these lines; the parser never
 * knows which format it is reading.
 */

/** Source formats the ingest reads. */
export const SOURCE_FORMATS = ['txt', 'md', 'pdf', 'html'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface SourceText {
  /**
   * The release as text lines joined by `\n`: paragraphs separated by a blank line, list items
   * starting with a bullet (`• `) or a number (`1. `), headings as plain lines.
   */
  text: string;
  /**
   * 1-based page of each line of `text` (index = line number - 1), for PDFs; blank lines take
   * the page of the line before them. Absent for formats without pages.
   */
  linePages?: number[];
  /** Number of pages (PDF). */
  pages?: number;
  /**
   * The headline, where the format says which text it is (HTML: the article's `<h1>`, else
   * `og:title`, else `<title>` without the site name). The parser prefers it to "the first line is
   * the headline", which a label or date above the headline breaks. Absent when the format does
   * not know (text, PDF: their first line is the headline).
   */
  title?: string;
  /** Canonical URL the source states about itself (HTML `<link rel=canonical>` / `og:url`). */
  url?: string;
  /** Publication date the source states (HTML `<time datetime>` / `article:published_time`), ISO. */
  date?: string;
}
