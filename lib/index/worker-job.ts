/**
 * A piece of the build run on a worker thread beside the rest: the worker has its own small heap
 * (its allocations neither wait for nor set off collections of the build's large one), and the
 * second core does the work while this thread goes on. The build stays synchronous: `result()`
 * blocks (Atomics.wait) until the worker has posted its answer, then takes it off the port
 * (receiveMessageOnPort). A job module exports `run(input)` returning `{ value, transfer? }`.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

/** Longest wait for a worker's answer. */
const WORKER_TIMEOUT_MS = 10 * 60_000;

/** What a job module's `run` gives back: its value, and the buffers to move rather than copy. */
export interface JobOutput<T> {
  value: T;
  transfer?: ArrayBuffer[];
}

/** What the worker is given and answers (lib/index/worker-job-bootstrap.mjs). */
export interface JobWorkerData {
  /** URL of the job module (TypeScript, run through tsx's loader). */
  module: string;
  input: unknown;
  /** Set to 1 (and notified) once the answer is on the port. */
  done: Int32Array;
  port: MessagePort;
}
export type JobAnswer<T> = { value: T } | { error: string };

export interface WorkerJob<T> {
  /** The job's value (waits for the worker). @throws when the job failed */
  result(): T;
}

/** Run `module`'s `run(input)` on a worker thread; `what` names the job in errors. */
export function startWorkerJob<T>(module: URL, input: unknown, what: string, transferList: ArrayBuffer[] = []): WorkerJob<T> {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const workerData: JobWorkerData = { module: module.href, input, done, port: port2 as unknown as MessagePort };
  const worker = new Worker(new URL('./worker-job-bootstrap.mjs', import.meta.url), { workerData, transferList: [port2, ...transferList] });
  worker.unref();
  let answer: JobAnswer<T> | undefined;
  return {
    result() {
      if (!answer) {
        const deadline = Date.now() + WORKER_TIMEOUT_MS;
        // A worker that died without answering has thread id -1 (before its 'exit' event, which this blocked thread would never see).
        while (Atomics.load(done, 0) === 0 && worker.threadId !== -1 && Date.now() < deadline) Atomics.wait(done, 0, 0, 200);
        const received = receiveMessageOnPort(port1)?.message as JobAnswer<T> | undefined;
        port1.close();
        void worker.terminate();
        answer = received ?? { error: Atomics.load(done, 0) === 0 && worker.threadId !== -1 ? 'the worker did not answer in time' : 'the worker stopped without an answer' };
      }
      if ('error' in answer) throw new Error(`${what} failed: ${answer.error}`);
      return answer.value;
    },
  };
}

/** A job that ran in this thread (small inputs), with the same `result()`. */
export function doneJob<T>(run: () => T): WorkerJob<T> {
  let value: { v: T } | undefined;
  return { result: () => (value ??= { v: run() }).v };
}
