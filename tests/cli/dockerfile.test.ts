/**
 * The Dockerfile (scale-out shape: one immutable index per replica) passes dockerfilelint, and has
 * the shape README "Running more than one server" describes. Docker itself does not run here.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

function lint(args: string[]): { status: number | null; issues: { line: string; title: string }[] } {
  const run = spawnSync('node_modules/.bin/dockerfilelint', ['-o', 'json', ...args], { encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { files: { issues: { line: string; title: string }[] }[] };
  return { status: run.status, issues: report.files.flatMap((f) => f.issues) };
}

describe('Dockerfile', () => {
  it('passes dockerfilelint (which does flag a broken Dockerfile)', () => {
    expect(lint(['Dockerfile'])).toEqual({ status: 0, issues: [] });
    const broken = readFileSync('Dockerfile', 'utf8').replace('EXPOSE 3000', 'EXPOSE 99999');
    expect(lint([broken]).issues).toEqual([expect.objectContaining({ title: 'Invalid Port Exposed' })]);
  });

  it('builds in stages and runs the standalone server as a non-root user on an index it cannot write', () => {
    const text = readFileSync('Dockerfile', 'utf8');
    const stages = text.split(/^FROM /m).slice(1);
    expect(stages.map((s) => /^\S+ AS (\w+)/.exec(s)?.[1])).toEqual(['deps', 'build', 'run']);
    const run = stages[2]!;
    expect(run).toMatch(/^COPY --from=build \/app\/\.next\/standalone \.\/$/m);
    expect(run).toMatch(/^COPY --from=build \/app\/\.next\/static \.\/\.next\/static$/m);
    expect(run).toMatch(/^COPY --from=build \/app\/index \.\/index$/m);
    expect(run).toMatch(/INDEX_DIR=\/app\/index/);
    expect(run).toMatch(/^USER node$/m);
    // The server's user may write the zero-result log, and only there.
    expect(run).toMatch(/DATA_DIR=\/app\/data/);
    expect(run).toMatch(/^RUN mkdir -p \/app\/data && chown node:node \/app\/data$/m);
    // Next's server.js behind the one compression layer, as `npm start` runs it (scripts/standalone.ts).
    expect(run).toMatch(/^COPY --from=build \/app\/server\/serve\.mjs \/app\/server\/compression\.mjs \.\/$/m);
    expect(run).toMatch(/^CMD \["node", "serve\.mjs"\]$/m);
    expect(run).toMatch(/HEALTHCHECK .*\/api\/health/);
    // The image's index is built from the sources at image build time.
    expect(stages[1]).toMatch(/scripts\/build-index\.ts --source "\$SOURCE_DIR" --out \/app\/index/);
  });

  it('.dockerignore keeps local builds, indexes and corpora out of the build context, not the sources', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    for (const path of ['node_modules', '.next', 'index', 'bench/corpus', '.git']) expect(ignored).toContain(path);
    for (const path of ['seeds', 'lib', 'app', 'scripts', 'server', 'package.json', 'package-lock.json']) expect(ignored).not.toContain(path);
  });
});
