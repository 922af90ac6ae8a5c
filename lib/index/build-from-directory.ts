/**
 * The whole build: find release files under a source directory, ingest each, mark boilerplate,
 * check slugs, build and write the index atomically. Bad files fail the build (strict) or are
 * reported and skipped (`keepGoing`); either way the previous index stays in place on failure.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SearchEngineError, errorFromData, isSearchEngineError } from '../errors';
import type { Release } from '../schema';
import { isFileError, parseFiles, parseFilesParallel } from './parse-files';
import { prepareBatch } from './prepare-release';
import { ensureUniqueSlugs } from '../ingest/make-slug';
import { writeIndex } from './write-index';
import type { SourceInfo } from '../ingest/ingest-file';
import { sourceFormatOrNull } from '../ingest/readers/source-format';
import type { Manifest } from './manifest';
import { PhaseClock, type Phase } from './phase-clock';

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
  /** The build's phases and how long each took (README "Performance": the bench's build profile). */
  phases: Phase[];
}

/**
 * Release files under `dir` (recursive; `.txt`, `.md`, `.pdf`, `.html`, `.htm`), sorted for a
 * deterministic build. Hidden entries skipped; sidecars (`*.meta.yml`) are read with their source.
 */
export function listReleaseFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && sourceFormatOrNull(entry.name) !== null) out.push(path);
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

/** Run a build. Throws the first error in strict mode; in keep-going mode returns errors with the manifest. */
export async function buildFromDirectory(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const clock = new PhaseClock(log);
  const files = listReleaseFiles(options.source);
  if (files.length === 0) throw new SearchEngineError('E_NO_SOURCES', 'no .txt, .md, .pdf or .html releases found', { file: options.source });

  const releases: Release[] = [];
  const sources: SourceInfo[] = [];
  const filesOf = new Map<Release, SourceInfo[]>();
  const errors: SearchEngineError[] = [];
  log(`parsing ${files.length} files`);
  const { parsed } = options.beforeRead ? await parseFiles(files, options.source, options.beforeRead) : await parseFilesParallel(files, options.source);
  for (const outcome of parsed) {
    if (isFileError(outcome)) {
      const error = errorFromData(outcome);
      if (!options.keepGoing) throw error;
      errors.push(error);
      log(`skipped ${error.message}`);
      continue;
    }
    releases.push(outcome.release);
    filesOf.set(outcome.release, outcome.files);
    sources.push(...outcome.files);
  }
  clock.lap('parse', `parsed ${releases.length} releases`);

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

  const batch = prepareBatch(
    unique.map((release) => ({ release, files: filesOf.get(release)! })),
    true,
  );
  clock.lap('prepare', `prepared ${unique.length} releases`);
  const manifest = writeIndex({ batches: [batch], mark: true }, options.out, {
    sources,
    sourceDir: options.source,
    started,
    clock,
    onProgress: (done, total) => log(`indexed ${done}/${total} documents`),
  });
  return { manifest, errors, phases: clock.phases };
}
