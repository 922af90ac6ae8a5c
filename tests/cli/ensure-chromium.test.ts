/**
 * `npm test`'s first step (scripts/ensure-chromium.ts): chromium there → nothing; Debian's missing,
 * root with apt-get → install it; otherwise one line with the command to run and exit 1, before
 * any test runs.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, ensureChromium, planChromium, type ChromiumProbes } from '../../scripts/ensure-chromium';
import { bundleScript } from '../helpers/bundle-script';

const INSTALL = 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium';

/** Probes of a made-up machine; `executables` is what exists (an install adds to it). */
function machine(options: { chromiumPath?: string; executables?: string[]; root?: boolean; apt?: boolean }) {
  const executables = new Set(options.executables ?? []);
  const probes: ChromiumProbes = {
    chromiumPath: options.chromiumPath,
    isExecutable: (path) => executables.has(path),
    isRoot: () => options.root ?? false,
    hasAptGet: () => options.apt ?? false,
  };
  return { probes, executables };
}

/** ensureChromium on `probes` with a recording runner that exits `status` and installs when `installs`. */
function ensure(m: ReturnType<typeof machine>, { status = 0, installs = true } = {}) {
  const commands: string[] = [];
  const lines: string[] = [];
  const code = ensureChromium(
    m.probes,
    (command) => {
      commands.push(command);
      if (status === 0 && installs) m.executables.add(DEBIAN_CHROMIUM);
      return status;
    },
    (line) => lines.push(line),
  );
  return { code, commands, lines };
}

describe('ensure-chromium: the decision', () => {
  it('does nothing when Debian\'s chromium is there, root or not', () => {
    for (const root of [false, true]) {
      expect(ensure(machine({ executables: [DEBIAN_CHROMIUM], root, apt: true }))).toEqual({ code: 0, commands: [], lines: [] });
    }
  });

  it('does nothing when CHROMIUM_PATH names an executable, even with no Debian chromium, root or apt-get', () => {
    const m = machine({ chromiumPath: '/opt/chrome/chrome', executables: ['/opt/chrome/chrome'] });
    expect(planChromium(m.probes)).toEqual({ action: 'none', path: '/opt/chrome/chrome' });
    expect(ensure(m)).toEqual({ code: 0, commands: [], lines: [] });
  });

  it('installs Debian\'s chromium when it is missing and this is root with apt-get, saying so in one line', () => {
    const run = ensure(machine({ root: true, apt: true }));
    expect(run.code).toBe(0);
    expect(run.commands).toEqual([INSTALL]);
    expect(run.lines).toEqual([`installing Debian's chromium for the browser tests (/usr/bin/chromium is missing): ${INSTALL}`]);
  });

  it('treats an empty CHROMIUM_PATH as unset', () => {
    expect(ensure(machine({ chromiumPath: '', root: true, apt: true })).commands).toEqual([INSTALL]);
    expect(ensure(machine({ chromiumPath: '', executables: [DEBIAN_CHROMIUM] })).code).toBe(0);
  });

  it('exits 1 when the install fails or leaves no chromium', () => {
    const failed = ensure(machine({ root: true, apt: true }), { status: 100 });
    expect(failed.code).toBe(1);
    expect(failed.lines[1]).toMatch(/^installing chromium failed \(exit 100\): run `apt-get update/);
    const nothing = ensure(machine({ root: true, apt: true }), { installs: false });
    expect(nothing.code).toBe(1);
    expect(nothing.lines[1]).toMatch(/\/usr\/bin\/chromium is still not an executable file/);
  });

  it('stops with one line saying the command to run when not root', () => {
    const run = ensure(machine({ root: false, apt: true }));
    expect(run).toEqual({
      code: 1,
      commands: [],
      lines: ['npm test needs chromium for its browser tests, and /usr/bin/chromium is missing: run `apt-get install -y chromium` as root (e.g. with sudo), or set CHROMIUM_PATH to a chromium binary'],
    });
  });

  it('stops with one line when there is no apt-get, even as root', () => {
    const run = ensure(machine({ root: true, apt: false }));
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([]);
    expect(run.lines).toEqual([expect.stringMatching(/\/usr\/bin\/chromium is missing \(no apt-get here\): install chromium and run `CHROMIUM_PATH=\/path\/to\/chromium npm test`$/)]);
  });

  it('never installs for a CHROMIUM_PATH that names no executable (the tests would not use Debian\'s): one line instead', () => {
    const present = ensure(machine({ chromiumPath: '/nonexistent', executables: [DEBIAN_CHROMIUM], root: true, apt: true }));
    expect(present).toEqual({
      code: 1,
      commands: [],
      lines: ['npm test needs chromium for its browser tests, and CHROMIUM_PATH=/nonexistent is not an executable file: point CHROMIUM_PATH at a chromium binary, or unset it to use /usr/bin/chromium'],
    });
    const missing = ensure(machine({ chromiumPath: '/nonexistent', root: true, apt: true }));
    expect(missing.commands).toEqual([]);
    expect(missing.lines).toEqual([expect.stringMatching(/CHROMIUM_PATH=\/nonexistent is not an executable file: .*or unset it and run `apt-get install -y chromium` as root/)]);
  });
});

describe('ensure-chromium: the script', () => {
  const root = mkdtempSync(join(tmpdir(), 'hmic-chromium-'));
  chmodSync(root, 0o755);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let bundle: string;
  beforeAll(async () => {
    bundle = await bundleScript('scripts/ensure-chromium.ts', root);
  });

  /**
   * The script as an unprivileged user (uid 65534 when the tests run as root): the bundle, from
   * `root`, since that user may not reach the checkout.
   */
  function asUser(env: Record<string, string>) {
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    return spawnSync(process.execPath, [bundle], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, HOME: root, ...env },
      ...(uid === undefined ? {} : { uid, gid: uid }),
    });
  }

  it('stops a user without chromium at once with one line and exit 1', () => {
    const run = asUser({ CHROMIUM_PATH: '/nonexistent' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^npm test needs chromium for its browser tests, and CHROMIUM_PATH=\/nonexistent is not an executable file: point CHROMIUM_PATH at a chromium binary, or unset it .*\n$/);
  });

  it('says nothing and exits 0 when CHROMIUM_PATH names an executable', () => {
    const run = asUser({ CHROMIUM_PATH: process.execPath });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });

  it('as npm test runs it (tsx, from the checkout): exit 1 and the one line for a missing CHROMIUM_PATH, installing nothing even as root', () => {
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/ensure-chromium.ts'], { encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '/nonexistent' } });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/CHROMIUM_PATH=\/nonexistent is not an executable file/)]);
  });
});
