/**
 * Build the suggest file's sections beside the rest of the build: on a worker thread for a large
 * corpus — its own small heap, so its allocations (FlexSearch's entries, the export) neither wait
 * for nor set off collections of the build's multi-gigabyte heap, and the second core does the work
 * while this thread goes on with the lexicon, the WordNet layer and the facet columns — or in this
 * thread for a small one. The build stays synchronous: `result()` blocks (Atomics.wait) until the
 * worker has posted its answer, then takes it off the port (receiveMessageOnPort).
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { DEFAULT_SUGGEST_LIMITS, buildSuggest, suggestInput, type SuggestInput, type SuggestLimits, type SuggestSections, type SuggestSource } from './build-suggest';

/** Findings from which the suggestions are built on a worker thread (below, a thread costs more than it saves). */
export const SUGGEST_THREAD_FINDINGS = 50_000;

/** Longest wait for the worker's answer. */
const WORKER_TIMEOUT_MS = 10 * 60_000;

export interface SuggestJob {
  /** True when a worker thread builds them. */
  thread: boolean;
  /** The sections (waits for the worker when there is one). @throws when the worker failed */
  result(): SuggestSections;
}

/** What the worker is given (shared memory for the big arrays) and answers. */
export interface SuggestWorkerData {
  input: SuggestInput;
  limits: SuggestLimits;
  /** Set to 1 (and notified) once the answer is on the port. */
  done: Int32Array;
  port: MessagePort;
}
export type SuggestWorkerAnswer = { sections: SuggestSections } | { error: string };

/** Start building the suggestions of `source` (`thread`: on a worker; default: from {@link SUGGEST_THREAD_FINDINGS} findings). */
export function startSuggest(source: SuggestSource, options: { thread?: boolean; limits?: SuggestLimits } = {}): SuggestJob {
  const limits = options.limits ?? DEFAULT_SUGGEST_LIMITS;
  let findings = 0;
  for (let d = 0; d < source.docKind.length; d++) if (source.docKind[d] === 0) findings++;
  if (!(options.thread ?? findings >= SUGGEST_THREAD_FINDINGS)) {
    const input = suggestInput(source);
    let sections: SuggestSections | undefined;
    return { thread: false, result: () => (sections ??= buildSuggest(input, limits)) };
  }
  const input = suggestInput(source, true);
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const workerData: SuggestWorkerData = { input, limits, done, port: port2 as unknown as MessagePort };
  const worker = new Worker(new URL('./suggest-worker-bootstrap.mjs', import.meta.url), { workerData, transferList: [port2] });
  worker.unref();
  let sections: SuggestSections | undefined;
  return {
    thread: true,
    result() {
      if (sections) return sections;
      const deadline = Date.now() + WORKER_TIMEOUT_MS;
      // A worker that died without answering has thread id -1 (before its 'exit' event, which this blocked thread would never see).
      while (Atomics.load(done, 0) === 0 && worker.threadId !== -1 && Date.now() < deadline) Atomics.wait(done, 0, 0, 200);
      const answer = receiveMessageOnPort(port1)?.message as SuggestWorkerAnswer | undefined;
      port1.close();
      void worker.terminate();
      if (!answer || 'error' in answer) throw new Error(`building the suggestions failed: ${answer ? answer.error : Atomics.load(done, 0) === 0 && worker.threadId !== -1 ? 'the worker did not answer in time' : 'the worker stopped without an answer'}`);
      return (sections = answer.sections);
    },
  };
}
