// Worker threads do not inherit tsx's loader: register it, then run the TypeScript worker body
// (lib/index/suggest-worker.ts). Whatever fails here is answered too, so the build never waits in vain.
import { workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./suggest-worker.ts');
} catch (error) {
  workerData.port.postMessage({ error: `the suggest worker could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
  Atomics.store(workerData.done, 0, 1);
  Atomics.notify(workerData.done, 0);
}
