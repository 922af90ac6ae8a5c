/**
 * The zero-result log kept on disk: read back at start, written atomically (temp file + rename)
 * at most every `flushMs` after a change, and synchronously on exit. Never inside an index
 * directory (a rebuild replaces those); a log that cannot be read is moved aside, never lost
 * silently. Problems are logged, never thrown: counting must not break a search.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { createZeroResultLog, normaliseQuery, ZeroResultLogFileSchema, type ZeroResultEntry, type ZeroResultLogFile } from './zero-result-log';

export const ZERO_RESULT_LOG_FILE = 'no-results.json';

export interface ZeroResultStoreOptions {
  /** Directory of the log file (`DATA_DIR`). */
  dir: string;
  /** The index directory: a `dir` inside it is refused (the log is then kept in memory only). */
  indexDir?: string;
  /** Longest wait between a change and its write, in ms (default 5000). */
  flushMs?: number;
  /** Distinct queries kept (default 1000). */
  maxQueries?: number;
  /** The clock (tests); only the UTC day is kept. */
  now?: () => Date;
}

export interface ZeroResultStore {
  /** Count a served search that found no full match (others are ignored). */
  record(q: string, total: number, nearMissTotal: number): void;
  entries(): ZeroResultEntry[];
  /** Write now if anything changed (resolves when written). */
  flush(): Promise<void>;
  /** Write now, synchronously (process exit). */
  flushSync(): void;
  /** The file written, or null when the log is kept in memory only. */
  file: string | null;
}

function inside(dir: string, parent: string): boolean {
  const rel = relative(parent, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function readLog(file: string): ZeroResultLogFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = ZeroResultLogFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    console.error(`${file}: not a zero-result log of format version 1 (${parsed.error.issues[0]?.message}); moved to ${file}.unreadable, starting empty`);
  } catch (error) {
    console.error(`${file}: unreadable (${(error as Error).message}); moved to ${file}.unreadable, starting empty`);
  }
  try {
    renameSync(file, `${file}.unreadable`);
  } catch {
    /* gone meanwhile */
  }
  return undefined;
}

export function openZeroResultStore(options: ZeroResultStoreOptions): ZeroResultStore {
  const flushMs = options.flushMs ?? 5000;
  const now = options.now ?? (() => new Date());
  let file: string | null = join(options.dir, ZERO_RESULT_LOG_FILE);
  if (options.indexDir && inside(options.dir, options.indexDir)) {
    console.error(`DATA_DIR ${options.dir} is inside the index directory ${options.indexDir}: the zero-result log is kept in memory only`);
    file = null;
  }
  const log = createZeroResultLog({ maxQueries: options.maxQueries, restore: file ? readLog(file) : undefined });
  let dirty = false;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!file || !dirty) return writing;
    dirty = false;
    const target = file;
    const body = JSON.stringify(log.toFile());
    const tmp = `${target}.tmp-${process.pid}`;
    writing = writing
      .then(async () => {
        await mkdir(options.dir, { recursive: true });
        await writeFile(tmp, body);
        await rename(tmp, target);
      })
      .catch((error: Error) => {
        dirty = true;
        console.error(`zero-result log not saved: ${error.message}`);
      });
    return writing;
  };

  return {
    file,
    record(q, total, nearMissTotal) {
      const query = normaliseQuery(q);
      if (total > 0 || query === '') return;
      log.count(query, nearMissTotal, now().toISOString().slice(0, 10));
      dirty = true;
      if (file && !timer) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref();
      }
    },
    entries: () => log.entries(),
    flush,
    flushSync() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!file || !dirty) return;
      try {
        mkdirSync(options.dir, { recursive: true });
        const tmp = `${file}.tmp-${process.pid}-exit`;
        writeFileSync(tmp, JSON.stringify(log.toFile()));
        renameSync(tmp, file);
        dirty = false;
      } catch (error) {
        console.error(`zero-result log not saved: ${(error as Error).message}`);
      }
    },
  };
}
