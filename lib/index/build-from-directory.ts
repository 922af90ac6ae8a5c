/**
 * The whole build: find release files under a source directory, ingest each, mark boilerplate,
 * check slugs, build and write the index atomically. Bad files fail the build (strict) or are
 * reported and skipped (`keepGoing`); either way the previous index stays in place on failure.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SearchEngineError, isSearchEngineError } from '../errors';
import type { Release } from '../schema';
import { ingestFile } from '../ingest/ingest-file';
import { markBoilerplate } from '../ingest/mark-boilerplate';
import { ensureUniqueSlugs } from '../ingest/make-slug';
import { buildIndex } from './build-index';
import { writeIndex, type SourceInfo } from './write-index';
import type { Manifest } from './manifest';

export interface BuildOptions {
  source: string;
  out: string;
  /** Index the good files and report the bad ones instead of failing on the first. Default false. */
  keepGoing?: boolean;
  log?: (line: string) => void;
  /** Test seam: called with each file's path just before it is read. */
  beforeRead?: (file: string) => void;
}

export interface BuildReport {
  manifest: Manifest | null;
  errors: SearchEngineError[];
}

const RELEASE_EXTENSIONS = /\.(txt|md)$/i;

/** Release files under `dir` (recursive), sorted for a deterministic build. Hidden entries skipped. */
export function listReleaseFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && RELEASE_EXTENSIONS.test(entry.name)) out.push(path);
    }
  };
  try {
    statSync(dir);
  } catch {
    throw new SearchEngineError('E_NO_SOURCES', `source directory does not exist`, { file: dir });
  }
  walk(dir);
  return out;
}

function asEngineError(error: unknown, file: string): SearchEngineError {
  if (isSearchEngineError(error)) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    return new SearchEngineError('E_READ', `cannot read: ${(error as Error).message}`, { file, line: 1 });
  }
  return new SearchEngineError('E_PARSE', `unexpected parse failure: ${(error as Error).message}`, { file, line: 1 });
}

/** Run a build. Throws the first error in strict mode; in keep-going mode returns errors with the manifest. */
export async function buildFromDirectory(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const files = listReleaseFiles(options.source);
  if (files.length === 0) throw new SearchEngineError('E_NO_SOURCES', 'no .txt or .md releases found', { file: options.source });

  const releases: Release[] = [];
  const sources: SourceInfo[] = [];
  const errors: SearchEngineError[] = [];
  const progressEvery = files.length >= 2000 ? Math.ceil(files.length / 20) : Infinity;
  files.forEach((file, i) => {
    const rel = relative(options.source, file);
    try {
      options.beforeRead?.(file);
      const bytes = readFileSync(file);
      const release = ingestFile(file, options.source);
      releases.push(release);
      sources.push({ path: rel, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    } catch (error) {
      const wrapped = asEngineError(error, rel);
      if (!options.keepGoing) throw wrapped;
      errors.push(wrapped);
      log(`skipped ${wrapped.message}`);
    }
    if ((i + 1) % progressEvery === 0) log(`parsed ${i + 1}/${files.length} files`);
  });

  let unique: Release[];
  try {
    unique = ensureUniqueSlugs(releases);
  } catch (error) {
    if (!options.keepGoing || !isSearchEngineError(error)) throw error;
    errors.push(error);
    const seen = new Set<string>();
    unique = releases.filter((r) => (seen.has(r.slug) ? false : (seen.add(r.slug), true)));
  }
  if (unique.length === 0) throw new SearchEngineError('E_NO_SOURCES', 'no release could be ingested', { file: options.source });

  const marked = markBoilerplate(unique);
  const data = buildIndex(marked, (done, total) => log(`indexed ${done}/${total} documents`));
  const manifest = await writeIndex(data, options.out, { sources, buildMs: performance.now() - started });
  return { manifest, errors };
}
