import type { SourceFormat } from './source-text';

/** Source file extensions by format (lower case, with the dot). */
export const SOURCE_EXTENSIONS: Record<SourceFormat, readonly string[]> = {
  txt: ['.txt'],
  md: ['.md', '.markdown'],
  pdf: ['.pdf'],
  html: ['.html', '.htm'],
};

/** Content type each format is served with from `/sources/<slug>`. */
export const SOURCE_CONTENT_TYPES: Record<SourceFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
  // Served inside a CSP sandbox with nothing allowed, so a page's scripts never run on our origin.
  html: 'text/html; charset=utf-8',
};

/** Format of a source path by extension, or null when it is not a release file. */
export function sourceFormatOrNull(path: string): SourceFormat | null {
  const lower = path.toLowerCase();
  for (const [format, extensions] of Object.entries(SOURCE_EXTENSIONS) as [SourceFormat, readonly string[]][]) {
    if (extensions.some((ext) => lower.endsWith(ext))) return format;
  }
  return null;
}

/** Format of a source path; anything unrecognised is read as plain text. */
export function sourceFormatOf(path: string): SourceFormat {
  return sourceFormatOrNull(path) ?? 'txt';
}
