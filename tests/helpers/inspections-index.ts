/**
 * The two-inspection corpus: the five seeds (2012, "Revisiting police relationships") and a later
 * release of each of their forces (2014, "Integrity matters"), in tests/fixtures/inspections/.
 * Built in memory with `buildIndex` (no files written), wrapped in an engine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../lib/engine/engine';
import { buildIndex, type BuiltIndex } from '../../lib/index/build-index';
import { ingestSource } from '../../lib/ingest/ingest-file';
import { markBoilerplate } from '../../lib/ingest/mark-boilerplate';
import { prepareIndex, type PreparedIndex } from '../../lib/query/prepare-index';
import { SearchParamsSchema, type SearchParamsInput } from '../../lib/query/params';
import type { Release } from '../../lib/schema';

export const INSPECTIONS_DIR = 'tests/fixtures/inspections';

/** The 10 fixture releases, parsed (boilerplate marked across them). */
export function inspectionReleases(dir = INSPECTIONS_DIR): Release[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  return markBoilerplate(files.map((f) => ingestSource({ relPath: f, text: readFileSync(join(dir, f), 'utf8') })));
}

export interface InspectionsIndex {
  releases: Release[];
  built: BuiltIndex;
  index: PreparedIndex;
  engine: Engine;
  search: (input: SearchParamsInput) => ReturnType<Engine['search']>;
}

export function buildInspectionsIndex(dir = INSPECTIONS_DIR): InspectionsIndex {
  const releases = inspectionReleases(dir);
  const built = buildIndex(releases);
  const engine = createEngine(built);
  return { releases, built, index: prepareIndex(built), engine, search: (input) => engine.search(SearchParamsSchema.parse(input)) };
}
