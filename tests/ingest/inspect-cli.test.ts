import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ReleaseSchema } from '../../lib/schema';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function inspect(...args: string[]) {
  return spawnSync('node_modules/.bin/tsx', ['scripts/inspect.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('scripts/inspect.ts', () => {
  it('prints the parsed release as JSON that validates against ReleaseSchema', () => {
    const run = inspect('seeds/003_4f249c14dfe13b76.txt', '--json');
    expect(run.status).toBe(0);
    const release = ReleaseSchema.parse(JSON.parse(run.stdout));
    expect(release).toMatchObject({ slug: 'essex-police-2012', source: { path: 'seeds/003_4f249c14dfe13b76.txt', format: 'txt' }, force: 'Essex Police' });
    expect(release.findings).toHaveLength(10);
    expect(release.figures.conductInvestigations?.value).toBe(116);
  });

  it('prints a readable summary without --json', () => {
    const run = inspect('seeds/002_ae4bc8afb98bea69.txt');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Force:     Hampshire Constabulary');
    expect(run.stdout).toContain('Region:    Eastern Region');
    expect(run.stdout).toContain('Findings (5):');
    expect(run.stdout).toMatch(/secondJobsApproved=70 \("all but one of which"\)/);
    expect(run.stdout).toMatch(/notes\s+6 paragraphs/);
  });

  it('exits 1 with file:line: message on a bad file', () => {
    const run = inspect('tests/fixtures/releases/broken-yaml.md', '--json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^.+:\d+: /);
    expect(run.stderr).toMatch(/^tests\/fixtures\/releases\/broken-yaml\.md:4: broken YAML/);
    const empty = inspect('tests/fixtures/releases/empty.txt');
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/^tests\/fixtures\/releases\/empty\.txt:1: /);
  });

  it('exits 2 on usage errors', () => {
    const none = inspect();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/usage:/);
    expect(inspect('a.txt', 'b.txt').status).toBe(2);
    expect(inspect('seeds/003_4f249c14dfe13b76.txt', '--yaml').status).toBe(2);
  });
});
