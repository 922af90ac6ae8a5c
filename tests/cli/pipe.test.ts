/**
 * Every CLI's output survives a real pipe whole: a process that exits at once cuts what is still
 * buffered for the pipe at 64 kB (JSON cut mid-way). Each command here prints well over 64 kB
 * into `| cat`, and the JSON must parse to what the command means.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { ReleaseSchema } from '../../lib/schema';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PIPE_BUFFER = 64 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'hmic-pipe-'));
const index = join(dir, 'index');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `tsx <script> <args…> | cat` through a shell and return what came out of the pipe. */
function throughPipe(script: string, args: string[]) {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const run = spawnSync('sh', ['-c', `node_modules/.bin/tsx ${script} ${quoted} | cat`], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(run.stderr).toBe('');
  return run.stdout;
}

beforeAll(async () => {
  await buildFromDirectory({ source: join(ROOT, 'seeds'), out: index });
}, 120_000);

describe('CLI output through a pipe', () => {
  it('search --json prints every byte of a > 64 kB result', () => {
    const out = throughPipe('scripts/search.ts', ['the', '--size', '100', '--include-boilerplate', '--fields', 'segments,figures', '--facet-limit', '0', '--json', '--index', index]);
    expect(out.length).toBeGreaterThan(2 * PIPE_BUFFER);
    const results = JSON.parse(out) as { total: number; hits: unknown[] };
    expect(results.hits).toHaveLength(100);
    expect(results.total).toBeGreaterThan(100);
  });

  it('inspect --json prints every byte of a long release', () => {
    // A release with 600 findings: its JSON is several hundred kB.
    const bullets = Array.from({ length: 600 }, (_, i) => `- Finding number ${i + 1}: the force reviewed ${i + 1} second job applications in detail.`);
    const file = join(dir, 'long.txt');
    writeFileSync(file, `Kent Police makes progress\n\nIn 2012 HMIC revisited all forces.\n\nIn Kent Police, HMIC found:\n\n${bullets.join('\n')}\n`);
    const out = throughPipe('scripts/inspect.ts', [file, '--json']);
    expect(out.length).toBeGreaterThan(2 * PIPE_BUFFER);
    const release = ReleaseSchema.parse(JSON.parse(out));
    expect(release.findings).toHaveLength(600);
    expect(release.findings.at(-1)!.text).toContain('600 second job applications');
  });

  it('stops quietly with exit 0 when the reader closes the pipe early (| head)', () => {
    // pipefail: the pipeline's status is the search's own.
    const inner = spawnSync('bash', ['-c', `set -o pipefail; node_modules/.bin/tsx scripts/search.ts the --size 100 --include-boilerplate --index '${index}' | head -c 100 > /dev/null`], { cwd: ROOT, encoding: 'utf8' });
    expect(inner.stderr).toBe('');
    expect(inner.status).toBe(0);
  });

  it('build-index reports through a pipe and exits 0', () => {
    const out = throughPipe('scripts/build-index.ts', ['--source', join(ROOT, 'seeds'), '--out', join(dir, 'again'), '--quiet']);
    expect(out).toMatch(/^indexed 5 releases, 42 findings/);
  });
});
