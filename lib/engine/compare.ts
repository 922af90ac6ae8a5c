/**
 * The compare grid (/compare): forces as columns, topics as rows; each cell holds that force's
 * findings on that topic for the query (best first, highlighted) and the figures of that topic its
 * releases state. Built from one search for the force counts plus one search per column (at most
 * {@link HITS_PER_FORCE} hits each) and the column's releases: it never reads every document of a
 * force, only hits, so it stays cheap at 100k findings.
 */
import { FIGURE_KEYS, TOPIC_IDS, type FigureKey, type TopicId } from '../schema';
import { topicLabel } from '../ingest/assign-topics';
import { FIGURE_TOPICS } from '../schema';
import type { SearchParams } from '../query/params';
import type { Hit } from '../query/types';
import type { Engine } from './engine';

/** Columns picked when the URL names no force: the forces with the most hits. */
export const DEFAULT_COLUMNS = 5;
/** At most this many columns (the first forces named in the URL). */
export const MAX_COLUMNS = 8;
/** Hits read per column (the search's page size limit). */
export const HITS_PER_FORCE = 100;
/** Hits listed per cell; the rest are a link away. */
export const HITS_PER_CELL = 5;

export interface CompareFigure {
  key: FigureKey;
  value: number;
  findingId: string;
  releaseSlug: string;
  inspection: string | null;
  year: number | null;
}

export interface CompareCell {
  force: string;
  /** The force's documents on this topic for the query (exact: the topic facet count); for the "no topic" row, those among the column's hits. */
  count: number;
  /** The best {@link HITS_PER_CELL} of them. */
  hits: Hit[];
  /** The figures of this topic stated by the releases the column's hits come from (newest release first). */
  figures: CompareFigure[];
}

export interface CompareRow {
  /** Topic id, or null for documents with no topic. */
  topic: TopicId | null;
  label: string;
  cells: CompareCell[];
}

export interface CompareColumn {
  force: string;
  /** The force's documents matching the query. */
  total: number;
}

export interface CompareGrid {
  /** Every force with hits (and every force named in the URL), most hits first: the picker. */
  options: { force: string; count: number; selected: boolean }[];
  columns: CompareColumn[];
  rows: CompareRow[];
  /** True when the URL named no force and the columns are the forces with the most hits. */
  defaulted: boolean;
  /** Forces named in the URL beyond {@link MAX_COLUMNS} (not shown). */
  dropped: string[];
  /** The params the searches ran with (kind defaults to findings). */
  params: SearchParams;
}

type CompareEngine = Pick<Engine, 'search' | 'releasePage'>;

const FIGURES_OF_TOPIC: ReadonlyMap<TopicId, FigureKey[]> = new Map(TOPIC_IDS.map((t) => [t, FIGURE_KEYS.filter((k) => FIGURE_TOPICS[k] === t)] as const));

/** Compare forces for `input` (the params of `/`; `kind` defaults to findings, `page` and `size` are ignored). */
export function compareGrid(engine: CompareEngine, input: SearchParams): CompareGrid {
  const params: SearchParams = { ...input, kind: input.kind.length ? input.kind : ['finding'], page: 1 };
  // Every force and topic count is read (facetLimit 0); hits are shown as their snippets.
  const searched: SearchParams = { ...params, facetLimit: 0, fields: [] };
  // Force counts are disjunctive: they ignore the force selection, so one search gives them all.
  const base = engine.search({ ...searched, size: 1 }, { nearMisses: false });
  const counts = new Map(base.facets.force.map((v) => [v.value, v.count] as const));
  const named = [...new Set(params.force)];
  const defaulted = named.length === 0;
  const chosen = defaulted
    ? base.facets.force
        .filter((v) => v.count > 0)
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
        .slice(0, DEFAULT_COLUMNS)
        .map((v) => v.value)
    : named.slice(0, MAX_COLUMNS);
  const chosenSet = new Set(chosen);
  const options = [...new Set([...base.facets.force.filter((v) => v.count > 0).map((v) => v.value), ...named])]
    .map((force) => ({ force, count: counts.get(force) ?? 0, selected: chosenSet.has(force) }))
    .sort((a, b) => b.count - a.count || a.force.localeCompare(b.force));

  const columns = chosen.map((force) => {
    const results = engine.search({ ...searched, force: [force], size: HITS_PER_FORCE }, { nearMisses: false });
    const slugs = new Set(results.hits.map((h) => h.releaseSlug));
    // The column's releases (newest first) that its hits come from, for their figures.
    const releases = engine
      .releasePage({ filters: { force: [force], region: params.region, inspection: params.inspection, year: params.year }, sort: 'date', page: 1, size: Number.MAX_SAFE_INTEGER })
      .rows.filter((r) => slugs.has(r.slug));
    const topicCounts = new Map(results.facets.topic.map((v) => [v.value, v.count] as const));
    return { force, results, releases, topicCounts };
  });

  const topics: (TopicId | null)[] = [...(params.topic.length ? TOPIC_IDS.filter((t) => params.topic.includes(t)) : TOPIC_IDS), ...(params.topic.length ? [] : [null])];
  const rows: CompareRow[] = [];
  for (const topic of topics) {
    const cells = columns.map(({ force, results, releases, topicCounts }): CompareCell => {
      const inCell = results.hits.filter((h) => (topic === null ? h.topics.length === 0 : h.topics.includes(topic)));
      const figures: CompareFigure[] = [];
      if (topic !== null && inCell.length > 0) {
        for (const release of releases) {
          for (const key of FIGURES_OF_TOPIC.get(topic) ?? []) {
            const stated = release.figures[key];
            if (stated) figures.push({ key, value: stated.value, findingId: stated.findingId, releaseSlug: release.slug, inspection: release.inspection, year: release.year });
          }
        }
      }
      return { force, count: topic === null ? inCell.length : (topicCounts.get(topic) ?? 0), hits: inCell.slice(0, HITS_PER_CELL), figures };
    });
    if (cells.some((c) => c.count > 0)) rows.push({ topic, label: topic === null ? 'No topic' : topicLabel(topic), cells });
  }

  return {
    options,
    columns: columns.map(({ force, results }) => ({ force, total: results.total })),
    rows,
    defaulted,
    dropped: defaulted ? [] : named.slice(MAX_COLUMNS),
    params,
  };
}
