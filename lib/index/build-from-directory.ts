/**
 * The whole build: find release files under a source directory, ingest each, mark boilerplate,
 * check slugs, build and write the index atomically. Bad files fail the build (strict) or are
 * reported and skipped (`keepGoing`); either way the previous index stays in place on failure.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SearchEngineError, errorFromData, isSearchEngineError } from '../errors';
import { prepareFiles, prepareFilesParallel } from './parse-files';
import { ensureUniqueSlugs } from '../ingest/make-slug';
import { writeIndex } from './write-index';
import type { SourceInfo } from '../ingest/ingest-file';
import type { Release } from '../schema';
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

  const errors: SearchEngineError[] = [];
  log(`parsing ${files.length} files`);
  const prepared = options.beforeRead ? [await prepareFiles(files, options.source, 0, options.beforeRead)] : await prepareFilesParallel(files, options.source);
  // In input order: the first error stops a strict build, as if the files had been read one by one.
  const sources: SourceInfo[] = [];
  const releases: (Pick<Release, 'slug' | 'source' | 'aliases'> & { drop: () => void })[] = [];
  for (const { errors: outcomes, batch } of prepared) {
    let next = 0;
    for (const outcome of outcomes) {
      if (outcome) {
        const error = errorFromData(outcome);
        if (!options.keepGoing) throw error;
        errors.push(error);
        log(`skipped ${error.message}`);
        continue;
      }
      const release = batch.releases[next++]!;
      sources.push(...release.files);
      releases.push({ slug: release.stripped.slug, source: release.stripped.source, aliases: release.stripped.aliases, drop: () => batch.releases.splice(batch.releases.indexOf(release), 1) });
    }
  }
  clock.lap('parse', `parsed and prepared ${releases.length} releases`);
  try {
    ensureUniqueSlugs(releases);
  } catch (error) {
    if (!options.keepGoing || !isSearchEngineError(error)) throw error;
    errors.push(error);
    // The first release of each slug is kept.
    const seen = new Set<string>();
    for (const r of releases) if (seen.has(r.slug)) r.drop();
    else seen.add(r.slug);
  }
  if (prepared.every((p) => p.batch.releases.length === 0)) throw new SearchEngineError('E_NO_SOURCES', 'no release could be ingested', { file: options.source });
  const manifest = writeIndex({ batches: prepared.map((p) => p.batch), mark: true }, options.out, {
    sources,
    sourceDir: options.source,
    started,
    clock,
    onProgress: (done, total) => log(`indexed ${done}/${total} documents`),
  });
  return { manifest, errors, phases: clock.phases };
}
