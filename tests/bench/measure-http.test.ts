import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runUncachedSteps, waitUntilIdle } from '../../bench/measure-http';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose /api/health answers late while it is "busy" (its first `busyAnswers` answers), then at once. */
async function serverBusyFor(busyAnswers: number): Promise<{ base: string; healthRequests: () => number }> {
  let health = 0;
  server = createServer((req, res) => {
    if (req.url !== '/api/health') return void res.writeHead(404).end();
    health++;
    const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (health <= busyAnswers) setTimeout(answer, 400);
    else answer();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}`, healthRequests: () => health };
}

describe('HTTP baseline on an idle server', () => {
  it('runs the no-search baseline first, after the idle wait, and the searches after it', async () => {
    const order: string[] = [];
    const step = <T>(name: string, value: T) => async () => {
      order.push(name);
      return value;
    };
    const got = await runUncachedSteps(
      { idle: step('idle', 12), baseline: async (idleWaitMs) => (order.push(`baseline after ${idleWaitMs}`), 'b'), bytes: step('bytes', 'y'), warmup: step('warmup', null), load: step('load', 'l') },
      true,
    );
    expect(order).toEqual(['idle', 'baseline after 12', 'bytes', 'warmup', 'load']);
    expect(got).toEqual({ baseline: 'b', bytes: 'y', load: 'l' });
    order.length = 0;
    const without = await runUncachedSteps({ idle: step('idle', 0), baseline: step('baseline', 'b'), bytes: step('bytes', 'y'), warmup: step('warmup', null), load: step('load', 'l') }, false);
    expect(order).toEqual(['bytes', 'warmup', 'load']);
    expect(without).toEqual({ bytes: 'y', load: 'l' });
  });

  it('waits until /api/health answers quickly several times in a row', async () => {
    const { base, healthRequests } = await serverBusyFor(4);
    await waitUntilIdle(base, { quickMs: 200, inARow: 3, pauseMs: 10, timeoutMs: 30_000 });
    // The 4 late answers, then 3 quick ones in a row.
    expect(healthRequests()).toBeGreaterThanOrEqual(7);
  });

  it('gives up on a server that stays busy', async () => {
    const { base, healthRequests } = await serverBusyFor(Infinity);
    await expect(waitUntilIdle(base, { quickMs: 200, inARow: 3, pauseMs: 10, timeoutMs: 1500 })).rejects.toThrow(/not idle within .*\/api\/health: HTTP 200 in/);
    expect(healthRequests()).toBeGreaterThanOrEqual(2);
  });
});
