/** Per-document columns (see {@link DocColumns}) computed from documents at build time. */
import { FIGURE_KEYS, SECTION_KINDS, TOPIC_IDS } from '../schema';
import type { StoredDoc } from './documents';
import { boilerplateKey } from '../ingest/mark-boilerplate';
import type { DocColumns } from './index-core';

/** Names of the column files, in a fixed order (persisted as little-endian typed arrays). */
export const COLUMN_NAMES = ['release', 'ordinal', 'section', 'kind', 'boilerplate', 'topics', 'owner', ...FIGURE_KEYS] as const;
export type ColumnName = (typeof COLUMN_NAMES)[number];

/** Allocate columns for `n` documents. */
export function emptyColumns(n: number): DocColumns {
  return {
    release: new Uint32Array(n),
    ordinal: new Uint32Array(n),
    section: new Uint8Array(n),
    kind: new Uint8Array(n),
    boilerplate: new Uint8Array(n),
    topics: new Uint32Array(n),
    owner: new Int32Array(n).fill(-1),
    figures: Object.fromEntries(FIGURE_KEYS.map((k) => [k, new Int32Array(n).fill(-1)])) as DocColumns['figures'],
  };
}

/**
 * Fill columns from documents. Boilerplate paragraphs with the same text (by the
 * {@link boilerplateKey} that flagged them: markup aside) point to the first copy (`owner`), so
 * their terms are stored and indexed once, and the corpus statistics do not depend on whether a
 * copy was written with a markdown link or as plain text.
 */
export function buildColumns(docs: readonly StoredDoc[], releaseIndexOf: (slug: string) => number): DocColumns {
  const columns = emptyColumns(docs.length);
  // Exact text first (copies are mostly verbatim), then the looser key.
  const firstByText = new Map<string, number>();
  const firstByKey = new Map<string, number>();
  docs.forEach((doc, d) => {
    columns.release[d] = releaseIndexOf(doc.releaseSlug);
    columns.ordinal[d] = doc.ordinal ?? 0;
    columns.section[d] = SECTION_KINDS.indexOf(doc.section);
    columns.kind[d] = doc.kind === 'finding' ? 0 : 1;
    columns.boilerplate[d] = doc.boilerplate ? 1 : 0;
    let mask = 0;
    for (const t of doc.topics) mask |= 1 << TOPIC_IDS.indexOf(t);
    columns.topics[d] = mask;
    for (const key of FIGURE_KEYS) {
      const figure = doc.figures[key];
      if (figure) columns.figures[key][d] = figure.value;
    }
    if (doc.boilerplate) {
      let first = firstByText.get(doc.text);
      if (first === undefined) {
        const key = boilerplateKey(doc.text);
        first = firstByKey.get(key);
        if (first === undefined) firstByKey.set(key, d);
        firstByText.set(doc.text, first ?? d);
      }
      if (first !== undefined) columns.owner[d] = first;
    }
  });
  return columns;
}

/** The typed array of a column by name. */
export function columnArray(columns: DocColumns, name: ColumnName): Uint8Array | Uint32Array | Int32Array {
  return (FIGURE_KEYS as readonly string[]).includes(name) ? columns.figures[name as (typeof FIGURE_KEYS)[number]] : (columns[name as Exclude<ColumnName, (typeof FIGURE_KEYS)[number]>] as Uint8Array | Uint32Array | Int32Array);
}
