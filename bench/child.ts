/**
 * Child processes for the benchmark. Every measurement runs in a fresh Node process (fresh heap,
 * honest RSS and cold-load numbers), started by the parent with `node --import tsx <script> <task>
 * <config.json>`. The child writes its result as JSON to `config.resultPath`; the parent enforces a
 * time budget (killing the child's process group) and turns crashes, out-of-memory deaths and
 * timeouts into "n/a (reason)".
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the parent of `bench/`). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What every child task receives. */
export interface ChildConfig {
  resultPath: string;
  [key: string]: unknown;
}

/** Options of {@link runChild}. */
export interface RunChildOptions {
  /** Kill the child after this long (default: no limit). */
  timeoutMs?: number;
  /** V8 old-space limit for the child, in MB (`--max-old-space-size`). */
  maxOldSpaceMb?: number;
  /** Extra Node flags (e.g. `--cpu-prof`). */
  nodeFlags?: string[];
  /** Prefix for the child's log lines on stderr. */
  label?: string;
  /**
   * Kill the child when the machine's available memory (MemAvailable) falls below this many bytes,
   * so a peer engine outgrowing RAM fails alone instead of dragging the machine into the kernel's
   * OOM killer (default 1.5 GB; 0 disables; Linux only).
   */
  minAvailableBytes?: number;
}

/** MemAvailable from /proc/meminfo in bytes, or null where there is none. */
export function availableMemory(): number | null {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Resident set size of process `pid` in bytes (Linux), or null. */
export function rssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Outcome of {@link runChild}: the child's result, or why there is none (with whatever the child
 * reported through {@link reportPartial} before it died or was stopped).
 */
export type ChildOutcome<T> = { ok: true; result: T; wallMs: number } | { ok: false; reason: string; wallMs: number; partial?: Partial<T> };

/** Record what a child has measured so far, so a later crash or timeout does not lose it. */
export function reportPartial(config: ChildConfig, partial: Record<string, unknown>): void {
  writeFileSync(`${config.resultPath}.partial.json`, JSON.stringify(partial));
}

function readPartial<T>(resultPath: string): Partial<T> | undefined {
  try {
    return JSON.parse(readFileSync(`${resultPath}.partial.json`, 'utf8')) as Partial<T>;
  } catch {
    return undefined;
  }
}

/**
 * Run `script task config` in a fresh Node process with tsx, forwarding its output to our stderr
 * (line-prefixed). Resolves with the JSON the child wrote to `config.resultPath`.
 */
export function runChild<T>(script: string, task: string, config: ChildConfig, options: RunChildOptions = {}): Promise<ChildOutcome<T>> {
  const configPath = `${config.resultPath}.config.json`;
  writeFileSync(configPath, JSON.stringify(config));
  writeFileSync(config.resultPath, '');
  rmSync(`${config.resultPath}.partial.json`, { force: true });
  const flags = [
    ...(options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : []),
    '--expose-gc',
    ...(options.nodeFlags ?? []),
    '--import',
    'tsx',
  ];
  const started = performance.now();
  const child = spawn(process.execPath, [...flags, join(REPO_ROOT, script), task, configPath], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const label = options.label ?? `${task}`;
  const tail: string[] = [];
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      process.stderr.write(`  [${label}] ${line}\n`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);

  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          killGroup(child.pid, 'SIGKILL');
        }, options.timeoutMs);
  const onParentExit = () => killGroup(child.pid, 'SIGKILL');
  process.once('exit', onParentExit);
  let memoryStop: string | undefined;
  const minAvailable = options.minAvailableBytes ?? 1.5e9;
  const guard =
    minAvailable > 0 && availableMemory() !== null
      ? setInterval(() => {
          const available = availableMemory();
          if (available === null || available >= minAvailable || memoryStop) return;
          const rss = rssOf(child.pid);
          memoryStop = `out of memory: stopped when the machine had ${(available / 1e9).toFixed(1)} GB left${rss ? ` (child RSS ${(rss / 1e9).toFixed(1)} GB)` : ''}`;
          killGroup(child.pid, 'SIGKILL');
        }, 500)
      : undefined;

  return new Promise((resolve) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      clearInterval(guard);
      process.off('exit', onParentExit);
      resolve({ ok: false, reason: `could not start: ${error.message}`, wallMs: performance.now() - started });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(guard);
      process.off('exit', onParentExit);
      const wallMs = performance.now() - started;
      const partial = readPartial<T>(config.resultPath);
      if (timedOut) {
        resolve({ ok: false, reason: `exceeded the time budget of ${formatDuration(options.timeoutMs!)}`, wallMs, partial });
        return;
      }
      if (memoryStop) {
        resolve({ ok: false, reason: memoryStop, wallMs, partial });
        return;
      }
      let text = '';
      try {
        text = readFileSync(config.resultPath, 'utf8');
      } catch {
        // handled below
      }
      if (code === 0 && text) {
        resolve({ ok: true, result: JSON.parse(text) as T, wallMs });
        return;
      }
      const oom = tail.some((l) => /heap out of memory|Allocation failed|invalid array length|Invalid string length/i.test(l));
      const last = tail.filter((l) => /error/i.test(l)).at(-1) ?? tail.at(-1) ?? '';
      const why = oom ? 'out of memory' : signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve({ ok: false, reason: `${why}${last ? `: ${last.trim().slice(0, 200)}` : ''}`, wallMs, partial });
    });
  });
}

/** Send `signal` to the process group led by `pid` (children started with `detached: true`). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** "1.2 s", "3 min 4 s". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms - min * 60_000) / 1000)} s`;
}

/**
 * Entry point of a child script: `handlers[task](config)`, result written to `config.resultPath`.
 * Call it from the script's module body when it is run directly.
 */
export async function childMain(handlers: Record<string, (config: ChildConfig) => unknown>): Promise<void> {
  const [task, configPath] = process.argv.slice(2);
  const handler = task ? handlers[task] : undefined;
  if (!handler || !configPath) {
    console.error(`usage: node --import tsx <script> <${Object.keys(handlers).join('|')}> <config.json>`);
    process.exit(2);
  }
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as ChildConfig;
  const result = await handler(config);
  writeFileSync(config.resultPath, JSON.stringify(result));
}

/** True when `importMetaUrl` is the script Node was started with. */
export function isMainModule(importMetaUrl: string): boolean {
  const entry = process.argv[1];
  return !!entry && fileURLToPath(importMetaUrl) === entry;
}

/** Resident set size now, and the peak so far, in bytes. */
export function memory(): { rss: number; maxRss: number; heapUsed: number } {
  const usage = process.memoryUsage();
  return { rss: usage.rss, maxRss: process.resourceUsage().maxRSS * 1024, heapUsed: usage.heapUsed };
}

/** Run a full GC when the process was started with `--expose-gc`. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface LoadResult {
  /** Time to load the persisted index and get a searchable engine, in ms. */
  loadMs: number;
  /** Parts of loadMs, engine specific (e.g. read/parse vs derive). */
  loadParts: Record<string, number>;
  /** RSS right after loading (after a full GC), and the peak so far, in bytes. */
  rssAfterLoad: number;
  maxRssAfterLoad: number;
  heapUsedAfterLoad: number;
}

/** A query child's index is loaded: its load time and parts, and its memory after a full GC. */
export function loadResult(loadMs: number, loadParts: Record<string, number>): LoadResult {
  collectGarbage();
  const { rss, maxRss, heapUsed } = memory();
  return { loadMs, loadParts, rssAfterLoad: rss, maxRssAfterLoad: maxRss, heapUsedAfterLoad: heapUsed };
}
