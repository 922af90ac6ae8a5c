/**
 * The one place a served search's outcome is counted (the API, the search page, cached responses):
 * searches that found no full match go into the process-wide zero-result log, opened on first use
 * under `DATA_DIR` and saved on exit.
 */
import { dataDir } from './data-dir';
import { indexDir } from './index-dir';
import { openZeroResultStore, type ZeroResultStore } from './zero-result-store';

const globalKey = Symbol.for('hmic-search.zero-result-store');
const store = globalThis as unknown as { [globalKey]?: ZeroResultStore };

/** The process-wide zero-result log. */
export function zeroResultStore(): ZeroResultStore {
  let current = store[globalKey];
  if (!current) {
    current = openZeroResultStore({ dir: dataDir(), indexDir: indexDir() });
    store[globalKey] = current;
    const opened = current;
    process.once('exit', () => opened.flushSync());
  }
  return current;
}

/** Count a served search: `q` as typed, its `total` (full matches) and `nearMissTotal`. Never throws. */
export function recordSearchOutcome(q: string, total: number, nearMissTotal: number): void {
  try {
    zeroResultStore().record(q, total, nearMissTotal);
  } catch (error) {
    console.error(`zero-result log: ${(error as Error).message}`);
  }
}
