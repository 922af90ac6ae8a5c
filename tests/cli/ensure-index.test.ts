/**
 * `npm start`'s index step (scripts/ensure-index.ts): it rebuilds only an index of its own
 * SOURCE_DIR, serves a foreign (prebuilt) or read-only index as it is, and says so in one line.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { readManifest } from '../../lib/index/load-index';
import { planIndex } from '../../scripts/ensure-index';
import { bundleScript } from '../helpers/bundle-script';

const root = mkdtempSync(join(tmpdir(), 'hmic-ensure-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SEEDS = readdirSync('seeds').filter((f) => f.endsWith('.txt'));

/** A source folder with the given seed files. */
function sources(name: string, files: string[]): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const f of files) cpSync(join('seeds', f), join(dir, f));
  return dir;
}

/** Everything under `dir`: relative path → size and mtime, to prove nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out[relative(dir, p)] = `${st.size}:${st.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

/** scripts/ensure-index.ts bundled into `root`, for runs as another user (see bundleScript). */
let bundle: string;

/**
 * Run scripts/ensure-index.ts as `npm start` does (tsx, from the checkout), or as the unprivileged
 * user `uid` (the bundle, from `root`, which every user can enter).
 */
function ensure(env: { SOURCE_DIR: string; INDEX_DIR: string }, uid?: number) {
  const run = spawnSync(process.execPath, uid === undefined ? ['node_modules/tsx/dist/cli.mjs', 'scripts/ensure-index.ts'] : [bundle], {
    encoding: 'utf8',
    env: { ...process.env, ...env, HOME: root },
    ...(uid === undefined ? {} : { uid, gid: uid, cwd: root }),
  });
  return { status: run.status, stderr: run.stderr, lines: run.stderr.trim().split('\n').filter(Boolean) };
}

let foreignSource: string;
let foreign: string;
beforeAll(async () => {
  bundle = await bundleScript('scripts/ensure-index.ts', root);
  foreignSource = sources('other-sources', SEEDS.slice(0, 2));
  foreign = join(root, 'prebuilt');
  await buildFromDirectory({ source: foreignSource, out: foreign });
});

describe('ensure-index', () => {
  it('records the source directory in the manifest, relative to the index', () => {
    expect(readManifest(foreign).sourceDir).toBe('../other-sources');
  });

  it('serves an index built from other sources as it is, and says so in one line', () => {
    const before = snapshot(foreign);
    const run = ensure({ SOURCE_DIR: 'seeds', INDEX_DIR: foreign });
    expect(run.status).toBe(0);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/serving the index in .*prebuilt as it is: built from .*other-sources, not from seeds/);
    expect(snapshot(foreign)).toEqual(before);
    expect(readManifest(foreign).counts.releases).toBe(2);
  });

  it('refuses an older-format index it may not rebuild (another SOURCE_DIR, or read-only) with the command that rebuilds it', () => {
    const legacy = join(root, 'legacy');
    cpSync(foreign, legacy, { recursive: true });
    // Format 5: no source directory recorded, the source list inside the manifest.
    const manifest = JSON.parse(readFileSync(join(legacy, 'manifest.json'), 'utf8'));
    delete manifest.sourceDir;
    manifest.formatVersion = 5;
    manifest.sources = [{ path: 'elsewhere/essex.txt', sha256: '0'.repeat(64), bytes: 1 }];
    writeFileSync(join(legacy, 'manifest.json'), JSON.stringify(manifest));
    const before = snapshot(legacy);
    expect(planIndex('seeds', legacy, true)).toMatchObject({ action: 'fail', message: expect.stringMatching(/is index format 5 \(this code reads format 6\), built from sources it does not name; rebuild it: npm run build-index -- --source <your releases> --out /) });
    const run = ensure({ SOURCE_DIR: 'seeds', INDEX_DIR: legacy });
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([expect.stringMatching(/rebuild it: npm run build-index/)]);
    expect(snapshot(legacy)).toEqual(before);
    // Of its own SOURCE_DIR: rebuilt when it may write, refused when it may not.
    manifest.sourceDir = relative(legacy, resolve('seeds'));
    writeFileSync(join(legacy, 'manifest.json'), JSON.stringify(manifest));
    expect(planIndex('seeds', legacy, true)).toMatchObject({ action: 'build', message: expect.stringMatching(/rebuilding the index in .*legacy from seeds \(index format 5/) });
    expect(planIndex('seeds', legacy, false)).toMatchObject({ action: 'fail', message: expect.stringMatching(/is index format 5 .*in a read-only directory; rebuild it: npm run build-index -- --source \S+seeds --out /) });
  });

  it('rebuilds a stale index of its own SOURCE_DIR', async () => {
    const source = sources('own-sources', SEEDS.slice(0, 3));
    const out = join(root, 'own');
    await buildFromDirectory({ source, out });
    expect(ensure({ SOURCE_DIR: source, INDEX_DIR: out }).lines).toEqual([expect.stringMatching(/is up to date/)]);
    cpSync(join('seeds', SEEDS[3]!), join(source, SEEDS[3]!));
    const run = ensure({ SOURCE_DIR: source, INDEX_DIR: out });
    expect(run.status).toBe(0);
    expect(run.lines[0]).toMatch(/rebuilding the index in .*own from .*own-sources \(source files changed \(3 indexed, 4 now\)\)/);
    expect(readManifest(out).counts.releases).toBe(4);
  });

  it('never writes into a read-only index, even a stale one of its own SOURCE_DIR', async () => {
    const source = sources('ro-sources', SEEDS.slice(0, 2));
    const out = join(root, 'read-only');
    await buildFromDirectory({ source, out });
    cpSync(join('seeds', SEEDS[2]!), join(source, SEEDS[2]!)); // stale now
    const lock = (dir: string, mode: number, fileMode: number) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) lock(p, mode, fileMode);
        else chmodSync(p, fileMode);
      }
      chmodSync(dir, mode);
    };
    lock(out, 0o555, 0o444);
    try {
      const before = snapshot(out);
      // Root writes through any mode bits: run as an unprivileged user then, as a container would.
      const run = ensure({ SOURCE_DIR: source, INDEX_DIR: out }, process.getuid?.() === 0 ? 65534 : undefined);
      expect(run.status, run.stderr).toBe(0);
      expect(run.lines).toEqual([expect.stringMatching(/serving the index in .*read-only as it is: the directory is read-only \(it is out of date with .*: source files changed/)]);
      expect(snapshot(out)).toEqual(before);
    } finally {
      lock(out, 0o755, 0o644);
    }
  });
});
