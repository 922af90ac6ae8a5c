/**
 * Parse release files and prepare them for the index (lib/index/prepare-release.ts), in this
 * thread or spread over worker threads. Errors come back as data (`code`, `file`, `line`,
 * `message`) so a keep-going build can report them all.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { isSearchEngineError, type SearchEngineErrorData } from '../errors';
import type { Release } from '../schema';
import { ingestFile, type SourceInfo } from '../ingest/ingest-file';
import { batchTransferList, prepareBatch, termVocabulary, type PreparedBatch } from './prepare-release';

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
    try {
      beforeRead?.(file);
      parsed.push(await ingestFile(file, root));
    } catch (error) {
      // The relative path only for errors: computing it for every file cost more than reading some.
      parsed.push(toFileError(error, relative(root, file)));
    }
  }
  return { parsed };
}

/** A worker's task: parse `files`, the input files from `start` on. */
export interface ParseBatch {
  start: number;
  files: string[];
}

/**
 * Files parsed and prepared (a worker's answer to a {@link ParseBatch}, posted on its result port
 * with the batch's typed arrays transferred, not copied): `errors[i]` is the i-th file's error as
 * data, or null when it parsed — its release is then the next of `batch.releases`.
 */
export interface PreparedFiles {
  start: number;
  errors: (FileError | null)[];
  batch: PreparedBatch;
}

/** Parse and prepare `files` (from input position `start`) in this thread, with this thread's term vocabulary. */
export async function prepareFiles(files: readonly string[], root: string, start = 0, beforeRead?: (file: string) => void, vocabulary = termVocabulary()): Promise<PreparedFiles> {
  const { parsed } = await parseFiles(files, root, beforeRead);
  const good: ParsedFile[] = [];
  const errors = parsed.map((p) => (isFileError(p) ? p : (good.push(p), null)));
  return { start, errors, batch: prepareBatch(good, true, vocabulary) };
}

/** The buffers of `prepared` that move to another thread without a copy. */
export function preparedTransferList(prepared: PreparedFiles): ArrayBuffer[] {
  return batchTransferList(prepared.batch);
}

/** What a parallel parse cost the calling thread (for benchmarks). */
export interface ParallelParseStats {
  workers: number;
  batches: number;
  /** Time spent taking batch results off the result ports: structured-clone deserialisation. */
  receiveMs: number;
  /** Time spent sizing files (stat) to cut batches. */
  sizeMs: number;
}

export interface ParallelParseOptions {
  /** Aimed size of a batch in bytes (each file counts at least {@link FILE_COST_BYTES}). Default 1 MB. */
  batchBytes?: number;
  /** Most files in one batch. Default 256. */
  batchFiles?: number;
  /** Batches a worker holds (the one it parses and the ones queued behind it). Default 3. */
  batchesPerWorker?: number;
  /** Work (files; a PDF counts 50) below which this thread parses alone. Default {@link PARALLEL_THRESHOLD}. */
  threshold?: number;
  /** Called once at the end with what the parse cost this thread. */
  onStats?: (stats: ParallelParseStats) => void;
}

/** Bytes a file counts for at least when cutting batches: opening and parsing a release has a fixed cost. */
export const FILE_COST_BYTES = 2048;

/**
 * Parse and prepare `files` over up to `threads` worker threads (default: available cores): the
 * prepared batches in input order. Falls back to this thread for small inputs (one batch).
 *
 * Workers take batches from one queue: this thread cuts the next batch (about `batchBytes` of
 * files, by size on disk) when a worker hands one back, and each worker holds a few, so it does
 * not wait. A
 * worker posts each batch's prepared releases as soon as they are done (its typed arrays moved, not
 * copied), and they are placed by position, so memory grows with the results only (no one huge
 * message at the end), and a worker given costly files simply takes fewer batches. Each file's
 * outcome is what {@link prepareFiles} gives; a worker that dies rejects the whole parse.
 */
export async function prepareFilesParallel(
  files: readonly string[],
  root: string,
  threads = availableParallelism(),
  options: ParallelParseOptions = {},
): Promise<PreparedFiles[]> {
  const workers = Math.max(1, Math.min(threads, 8));
  // A PDF costs about as much to read as fifty text releases.
  const work = files.reduce((sum, f) => sum + (/\.pdf$/i.test(f) ? 50 : 1), 0);
  if (workers === 1 || work < (options.threshold ?? PARALLEL_THRESHOLD)) return [await prepareFiles(files, root)];
  return new BatchPool(files, root, workers, options).run();
}

/** One parallel parse: the queue of files, the workers and the results in input order. */
class BatchPool {
  private readonly prepared: PreparedFiles[] = [];
  private next = 0;
  private done = 0;
  private readonly stats: ParallelParseStats;
  private readonly batchBytes: number;
  private readonly batchFiles: number;

  constructor(
    private readonly files: readonly string[],
    private readonly root: string,
    private readonly workerCount: number,
    private readonly options: ParallelParseOptions,
  ) {
    this.stats = { workers: 0, batches: 0, receiveMs: 0, sizeMs: 0 };
    this.batchBytes = options.batchBytes ?? 1024 * 1024;
    this.batchFiles = options.batchFiles ?? 256;
  }

  run(): Promise<PreparedFiles[]> {
    return new Promise<PreparedFiles[]>((resolve, reject) => {
      const running: Worker[] = [];
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        for (const w of running) void w.terminate();
        reject(error);
      };
      const finish = () => {
        if (settled) return;
        settled = true;
        for (const w of running) w.postMessage({ stop: true });
        this.options.onStats?.(this.stats);
        resolve(this.prepared.sort((a, b) => a.start - b.start));
      };
      // A worker holds a few batches, so that it does not wait while this thread is busy (taking
      // results off a port, collecting garbage); no more workers than the batches keep busy.
      const held = Math.max(1, this.options.batchesPerWorker ?? 3);
      for (let i = 0; i < this.workerCount; i++) {
        const first = this.nextBatch();
        if (first === null) break;
        const { port1, port2 } = new MessageChannel();
        const worker = new Worker(new URL('./parse-worker-bootstrap.mjs', import.meta.url), {
          workerData: { root: this.root, results: port2 },
          transferList: [port2],
        });
        running.push(worker);
        this.stats.workers++;
        worker.postMessage(first);
        for (let more = 1; more < held; more++) {
          const batch = this.nextBatch();
          if (batch === null) break;
          worker.postMessage(batch);
        }
        // The worker says a batch is done on its parent port; the results wait on `port1`, taken
        // off synchronously so that their deserialisation can be timed.
        worker.on('message', () => {
          if (settled) return;
          try {
            this.receive(port1, i);
          } catch (error) {
            fail(error as Error);
            return;
          }
          const batch = this.nextBatch();
          if (batch !== null) worker.postMessage(batch);
          if (this.done === this.files.length) finish();
        });
        worker.once('error', fail);
        worker.once('exit', (code) => {
          port1.close();
          if (code !== 0) fail(new Error(`parse worker exited with ${code}`));
          else if (!settled) fail(new Error('parse worker stopped before the parse was done'));
        });
      }
    });
  }

  /** The next batch: files from the queue up to the byte or file budget; null when none are left. */
  private nextBatch(): ParseBatch | null {
    if (this.next >= this.files.length) return null;
    const started = performance.now();
    const start = this.next;
    let bytes = 0;
    while (this.next < this.files.length && this.next - start < this.batchFiles && (this.next === start || bytes < this.batchBytes)) {
      bytes += Math.max(FILE_COST_BYTES, sizeOf(this.files[this.next]!));
      this.next++;
    }
    this.stats.sizeMs += performance.now() - started;
    this.stats.batches++;
    return { start, files: this.files.slice(start, this.next) };
  }

  /** Take one batch's results off `port` (worker `vocabulary`'s) and put them in place. */
  private receive(port: MessagePort, vocabulary: number): void {
    const started = performance.now();
    const message = receiveMessageOnPort(port);
    this.stats.receiveMs += performance.now() - started;
    if (message === undefined) throw new Error('parse worker announced a batch that is not there');
    const prepared = message.message as PreparedFiles;
    prepared.batch.vocabulary = vocabulary;
    this.prepared.push(prepared);
    this.done += prepared.errors.length;
  }
}

/** Size of a file in bytes, 0 when it cannot be read (the worker reports the error). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
