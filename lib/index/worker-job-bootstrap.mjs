// Worker thread body of lib/index/worker-job.ts. Worker threads do not inherit tsx's loader:
// register it, run the job module's `run(input)`, post its value (or the error) and say so.
// Whatever fails is answered too, so the build never waits in vain.
import { workerData } from 'node:worker_threads';

const { module, input, done, port } = workerData;
let answer;
let transfer = [];
try {
  const { register } = await import('tsx/esm/api');
  register();
  const output = (await import(module)).run(input);
  answer = { value: output.value };
  transfer = output.transfer ?? [];
} catch (error) {
  answer = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
port.postMessage(answer, transfer);
Atomics.store(done, 0, 1);
Atomics.notify(done, 0);
