/** Build the real seeds into a temp index once per test file and hand out the engine. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { createEngine, type Engine } from '../../lib/engine/engine';
import { SearchParamsSchema, type SearchParamsInput } from '../../lib/query/params';

export interface SeedIndex {
  dir: string;
  engine: Engine;
  search: (input: SearchParamsInput) => ReturnType<Engine['search']>;
  cleanup: () => void;
}

/** Build `seeds/` into a fresh temp directory and load it. */
export async function buildSeedIndex(source = 'seeds'): Promise<SeedIndex> {
  const dir = mkdtempSync(join(tmpdir(), 'hmic-index-'));
  await buildFromDirectory({ source, out: dir });
  const engine = createEngine(loadIndex(dir));
  return {
    dir,
    engine,
    search: (input) => engine.search(SearchParamsSchema.parse(input)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
