/**
 * The WordNet layer (lib/index/build-thesaurus.ts) built beside the rest of the build: on a worker
 * thread for a large corpus (it reads the whole forward index, shared rather than copied twice),
 * in this thread for a small one.
 */
import { buildThesaurus, type ForwardIndex } from './build-thesaurus';
import { thesaurusFile, type ThesaurusFile } from './thesaurus-format';
import { doneJob, startWorkerJob, type JobOutput, type WorkerJob } from './worker-job';

/** Positions (terms in the forward index) from which the layer is built on a worker thread. */
export const THESAURUS_THREAD_POSITIONS = 5_000_000;

interface ThesaurusInput {
  forward: ForwardIndex;
  stems: readonly string[];
}

/** The worker's job (lib/index/worker-job.ts). */
export function run({ forward, stems }: ThesaurusInput): JobOutput<ThesaurusFile> {
  return { value: thesaurusFile(buildThesaurus(forward, stems)) };
}

function shared(array: Uint32Array): Uint32Array {
  const copy = new Uint32Array(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/** Start building the thesaurus of `forward` (`thread`: on a worker; default: from {@link THESAURUS_THREAD_POSITIONS} positions). */
export function startThesaurus(forward: ForwardIndex, stems: readonly string[], thread = forward.terms.length >= THESAURUS_THREAD_POSITIONS): WorkerJob<ThesaurusFile> & { thread: boolean } {
  if (!thread) return { thread: false, ...doneJob(() => run({ forward, stems }).value) };
  const input: ThesaurusInput = { forward: { vocab: forward.vocab, starts: shared(forward.starts), ends: shared(forward.ends), terms: shared(forward.terms) }, stems };
  return { thread: true, ...startWorkerJob<ThesaurusFile>(new URL(import.meta.url), input, 'building the WordNet layer') };
}
