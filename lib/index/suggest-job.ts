/**
 * Build the suggest file's sections beside the rest of the build: on a worker thread for a large
 * corpus — its own small heap, so its allocations (FlexSearch's entries, the export) neither wait
 * for nor set off collections of the build's multi-gigabyte heap, and the second core does the work
 * while this thread goes on with the lexicon, the WordNet layer and the facet columns — or in this
 * thread for a small one. The build stays synchronous: `result()` blocks (Atomics.wait) until the
 * worker has posted its answer, then takes it off the port (receiveMessageOnPort).
 */
import { DEFAULT_SUGGEST_LIMITS, buildSuggest, suggestInput, type SuggestInput, type SuggestLimits, type SuggestSections, type SuggestSource } from './build-suggest';
import { doneJob, startWorkerJob, type JobOutput } from './worker-job';

/** Findings from which the suggestions are built on a worker thread (below, a thread costs more than it saves). */
export const SUGGEST_THREAD_FINDINGS = 50_000;

export interface SuggestJob {
  /** True when a worker thread builds them. */
  thread: boolean;
  /** The sections (waits for the worker when there is one). @throws when the worker failed */
  result(): SuggestSections;
}

/** The worker's job (lib/index/worker-job.ts). */
export function run({ input, limits }: { input: SuggestInput; limits: SuggestLimits }): JobOutput<SuggestSections> {
  const sections = buildSuggest(input, limits);
  return { value: sections, transfer: [sections.kind.buffer as ArrayBuffer, sections.count.buffer as ArrayBuffer] };
}

/** Start building the suggestions of `source` (`thread`: on a worker; default: from {@link SUGGEST_THREAD_FINDINGS} findings). */
export function startSuggest(source: SuggestSource, options: { thread?: boolean; limits?: SuggestLimits } = {}): SuggestJob {
  const limits = options.limits ?? DEFAULT_SUGGEST_LIMITS;
  let findings = 0;
  for (let d = 0; d < source.docKind.length; d++) if (source.docKind[d] === 0) findings++;
  if (!(options.thread ?? findings >= SUGGEST_THREAD_FINDINGS)) {
    const input = suggestInput(source);
    return { thread: false, ...doneJob(() => buildSuggest(input, limits)) };
  }
  const job = startWorkerJob<SuggestSections>(new URL(import.meta.url), { input: suggestInput(source, true), limits }, 'building the suggestions');
  return { thread: true, result: () => job.result() };
}
