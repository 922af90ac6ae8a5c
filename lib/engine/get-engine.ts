/**
 * Process-wide engine: loaded once, reloaded when `manifest.json` changes (checked at most once a
 * second). A reload that fails (corrupt files, wrong format) keeps serving the last good index.
 */
import { indexDir, manifestStamp } from './index-dir';
import { loadIndex } from '../index/load-index';
import { createEngine, type Engine } from './engine';

export { indexDir };

interface State {
  engine: Engine;
  stamp: string;
  checkedAt: number;
}

const CHECK_INTERVAL_MS = 1000;
const globalKey = Symbol.for('hmic-search.engine');
const store = globalThis as unknown as { [globalKey]?: State };

/** The current engine. Throws (SearchEngineError) only when no index has ever loaded. */
export function getEngine(dir = indexDir()): Engine {
  const state = store[globalKey];
  const now = Date.now();
  if (state && now - state.checkedAt < CHECK_INTERVAL_MS) return state.engine;
  const stamp = manifestStamp(dir);
  if (state && stamp === state.stamp) {
    state.checkedAt = now;
    return state.engine;
  }
  try {
    const engine = createEngine(loadIndex(dir));
    store[globalKey] = { engine, stamp, checkedAt: now };
    // Searches are synchronous, so nothing is mid-way through the old index now.
    state?.engine.close();
    return engine;
  } catch (error) {
    if (!state) throw error;
    console.error(`index reload failed, still serving the previous index: ${(error as Error).message}`);
    state.stamp = stamp;
    state.checkedAt = now;
    return state.engine;
  }
}
