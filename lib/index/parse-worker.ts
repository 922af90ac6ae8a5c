/**
 * Worker thread body for parallel ingest: parses and prepares the batches of files it is sent,
 * one after another, and posts each batch's prepared releases (typed arrays transferred) and
 * errors (as plain data: errors do not survive structured cloning) on its result port, then says
 * so on its parent port. A `{ stop: true }` message closes both ports, and the thread ends.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { prepareFiles, preparedTransferList, type ParseBatch } from './parse-files';
import { termVocabulary } from './prepare-release';

const { root, results } = workerData as { root: string; results: MessagePort };
const queue: ParseBatch[] = [];
/** This thread's term ids, the same in every batch it posts. */
const vocabulary = termVocabulary();
let working = false;

parentPort!.on('message', (message: ParseBatch | { stop: true }) => {
  if ('stop' in message) {
    results.close();
    parentPort!.close();
    return;
  }
  queue.push(message);
  if (!working) void work();
});

async function work(): Promise<void> {
  working = true;
  while (queue.length > 0) {
    const batch = queue.shift()!;
    const prepared = await prepareFiles(batch.files, root, batch.start, undefined, vocabulary);
    results.postMessage(prepared, preparedTransferList(prepared));
    parentPort!.postMessage(batch.start);
  }
  working = false;
}
