/**
 * Parse release files, in this thread or spread over worker threads. Errors come back as data
 * (`code`, `file`, `line`, `message`) so a keep-going build can report them all.
 */
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isSearchEngineError, type SearchEngineErrorData } from '../errors';
import type { Release } from '../schema';
import { ingestFile, type SourceInfo } from '../ingest/ingest-file';

export interface ParsedFile {
  release: Release;
  /** The files read: the release source, then its sidecar if any. */
  files: SourceInfo[];
}

export type FileError = SearchEngineErrorData & { file: string };

export interface ParseOutcome {
  /** In input order; `null` where the file failed. */
  parsed: (ParsedFile | FileError)[];
}

/** Files at which parsing moves to worker threads (below it, threads cost more than they save). */
export const PARALLEL_THRESHOLD = 1500;

function toFileError(error: unknown, file: string): FileError {
  if (isSearchEngineError(error)) return { code: error.code, message: error.message, file, line: error.line };
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    return { code: 'E_READ', message: `${file}:1: cannot read: ${(error as Error).message}`, file, line: 1 };
  }
  return { code: 'E_PARSE', message: `${file}:1: unexpected parse failure: ${(error as Error).message}`, file, line: 1 };
}

export function isFileError(x: ParsedFile | FileError): x is FileError {
  return 'code' in x;
}

/** Parse `files` (absolute paths under `root`) in this thread, one after another. */
export async function parseFiles(files: readonly string[], root: string, beforeRead?: (file: string) => void): Promise<ParseOutcome> {
  const parsed: (ParsedFile | FileError)[] = [];
  for (const file of files) {
    const rel = relative(root, file);
    try {
      beforeRead?.(file);
      parsed.push(await ingestFile(file, root));
    } catch (error) {
      parsed.push(toFileError(error, rel));
    }
  }
  return { parsed };
}

/**
 * Parse `files` over up to `threads` worker threads (default: available cores), keeping input order.
 * Falls back to this thread for small inputs.
 */
export async function parseFilesParallel(files: readonly string[], root: string, threads = availableParallelism()): Promise<ParseOutcome> {
  const workers = Math.max(1, Math.min(threads, 8));
  // A PDF costs about as much to read as fifty text releases.
  const work = files.reduce((sum, f) => sum + (/\.pdf$/i.test(f) ? 50 : 1), 0);
  if (workers === 1 || work < PARALLEL_THRESHOLD) return parseFiles(files, root);
  const size = Math.ceil(files.length / workers);
  const slices = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size));
  const outcomes = await Promise.all(
    slices.map(
      (slice) =>
        new Promise<ParseOutcome>((resolve, reject) => {
          const worker = new Worker(new URL('./parse-worker-bootstrap.mjs', import.meta.url), {
            workerData: { files: slice, root },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`parse worker exited with ${code}`)));
        }),
    ),
  );
  return { parsed: outcomes.flatMap((o) => o.parsed) };
}
