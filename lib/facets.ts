/**
 * The facet registry: every facet declared once. Search params (URL, API, CLI flags), inline query
 * filters (`force:essex`), facet postings, facet columns and counting, labels and value order in
 * the UI all read this list. Plain data (no zod, no Node APIs): safe to import from client components.
 *
 * A new facet is one entry here plus its column: a field of the release (`from: 'release'`,
 * derived per document through the release column at query time, nothing persisted) or a field of
 * the stored document (`from: 'document'`, persisted as facet postings).
 */
import topicsData from './data/topics.json';

/** Where a facet's per-document value comes from. */
export type FacetColumnSource =
  /** A field of the stored document, persisted as facet postings (value → documents). */
  | { from: 'document'; field: 'section' | 'kind' | 'topics' | 'inspector' }
  /**
   * A field of the release, the same for all its documents. `persisted`: the index also stores its
   * postings (kept for force and region); otherwise the query side derives the column from
   * `core.columns.release` and `core.releases[r][field]`.
   */
  | { from: 'release'; field: 'force' | 'region' | 'inspection' | 'year'; persisted?: boolean };

/** Order of a facet's values: by count (desc, then label), a fixed order (`valueLabels`' key order), or numeric descending. */
export type FacetOrder = 'count' | 'fixed' | 'numeric-desc';

/** What a URL/CLI value may be: any short text, a whole number, or one of `valueLabels`' keys. */
export type FacetValueType = 'text' | 'integer' | 'closed';

export interface FacetDef<N extends string = string> {
  /** Facet name: the key in `SearchParams`, in `results.facets` and of inline query filters (`name:value`). */
  name: N;
  /** Display title ("Force"). */
  label: string;
  /** URL query parameter (`/?force=…`, `/api/search?force=…`, `/figures?…`, `/releases?…`); the same as `name` (checked at load: params are keyed by name). */
  urlKey: N;
  /** CLI flag without dashes (`--force`), repeatable. */
  cliFlag: string;
  /** Display labels of values; values without one show as they are. */
  valueLabels?: Readonly<Record<string, string>>;
  order: FacetOrder;
  valueType: FacetValueType;
  /** A document may have several values (topic: a bitmask column). */
  multi?: boolean;
  /** Offer a text box that filters the list of values (long lists). */
  filterBox?: boolean;
  column: FacetColumnSource;
}

const TOPIC_LABELS: Readonly<Record<string, string>> = Object.fromEntries((topicsData as { id: string; label: string }[]).map((t) => [t.id, t.label]));

/** Section labels in section order (lib/schema SECTION_KINDS). */
const SECTION_LABELS = {
  headline: 'Headline',
  background: 'Background',
  findings: 'Findings',
  quote: "Inspector's quote",
  'report-link': 'Full report',
  notes: 'Notes to editors',
} as const;

const KIND_LABELS = { finding: 'Findings', paragraph: 'Paragraphs' } as const;

/** Every facet, in display order (sidebar, chips, CLI help). */
export const FACETS = [
  { name: 'force', label: 'Force', urlKey: 'force', cliFlag: 'force', order: 'count', valueType: 'text', filterBox: true, column: { from: 'release', field: 'force', persisted: true } },
  { name: 'region', label: 'Region', urlKey: 'region', cliFlag: 'region', order: 'count', valueType: 'text', column: { from: 'release', field: 'region', persisted: true } },
  { name: 'inspection', label: 'Inspection', urlKey: 'inspection', cliFlag: 'inspection', order: 'count', valueType: 'text', column: { from: 'release', field: 'inspection' } },
  { name: 'year', label: 'Year', urlKey: 'year', cliFlag: 'year', order: 'numeric-desc', valueType: 'integer', filterBox: true, column: { from: 'release', field: 'year' } },
  { name: 'topic', label: 'Topic', urlKey: 'topic', cliFlag: 'topic', order: 'count', valueType: 'closed', multi: true, valueLabels: TOPIC_LABELS, column: { from: 'document', field: 'topics' } },
  { name: 'section', label: 'Section', urlKey: 'section', cliFlag: 'section', order: 'fixed', valueType: 'closed', valueLabels: SECTION_LABELS, column: { from: 'document', field: 'section' } },
  { name: 'kind', label: 'Kind', urlKey: 'kind', cliFlag: 'kind', order: 'count', valueType: 'closed', valueLabels: KIND_LABELS, column: { from: 'document', field: 'kind' } },
  // The inspector quoted: a field of the quote paragraphs only (lib/index/documents.ts).
  { name: 'inspector', label: 'Inspector', urlKey: 'inspector', cliFlag: 'inspector', order: 'count', valueType: 'text', column: { from: 'document', field: 'inspector' } },
] as const satisfies readonly FacetDef[];

for (const f of FACETS as readonly FacetDef[]) if (f.urlKey !== f.name) throw new Error(`facet ${f.name}: urlKey must equal name`);

export type FacetName = (typeof FACETS)[number]['name'];
export const FACET_NAMES: readonly FacetName[] = FACETS.map((f) => f.name);

/** Facets whose values are properties of a release (force, region, inspection, year): the /figures and /releases filters. */
type AnyFacet = (typeof FACETS)[number];
export type ReleaseFacet = Extract<AnyFacet, { column: { from: 'release' } }>;
export type ReleaseFacetName = ReleaseFacet['name'];
export const RELEASE_FACETS = FACETS.filter((f): f is ReleaseFacet => f.column.from === 'release');

const BY_NAME = new Map<string, FacetDef>(FACETS.map((f) => [f.name, f]));

/** Display label of a facet value. */
export function facetValueLabel(facet: FacetName, value: string): string {
  return BY_NAME.get(facet)?.valueLabels?.[value] ?? value;
}

/** The closed set of values (`valueType: 'closed'`) in their fixed order; empty otherwise. */
export function facetValues(facet: FacetName): string[] {
  return Object.keys(BY_NAME.get(facet)?.valueLabels ?? {});
}

/** Sort facet values for display by the facet's order (selected values included). */
export function compareFacetValues(facet: FacetName, a: { value: string; label: string; count: number }, b: { value: string; label: string; count: number }): number {
  const d = BY_NAME.get(facet)!;
  if (d.order === 'fixed') {
    const keys = facetValues(facet);
    return keys.indexOf(a.value) - keys.indexOf(b.value);
  }
  if (d.order === 'numeric-desc') return Number(b.value) - Number(a.value) || a.value.localeCompare(b.value);
  return b.count - a.count || a.label.localeCompare(b.label);
}

/** `{force: [], region: [], …}`: no selection in any facet. */
export function emptyFacetSelection(): Record<FacetName, string[]> {
  return Object.fromEntries(FACET_NAMES.map((n) => [n, []])) as unknown as Record<FacetName, string[]>;
}

/** Facets with one value per document (a typed column per facet at query time). */
export type SingleFacetName = Exclude<AnyFacet, { multi: true }>['name'];
export const SINGLE_FACETS = FACETS.filter((f): f is Exclude<AnyFacet, { multi: true }> => !('multi' in f && f.multi));
/** Facets with several values per document (topic: a bitmask column whose bit i is value i of `valueLabels`). */
export type MultiFacetName = Extract<AnyFacet, { multi: true }>['name'];
/** Single-valued facets of the document itself (section, kind): counted per document; release facets are counted per release. */
export const DOCUMENT_SINGLE_FACETS = SINGLE_FACETS.filter((f): f is Extract<(typeof SINGLE_FACETS)[number], { column: { from: 'document' } }> => f.column.from === 'document');
