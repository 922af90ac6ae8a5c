/**
 * Process-wide engine per index directory. The first call starts loading the index; after that
 * `manifest.json` is checked at most once a second, and a new build is loaded in the background
 * — asynchronous reads and work sliced so the event loop is never held for more than a few
 * milliseconds (lib/index/run-sliced.ts) — then swapped in at once. The previous engine serves
 * until the swap and stays open for a grace period after it (and for as long as any hold on it,
 * such as a streamed export, lasts). A load that fails logs one JSON line on stderr and the last
 * good index keeps serving; that build is not retried until the manifest changes again.
 */
import { ERROR_CODES, SearchEngineError, type ErrorCode } from '../errors';
import { loadIndexSliced, type LoadedIndex } from '../index/load-index';
import type { Manifest } from '../index/manifest';
import { prepareIndex } from '../query/prepare-index';
import { openSuggesterSteps } from '../query/suggest';
import { runSliced } from '../index/run-sliced';
import { createEngine, type Engine } from './engine';
import { indexDir, manifestStamp } from './index-dir';
import { INDEX_UNAVAILABLE_DIGEST } from './unavailable-digest';

export { indexDir };

export interface ServeOptions {
  /** How often `manifest.json` is checked for a new build, in ms (default 1000). */
  checkIntervalMs?: number;
  /**
   * How long a replaced engine stays open after the swap, in ms (default 10,000): a page render
   * that took the engine before the swap may still read a document from it. Holds
   * ({@link Engine.hold}) keep it open longer.
   */
  retireGraceMs?: number;
  /** Longest uninterrupted stretch of loading work, in ms (default 8). */
  sliceMs?: number;
  /** Where the one-line JSON events go (default: failures to stderr, loads to stdout). */
  log?: (event: LoadEvent) => void;
}

/** What is logged per load: one JSON line each. */
export type LoadEvent =
  | { event: 'index_loaded'; indexDir: string; buildId: string; loadMs: number }
  | { event: 'index_reload_failed'; indexDir: string; code: ErrorCode | 'E_INTERNAL'; message: string; servingBuildId: string | null };

/** The index a directory serves, as `/api/health` reports it. */
export interface ServedIndex {
  /** The build's id (its data directory is `data-<buildId>`). */
  buildId: string;
  builtAt: string;
  counts: Manifest['counts'];
  /** When this process finished loading it (ISO 8601). */
  loadedAt: string;
  /** How long the load took (sliced, so while requests were answered), in ms. */
  loadMs: number;
}

export interface IndexStatus {
  /** The index answering requests, or null before one has loaded. */
  serving: ServedIndex | null;
  /** A (re)load is in progress. */
  loading: boolean;
  /** The last failed load since the last successful one, or null. */
  lastError: { code: string; message: string; at: string } | null;
}

interface DirState {
  dir: string;
  options: Required<Omit<ServeOptions, 'log'>> & Pick<ServeOptions, 'log'>;
  current: { engine: Engine; info: ServedIndex } | null;
  loading: Promise<void> | null;
  /** The manifest stamp last loaded or tried: a failed build is retried only when it changes. */
  triedStamp: string | null;
  checkedAt: number;
  lastError: { error: unknown; at: string } | null;
}

const DEFAULTS = { checkIntervalMs: 1000, retireGraceMs: 10_000, sliceMs: 8 };

const globalKey = Symbol.for('hmic-search.served-indexes');
// On globalThis: Next.js may bundle this module into several route bundles of one process.
const store = globalThis as unknown as { [globalKey]?: Map<string, DirState> };

function stateOf(dir: string, options: ServeOptions = {}): DirState {
  const all = (store[globalKey] ??= new Map());
  let state = all.get(dir);
  if (!state) {
    state = { dir, options: { ...DEFAULTS, ...options }, current: null, loading: null, triedStamp: null, checkedAt: -Infinity, lastError: null };
    all.set(dir, state);
  }
  return state;
}

function emit(state: DirState, event: LoadEvent): void {
  if (state.options.log) return state.options.log(event);
  const line = JSON.stringify(event);
  if (event.event === 'index_reload_failed') console.error(line);
  else console.log(line);
}

/**
 * The project error code of `error`, or E_INTERNAL. By shape, not `instanceof`: the load may have
 * run in another bundle's copy of lib/errors.ts (instrumentation.ts starts it at server start).
 */
function errorCode(error: unknown): ErrorCode | 'E_INTERNAL' {
  const code = (error as { code?: unknown } | null)?.code;
  return (ERROR_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : 'E_INTERNAL';
}

async function load(state: DirState): Promise<void> {
  const started = performance.now();
  let core: LoadedIndex | null = null;
  try {
    const slicing = { sliceMs: state.options.sliceMs };
    core = await loadIndexSliced(state.dir, slicing);
    const suggester = await runSliced(openSuggesterSteps(core.data.suggest), slicing);
    const engine = createEngine(core, prepareIndex(core), suggester);
    const info: ServedIndex = {
      buildId: core.manifest.dataDir.replace(/^data-/, ''),
      builtAt: core.manifest.builtAt,
      counts: core.manifest.counts,
      loadedAt: new Date().toISOString(),
      loadMs: Math.round(performance.now() - started),
    };
    const previous = state.current;
    // The swap: every getEngine() from here on answers from the new index.
    state.current = { engine, info };
    state.lastError = null;
    if (previous) retire(state, previous.engine);
    emit(state, { event: 'index_loaded', indexDir: state.dir, buildId: info.buildId, loadMs: info.loadMs });
  } catch (error) {
    core?.close();
    state.lastError = { error, at: new Date().toISOString() };
    emit(state, {
      event: 'index_reload_failed',
      indexDir: state.dir,
      code: errorCode(error),
      message: (error as Error).message,
      servingBuildId: state.current?.info.buildId ?? null,
    });
  }
}

/** Close a replaced engine once the grace period is over (and, inside it, once no hold remains). */
function retire(state: DirState, engine: Engine): void {
  setTimeout(() => engine.close(), state.options.retireGraceMs).unref();
}

/** Start a load when the manifest changed since the last one (checked at most once an interval). */
function poll(state: DirState, force = false): void {
  const now = performance.now();
  if (!force && now - state.checkedAt < state.options.checkIntervalMs) return;
  state.checkedAt = now;
  if (state.loading) return;
  const stamp = manifestStamp(state.dir);
  if (stamp === state.triedStamp) return;
  state.triedStamp = stamp;
  state.loading = load(state).finally(() => {
    state.loading = null;
  });
}

function unavailable(state: DirState): SearchEngineError {
  const cause = state.loading ? undefined : state.lastError?.error;
  const code = errorCode(cause);
  const error = cause
    ? new SearchEngineError(code === 'E_INTERNAL' ? 'E_INDEX_CORRUPT' : code, `the search index is not available: ${(cause as Error).message}`)
    : new SearchEngineError('E_INDEX_LOADING', 'the search index is still loading');
  return Object.assign(error, { digest: INDEX_UNAVAILABLE_DIGEST });
}

/**
 * The engine serving `dir` (default `INDEX_DIR`). Never waits for a load.
 * @throws SearchEngineError while no index has loaded yet: E_INDEX_LOADING, or the code of the
 *   failed load (E_INDEX_MISSING, E_INDEX_FORMAT, E_INDEX_CORRUPT); its `digest` is
 *   {@link INDEX_UNAVAILABLE_DIGEST}.
 */
export function getEngine(dir = indexDir(), options?: ServeOptions): Engine {
  const state = stateOf(dir, options);
  poll(state);
  if (state.current) return state.current.engine;
  throw unavailable(state);
}

function statusOf(state: DirState): IndexStatus {
  const last = state.lastError;
  return {
    serving: state.current?.info ?? null,
    loading: state.loading !== null,
    lastError: last ? { code: errorCode(last.error), message: (last.error as Error).message, at: last.at } : null,
  };
}

/** What `dir` serves (and whether a load is under way); checks for a new build like getEngine. */
export function indexStatus(dir = indexDir(), options?: ServeOptions): IndexStatus {
  const state = stateOf(dir, options);
  poll(state);
  return statusOf(state);
}

/**
 * Check `dir` for a new build now (whatever the interval) and wait until any load has finished.
 * For warming up at server start and for tests; requests never wait for a load.
 */
export async function settleIndex(dir = indexDir(), options?: ServeOptions): Promise<IndexStatus> {
  const state = stateOf(dir, options);
  poll(state, true);
  while (state.loading) await state.loading;
  return statusOf(state);
}
