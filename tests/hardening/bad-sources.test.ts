/**
 * Bad source files: each gets a correct parse or a clear `file:line: message` error with a stable
 * code; a strict build leaves the previous index in place; --keep-going indexes the good files.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { createEngine } from '../../lib/engine/engine';
import { SearchParamsSchema } from '../../lib/query/params';
import type { SearchEngineError } from '../../lib/errors';

const root = mkdtempSync(join(tmpdir(), 'hmic-bad-'));
const out = join(root, 'index');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const seed = (name: string) => readFileSync(join('seeds', name));
const ESSEX = '003_4f249c14dfe13b76.txt';
const FIXTURES = 'tests/fixtures/releases';

/** name → bytes of one bad (or odd) source file. */
const BAD: Record<string, () => Buffer | string> = {
  'empty.txt': () => '',
  'image.txt': () => Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
  'latin1.txt': () => Buffer.concat([Buffer.from('Kent Police made improvements\n\nIn Kent Police, HMIC found:\n\n- Caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(' policy.\n')]),
  'broken-yaml.md': () => readFileSync(join(FIXTURES, 'broken-yaml.md')),
  'bad-types.md': () => readFileSync(join(FIXTURES, 'bad-types.md')),
  'unknown-force.md': () => readFileSync(join(FIXTURES, 'unknown-force.md')),
  'huge.txt': () => Buffer.alloc(21 * 1024 * 1024, 'a'),
};

/** name → bytes of an odd source that must parse. */
const ODD: Record<string, () => Buffer | string> = {
  'utf16.txt': () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed(ESSEX).toString('utf8').replace('Essex', 'Kent').replaceAll('Essex', 'Kent'), 'utf16le')]),
  'crlf.txt': () => seed('004_52fc5c0a52371e23.txt').toString('utf8').replaceAll('Cambridgeshire', 'Norfolk').replace(/\n/g, '\r\n'),
  'lone-cr.txt': () => seed('000_6c77aa43d88f53bc.txt').toString('utf8').replaceAll('Hertfordshire', 'Suffolk').replace(/\n/g, '\r'),
  'long-line.txt': () => `Surrey Police news\n\n${'The force reviewed its policy on gifts and hospitality. '.repeat(19_000)}\n`,
  'ten-mb.txt': () => seed('001_7d6499c3037ca9f2.txt').toString('utf8').replaceAll('Bedfordshire', 'Dorset') + '\n' + `${'Filler text about integrity issues and the vetting of staff. '.repeat(33)}\n\n`.repeat(5_000),
  'html.txt': () => readFileSync(join(FIXTURES, 'html-script.txt')),
  'intro-no-bullets.txt': () => readFileSync(join(FIXTURES, 'intro-no-bullets.txt')),
};

function sourceWith(files: Record<string, () => Buffer | string>): string {
  const dir = mkdtempSync(join(root, 'src-'));
  cpSync('seeds', dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes());
  return dir;
}

beforeAll(async () => {
  await buildFromDirectory({ source: 'seeds', out });
});

describe('bad source files', () => {
  it.each(Object.keys(BAD))('%s: strict build fails with file:line and a stable code; the old index stays', async (name) => {
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const source = sourceWith({ [name]: BAD[name]! });
    const error = (await buildFromDirectory({ source, out }).catch((e: unknown) => e)) as SearchEngineError;
    expect(error.code).toMatch(/^E_(EMPTY|ENCODING|FRONT_MATTER|TOO_LARGE|PARSE)$/);
    expect(error.message).toMatch(new RegExp(`^${name.replace('.', '\\.')}:\\d+: \\S`));
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(loadIndex(out).manifest.counts.findings).toBe(42);
  });

  it('odd but valid files parse: UTF-16 with BOM, CRLF, lone CR, a 1 MB line, a 10 MB file, HTML, intro without bullets', async () => {
    const source = sourceWith(ODD);
    const dir = mkdtempSync(join(root, 'odd-'));
    const { errors } = await buildFromDirectory({ source, out: dir });
    expect(errors).toEqual([]);
    const engine = createEngine(loadIndex(dir));
    const forces = new Map(engine.listReleases().map((r) => [r.force, r.findingCount]));
    expect(forces.get('Kent Police')).toBe(10);
    expect(forces.get('Norfolk Constabulary')).toBe(11);
    expect(forces.get('Suffolk Constabulary')).toBe(6);
    expect(forces.get('Dorset Police')).toBe(10);
    const hits = engine.search(SearchParamsSchema.parse({ q: 'script', includeBoilerplate: true, fields: 'segments' })).hits;
    expect(hits.some((h) => h.segments!.map((s) => s.text).join('').includes('<script>'))).toBe(true);
    engine.close();
  }, 120_000);

  it('duplicate slugs fail strictly with both file names; --keep-going keeps the first', async () => {
    const source = sourceWith({});
    copyFileSync(join(source, ESSEX), join(source, 'essex-copy.txt'));
    const error = (await buildFromDirectory({ source, out }).catch((e: unknown) => e)) as SearchEngineError;
    expect(error.code).toBe('E_DUPLICATE_SLUG');
    expect(error.message).toContain('essex-copy.txt');
    expect(error.message).toContain(ESSEX);
    const dir = mkdtempSync(join(root, 'dup-'));
    const report = await buildFromDirectory({ source, out: dir, keepGoing: true });
    expect(report.errors.map((e) => e.code)).toEqual(['E_DUPLICATE_SLUG']);
    expect(report.manifest?.counts.releases).toBe(5);
  });

  it('a file that disappears while building is a clear E_READ error', async () => {
    const source = sourceWith({});
    const victim = join(source, ESSEX);
    const error = (await buildFromDirectory({ source, out, beforeRead: (f) => f === victim && unlinkSync(victim) }).catch((e: unknown) => e)) as SearchEngineError;
    expect(error.code).toBe('E_READ');
    expect(error.message).toMatch(new RegExp(`^${ESSEX}:1: `));
  });

  it('--keep-going indexes the good files, reports every bad one and exits non-zero', () => {
    const source = sourceWith(BAD);
    const dir = join(root, 'keep');
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-index.ts', '--source', source, '--out', dir, '--keep-going', '--quiet'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    for (const name of Object.keys(BAD)) expect(run.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}:\\d+: `));
    expect(run.stdout).toMatch(/indexed 5 releases, 42 findings/);
    expect(loadIndex(dir).manifest.counts.findings).toBe(42);
  }, 120_000);
});
