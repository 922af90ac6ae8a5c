/**
 * `npm test`'s first step (`pretest`; CI's too, through `npm test`): make sure the browser tests
 * have their chromium before any test runs, so a machine without one stops at once with one line
 * saying what to do instead of failing every browser test one by one at `chromium.launch`.
 *
 * - `CHROMIUM_PATH` (else `/usr/bin/chromium`, Debian's chromium) is executable → nothing to do;
 * - `/usr/bin/chromium` is missing, and this process is root with apt-get → install Debian's
 *   chromium (`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`);
 * - otherwise (not root, no apt-get, or a `CHROMIUM_PATH` that names no executable, which no
 *   install can fix) → one line on stderr with the command to run, exit 1.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian's chromium package puts the browser, the tests' default (tests/e2e/server.ts). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium';

export interface ChromiumProbes {
  /** `CHROMIUM_PATH`, when set (an empty value counts as unset). */
  chromiumPath: string | undefined;
  /** Whether `path` is an executable file. */
  isExecutable(path: string): boolean;
  /** Whether this process runs as root (may install packages). */
  isRoot(): boolean;
  /** Whether apt-get is on PATH. */
  hasAptGet(): boolean;
}

export type ChromiumPlan = { action: 'none'; path: string } | { action: 'install'; path: string; message: string; command: string } | { action: 'fail'; message: string };

/** What to do about the browser tests' chromium (see the rules above). */
export function planChromium(probes: ChromiumProbes): ChromiumPlan {
  const path = probes.chromiumPath || DEBIAN_CHROMIUM;
  if (probes.isExecutable(path)) return { action: 'none', path };
  if (path !== DEBIAN_CHROMIUM) {
    const fallback = probes.isExecutable(DEBIAN_CHROMIUM) ? `unset it to use ${DEBIAN_CHROMIUM}` : `unset it and run \`apt-get install -y chromium\` as root (e.g. with sudo)`;
    return { action: 'fail', message: `npm test needs chromium for its browser tests, and CHROMIUM_PATH=${path} is not an executable file: point CHROMIUM_PATH at a chromium binary, or ${fallback}` };
  }
  if (!probes.hasAptGet()) {
    return { action: 'fail', message: `npm test needs chromium for its browser tests, and ${DEBIAN_CHROMIUM} is missing (no apt-get here): install chromium and run \`CHROMIUM_PATH=/path/to/chromium npm test\`` };
  }
  if (!probes.isRoot()) {
    return { action: 'fail', message: `npm test needs chromium for its browser tests, and ${DEBIAN_CHROMIUM} is missing: run \`apt-get install -y chromium\` as root (e.g. with sudo), or set CHROMIUM_PATH to a chromium binary` };
  }
  return { action: 'install', path, message: `installing Debian's chromium for the browser tests (${DEBIAN_CHROMIUM} is missing): ${INSTALL_COMMAND}`, command: INSTALL_COMMAND };
}

/**
 * Carry out the plan: `run` executes a shell command and returns its exit status, `log` prints a
 * line on stderr. Returns the exit code for the process (0: chromium is there).
 */
export function ensureChromium(probes: ChromiumProbes, run: (command: string) => number, log: (line: string) => void): number {
  const plan = planChromium(probes);
  if (plan.action === 'none') return 0;
  log(plan.message);
  if (plan.action === 'fail') return 1;
  const status = run(plan.command);
  if (status !== 0) {
    log(`installing chromium failed (exit ${status}): run \`${plan.command}\` as root and see its errors, or set CHROMIUM_PATH to a chromium binary`);
    return 1;
  }
  if (!probes.isExecutable(plan.path)) {
    log(`apt-get installed chromium, but ${plan.path} is still not an executable file: set CHROMIUM_PATH to the chromium binary`);
    return 1;
  }
  return 0;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The probes of this process and machine. */
export const systemProbes: ChromiumProbes = {
  chromiumPath: process.env.CHROMIUM_PATH,
  isExecutable,
  isRoot: () => process.geteuid?.() === 0,
  hasAptGet: () => (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, 'apt-get'))),
};

/** Run `command` through sh: apt-get's output is dropped, its errors shown. */
function runCommand(command: string): number {
  const result = spawnSync('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = ensureChromium(systemProbes, runCommand, (line) => console.error(line));
}
