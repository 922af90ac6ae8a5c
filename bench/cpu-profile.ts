/**
 * Summarise a V8 `.cpuprofile` (written by `node --cpu-prof`): self time per function, optionally
 * only for samples inside a time window (the timed query loop, not the index load before it).
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProfileEntry } from './report';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds, monotonic clock. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  entries: ProfileEntry[];
  /** Time covered by the summarised samples, in ms. */
  sampledMs: number;
  /** True when the window did not overlap the profile and the whole profile was used. */
  windowIgnored: boolean;
}

function location(url: string, line: number, root: string): string {
  if (!url) return '(native)';
  let path = url;
  try {
    if (url.startsWith('file:')) path = fileURLToPath(url);
  } catch {
    // keep the url
  }
  const rel = path.startsWith(root) ? relative(root, path) : path;
  // Line numbers of transpiled TypeScript (tsx) are not the source's; show them only when known.
  return `${rel.replace(/^.*node_modules\//, 'node_modules/')}${line > 0 ? `:${line + 1}` : ''}`;
}

/**
 * Top `top` functions by self time. `window` (µs, same clock as the profile) restricts the summary
 * to samples taken inside it.
 */
export function summarizeCpuProfile(profile: CpuProfile, options: { top?: number; window?: [number, number]; root?: string } = {}): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n] as const));
  const root = options.root ?? process.cwd();
  let window = options.window;
  const overlaps = window && window[0] < profile.endTime && window[1] > profile.startTime;
  const windowIgnored = !!window && !overlaps;
  if (!overlaps) window = undefined;

  const self = new Map<string, { functionName: string; location: string; us: number }>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window[0] || t > window[1])) continue;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    // Attribute the interval to the sample taken at its end (what V8's tools do).
    const next = profile.timeDeltas[i + 1] ?? delta;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)') continue;
    const loc = location(url, lineNumber, root);
    const key = `${name}@${loc}`;
    const entry = self.get(key) ?? { functionName: name, location: loc, us: 0 };
    entry.us += next;
    self.set(key, entry);
    total += next;
  }
  const entries = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, options.top ?? 15)
    .map((e) => ({ functionName: e.functionName, location: e.location, selfMs: e.us / 1000, selfPercent: total ? (100 * e.us) / total : 0 }));
  return { entries, sampledMs: total / 1000, windowIgnored };
}
