import type { Release } from '../schema';
import { normalizeNewlines } from '../text/normalize';
import { splitFrontMatter } from './front-matter';
import { parseRelease } from './parse-release';
import { readSource, type SourceFile } from './read-source';

/** File extensions whose YAML front matter is read (other files are parsed as plain text). */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown'];

/**
 * Read, decode and parse one release file (synchronous). `.md`/`.markdown` front matter is validated and wins
 * over the text (title, force, region, date → year, url, slug); line numbers stay those of the
 * original file. Errors: see {@link readSource}, {@link splitFrontMatter}, {@link parseRelease}.
 */
export function ingestFile(absPath: string, rootDir: string): Release {
  return ingestSource(readSource(absPath, { rootDir }));
}

/**
 * Parse an already-read source (pure): front matter for markdown paths, then {@link parseRelease}.
 * Useful when the caller also wants {@link SourceFile.sha256}.
 */
export function ingestSource(source: Pick<SourceFile, 'relPath' | 'text'>): Release {
  const text = normalizeNewlines(source.text);
  if (!isMarkdown(source.relPath)) return parseRelease(text, { source: source.relPath });
  const { frontMatter, body, bodyLineOffset } = splitFrontMatter(text, source.relPath);
  return parseRelease(body, { source: source.relPath, frontMatter, lineOffset: bodyLineOffset });
}

function isMarkdown(relPath: string): boolean {
  const lower = relPath.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
