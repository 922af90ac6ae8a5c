/** Index build and load on the real seeds: determinism, manifest, refusal of damaged indexes. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync, readdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex, readManifest } from '../../lib/index/load-index';
import { ManifestSchema } from '../../lib/index/manifest';
import { INDEX_FORMAT_VERSION } from '../../lib/index/options';

const tmpDirs: string[] = [];
const tmp = (prefix = 'hmic-') => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
};
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let indexA: string;
beforeAll(async () => {
  indexA = tmp();
  await buildFromDirectory({ source: 'seeds', out: indexA });
});

function copyIndex(): string {
  const d = tmp();
  cpSync(indexA, d, { recursive: true });
  return d;
}

function dataFile(dir: string, prefix: string): string {
  const m = readManifest(dir);
  const name = readdirSync(join(dir, m.dataDir)).find((f) => f.startsWith(prefix))!;
  return join(dir, m.dataDir, name);
}

describe('build and load', () => {
  it('writes a manifest that validates, with counts and per-source checksums', () => {
    const manifest = JSON.parse(readFileSync(join(indexA, 'manifest.json'), 'utf8'));
    expect(ManifestSchema.safeParse(manifest).success).toBe(true);
    expect(manifest.formatVersion).toBe(INDEX_FORMAT_VERSION);
    expect(manifest.flexsearchVersion).toBe('0.8.212');
    expect(manifest.counts).toMatchObject({ releases: 5, findings: 42 });
    expect(manifest.counts.chunks).toBeGreaterThan(42);
    expect(manifest.sources).toHaveLength(5);
    for (const s of manifest.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('building twice gives identical ids and documents', async () => {
    const other = tmp();
    await buildFromDirectory({ source: 'seeds', out: other });
    const a = loadIndex(indexA);
    const b = loadIndex(other);
    const docsOf = (x: typeof a) => Array.from({ length: x.docCount }, (_, d) => x.getDoc(d));
    expect(docsOf(b).map((d) => d.id)).toEqual(docsOf(a).map((d) => d.id));
    expect(docsOf(b)).toEqual(docsOf(a));
    expect(b.forward.vocab).toEqual(a.forward.vocab);
    expect(docsOf(a).filter((d) => d.kind === 'finding').map((d) => d.id)).toContain('essex-police-2012-7');
    expect(a.getRelease('essex-police-2012')?.findings).toHaveLength(10);
  });

  it('the loaded FlexSearch index answers like the built one', () => {
    const loaded = loadIndex(indexA);
    const ids = loaded.flex.ids('facebook', 'text', 1000);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const d of ids) expect(loaded.getDoc(d).text.toLowerCase()).toContain('facebook');
  });

  it('refuses another format version', () => {
    const d = copyIndex();
    const path = join(d, 'manifest.json');
    const m = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...m, formatVersion: 999 }));
    expect(() => loadIndex(d)).toThrow(expect.objectContaining({ code: 'E_INDEX_FORMAT' }));
  });

  it('refuses a truncated file, a checksum mismatch, a missing file and a broken manifest', () => {
    const truncated = copyIndex();
    truncateSync(dataFile(truncated, 'documents'), 100);
    expect(readdirSync(join(truncated, readManifest(truncated).dataDir)).length).toBeGreaterThan(10);
    expect(() => loadIndex(truncated)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/size/) }));

    const flipped = copyIndex();
    const f = dataFile(flipped, 'vocab');
    const buf = readFileSync(f);
    buf[buf.length - 5] = buf[buf.length - 5]! ^ 1;
    writeFileSync(f, buf);
    expect(() => loadIndex(flipped)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/checksum/) }));

    const missing = copyIndex();
    unlinkSync(dataFile(missing, 'terms'));
    expect(() => loadIndex(missing)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/missing/) }));

    const broken = copyIndex();
    writeFileSync(join(broken, 'manifest.json'), '{"formatVersion": 1, ');
    expect(() => loadIndex(broken)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT' }));

    expect(() => loadIndex(tmp())).toThrow(expect.objectContaining({ code: 'E_INDEX_MISSING' }));
  });

  it('a malformed source fails the build with file:line, exit 1, and leaves the old index intact', () => {
    const out = copyIndex();
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const source = tmp();
    cpSync('seeds', source, { recursive: true });
    writeFileSync(join(source, 'broken.md'), '---\ntitle: [unclosed\n---\nHello\n');
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-index.ts', '--source', source, '--out', out, '--quiet'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.md:\d+: /);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(loadIndex(out).manifest.counts.findings).toBe(42);

    const keep = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-index.ts', '--source', source, '--out', out, '--keep-going', '--quiet'], { encoding: 'utf8' });
    expect(keep.status).toBe(1);
    expect(keep.stderr).toMatch(/broken\.md:\d+: /);
    expect(keep.stdout).toMatch(/indexed 5 releases, 42 findings/);
    expect(loadIndex(out).manifest.sources.map((s) => s.path)).not.toContain('broken.md');
  });
});
