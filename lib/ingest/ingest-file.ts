import { existsSync } from 'node:fs';
import type { Release, SourceRef } from '../schema';
import { normalizeNewlines } from '../text/normalize';
import { readSidecar, splitFrontMatter, type ReleaseFrontMatter } from './front-matter';
import { parseRelease } from './parse-release';
import { readSourceBytes, decodeSource, type SourceBytes } from './read-source';
import { sourceFormatOf } from './readers/source-format';
import type { SourceText } from './readers/source-text';

/** Suffix of a sidecar metadata file: `essex.pdf` → `essex.pdf.meta.yml`. */
export const SIDECAR_SUFFIX = '.meta.yml';

/** A file the index was built from: a release source or its sidecar (listed in the manifest). */
export interface SourceInfo {
  path: string;
  sha256: string;
  bytes: number;
}

/** One ingested release and the files it was read from (the source first, then its sidecar). */
export interface IngestedFile {
  release: Release;
  files: SourceInfo[];
}

/**
 * Read, decode and parse one release file of any format (`.txt`, `.md`, `.pdf`, `.html`/`.htm`),
 * with its sidecar `<file>.meta.yml` when there is one. Metadata wins in this order: sidecar,
 * front matter, what the HTML states (`date`, the headline), what the text says. Line numbers are those of
 * the file (PDF and HTML: of the extracted text); PDF findings and paragraphs carry `page`.
 * Errors: see {@link readSourceBytes}, {@link readSidecar}, {@link splitFrontMatter},
 * the PDF and HTML readers and {@link parseRelease}.
 */
export async function ingestFile(absPath: string, rootDir: string): Promise<IngestedFile> {
  const file = readSourceBytes(absPath, { rootDir });
  const sidecar = readSidecarFile(`${absPath}${SIDECAR_SUFFIX}`, rootDir);
  const release = await ingestBytes(file, sidecar?.metadata ?? null);
  const files = [{ path: file.relPath, sha256: file.sha256, bytes: file.bytes.length }];
  if (sidecar) files.push(sidecar.info);
  return { release, files };
}

/** The sidecar beside a source, read like any source file (size limit, sha256), or null when there is none. */
function readSidecarFile(absPath: string, rootDir: string): { metadata: ReleaseFrontMatter; info: SourceInfo } | null {
  if (!existsSync(absPath)) return null;
  const { relPath, bytes, sha256 } = readSourceBytes(absPath, { rootDir });
  return {
    metadata: readSidecar(decodeSource(bytes, relPath), relPath),
    info: { path: relPath, sha256, bytes: bytes.length },
  };
}

/**
 * Parse an already-read source (no file system access): dispatch on the format, then
 * {@link parseRelease}. `sidecar` is validated sidecar metadata, if any.
 */
export async function ingestBytes(file: SourceBytes, sidecar: ReleaseFrontMatter | null = null): Promise<Release> {
  const format = sourceFormatOf(file.relPath);
  const ref: SourceRef = { path: file.relPath, format, sha256: file.sha256, bytes: file.bytes.length };
  // Readers load on first use: pdf.js is large, and most builds and every server read no PDF.
  if (format === 'pdf') {
    const { readPdf } = await import('./readers/read-pdf');
    // A plain copy: pdf.js refuses Node Buffers and may detach what it is given.
    return parseSourceText(await readPdf(new Uint8Array(file.bytes), file.relPath), ref, sidecar);
  }
  const text = normalizeNewlines(decodeSource(file.bytes, file.relPath));
  if (format === 'html') {
    const { readHtml } = await import('./readers/read-html');
    return parseSourceText(readHtml(text, file.relPath), ref, sidecar);
  }
  if (format === 'md') {
    const { frontMatter, body, bodyLineOffset } = splitFrontMatter(text, file.relPath);
    return parseRelease(body, { source: ref, frontMatter: merge(frontMatter, sidecar), lineOffset: bodyLineOffset });
  }
  return parseRelease(text, { source: ref, frontMatter: sidecar });
}

function parseSourceText(extracted: SourceText, ref: SourceRef, sidecar: ReleaseFrontMatter | null): Release {
  const source: SourceRef = { ...ref, ...(extracted.pages ? { pages: extracted.pages } : {}), ...(extracted.url ? { url: extracted.url } : {}) };
  const stated = datedMetadata(extracted.date);
  return parseRelease(extracted.text, {
    source,
    frontMatter: merge(stated, sidecar),
    linePages: extracted.linePages,
    ...(extracted.title ? { title: extracted.title } : {}),
  });
}

/** Metadata from a date the source states about itself (HTML), lowest priority; the day only (`2012-12-13`). */
function datedMetadata(date: string | undefined): ReleaseFrontMatter | null {
  const day = date ? /^(\d{4})(?:-\d{2}(?:-\d{2})?)?/.exec(date) : null;
  return day ? { date: day[0], year: Number(day[1]) } : null;
}

function merge(low: ReleaseFrontMatter | null, high: ReleaseFrontMatter | null): ReleaseFrontMatter | null {
  if (!low) return high;
  if (!high) return low;
  return { ...low, ...high };
}

/**
 * Parse text given in memory as a release of the format its path says (txt or md; tests and tools).
 */
export function ingestSource(source: { relPath: string; text: string }): Release {
  const text = normalizeNewlines(source.text);
  if (sourceFormatOf(source.relPath) !== 'md') return parseRelease(text, { source: source.relPath });
  const { frontMatter, body, bodyLineOffset } = splitFrontMatter(text, source.relPath);
  return parseRelease(body, { source: source.relPath, frontMatter, lineOffset: bodyLineOffset });
}
