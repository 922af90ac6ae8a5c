/** The index's copies of the source files (lib/index/write-index.ts), made beside the build. */
import { hash, randomBytes } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceInfo } from '../ingest/ingest-file';
import { SOURCES_DIR } from './options';
import { doneJob, startWorkerJob, type JobOutput, type WorkerJob } from './worker-job';

/** Source files from which the copies are made on a worker thread. */
export const SOURCES_THREAD_FILES = 5_000;

/**
 * Copy every source file into `<out>/sources/<sha256>` (content-addressed: a rebuild copies only
 * new or changed files, and a copy never changes), so an index is self-contained and a server
 * holding only the index serves the original files. A hard link where the file system allows (the
 * copies are the user's own files, counted apart from the index's size), else a copy; either way
 * its content is hashed again, so a file that changed since it was parsed is refused.
 */
export function storeSources(outDir: string, sourceDir: string, sources: readonly SourceInfo[]): void {
  const dir = join(outDir, SOURCES_DIR);
  mkdirSync(dir, { recursive: true });
  const present = new Set(readdirSync(dir));
  for (const source of sources) {
    if (present.has(source.sha256)) continue;
    present.add(source.sha256);
    const target = join(dir, source.sha256);
    const from = join(sourceDir, source.path);
    const tmp = `${target}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      linkSync(from, tmp);
    } catch {
      copyFileSync(from, tmp);
    }
    if (hash('sha256', readFileSync(tmp)) !== source.sha256) {
      rmSync(tmp, { force: true });
      throw new Error(`${source.path} changed while the index was being built; build again`);
    }
    renameSync(tmp, target);
  }
}

/** The worker's job (lib/index/worker-job.ts). */
export function run({ outDir, sourceDir, sources }: { outDir: string; sourceDir: string; sources: SourceInfo[] }): JobOutput<null> {
  storeSources(outDir, sourceDir, sources);
  return { value: null };
}

/** Start copying `sources` into the index in `outDir` (on a worker from {@link SOURCES_THREAD_FILES} files); `result()` waits and throws what it threw. */
export function startStoreSources(outDir: string, sourceDir: string, sources: readonly SourceInfo[], thread = sources.length >= SOURCES_THREAD_FILES): WorkerJob<null> & { thread: boolean } {
  if (!thread) return { thread: false, ...doneJob(() => (storeSources(outDir, sourceDir, sources), null)) };
  return { thread: true, ...startWorkerJob<null>(new URL(import.meta.url), { outDir, sourceDir, sources }, 'copying the source files') };
}
