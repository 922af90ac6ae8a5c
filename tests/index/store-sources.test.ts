/** The index's source copies: hard links (or copies) named by sha256, made in this thread or on a worker alike; a file that changed since it was parsed is refused. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startStoreSources } from '../../lib/index/store-sources';

const root = mkdtempSync(join(tmpdir(), 'hmic-store-sources-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function sourceDir(texts: string[]) {
  const dir = join(root, `src-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  return {
    dir,
    sources: texts.map((text, i) => {
      writeFileSync(join(dir, `r${i}.txt`), text);
      return { path: `r${i}.txt`, sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
    }),
  };
}

describe('startStoreSources', () => {
  for (const thread of [false, true]) {
    it(`copies every source under its sha256${thread ? ' on a worker thread' : ''}, once`, () => {
      const { dir, sources } = sourceDir(['one', 'two', 'two', 'three']);
      const out = join(root, `out-${thread}`);
      const job = startStoreSources(out, dir, sources, thread);
      expect(job.thread).toBe(thread);
      job.result();
      const names = readdirSync(join(out, 'sources')).sort();
      expect(names).toEqual([...new Set(sources.map((s) => s.sha256))].sort());
      for (const s of sources) expect(readFileSync(join(out, 'sources', s.sha256), 'utf8')).toBe(readFileSync(join(dir, s.path), 'utf8'));
      // Hard links where the file system allows: the copy is the file itself.
      expect(statSync(join(out, 'sources', sources[0]!.sha256)).ino).toBe(statSync(join(dir, 'r0.txt')).ino);
    });

    it(`refuses a file that changed since it was parsed${thread ? ' (on a worker thread)' : ''}, leaving no copy of it`, () => {
      const { dir, sources } = sourceDir(['alpha', 'beta']);
      writeFileSync(join(dir, 'r1.txt'), 'beta, edited');
      const out = join(root, `changed-${thread}`);
      expect(() => startStoreSources(out, dir, sources, thread).result()).toThrow(/r1\.txt changed while the index was being built/);
      expect(readdirSync(join(out, 'sources'))).toEqual([sources[0]!.sha256]);
    });
  }
});
