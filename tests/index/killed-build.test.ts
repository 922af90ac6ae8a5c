/**
 * A build killed (SIGKILL, real child process) at several points never leaves a half-written index:
 * the index directory always loads, as the old build or the complete new one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';

const root = mkdtempSync(join(tmpdir(), 'hmic-kill-'));
const corpus = join(root, 'corpus');
const out = join(root, 'index');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  await generateCorpus({ findings: 20_000, seed: 7, outDir: corpus });
  await buildFromDirectory({ source: 'seeds', out });
});

function buildThenKill(afterMs: number): Promise<{ exited: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-index.ts', '--source', corpus, '--out', out, '--quiet'], { stdio: 'ignore' });
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    setTimeout(() => {
      const finished = exited;
      child.kill('SIGKILL');
      child.on('close', () => resolve({ exited: finished }));
      if (exited) resolve({ exited: true });
    }, afterMs);
  });
}

describe('killed builds', () => {
  it('leave the previous index loadable at every kill point', async () => {
    let sawOld = 0;
    for (const ms of [400, 1200, 2500, 4000, 6000]) {
      await buildThenKill(ms);
      const loaded = loadIndex(out);
      const findings = loaded.manifest.counts.findings;
      expect([42, 20_000]).toContain(findings);
      if (findings === 42) sawOld++;
      expect(loaded.columns.kind.filter((k) => k === 0)).toHaveLength(findings);
      loaded.close();
    }
    // at least one kill really landed mid-build
    expect(sawOld).toBeGreaterThan(0);
  }, 180_000);
});
