/** Worker thread body of lib/index/suggest-job.ts: build the suggest sections, post them, say so. */
import { workerData } from 'node:worker_threads';
import { buildSuggest } from './build-suggest';
import type { SuggestWorkerAnswer, SuggestWorkerData } from './suggest-job';

const { input, limits, done, port } = workerData as SuggestWorkerData;
let answer: SuggestWorkerAnswer;
let transfer: ArrayBuffer[] = [];
try {
  const sections = buildSuggest(input, limits);
  answer = { sections };
  transfer = [sections.kind.buffer as ArrayBuffer, sections.count.buffer as ArrayBuffer];
} catch (error) {
  answer = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
port.postMessage(answer, transfer);
Atomics.store(done, 0, 1);
Atomics.notify(done, 0);
