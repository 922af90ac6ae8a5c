/**
 * The search page. Server-rendered from the URL (the URL is the whole state); works without
 * JavaScript through GET forms and plain links.
 */
import { Alert, Container, Group, List, ListItem, Stack, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { getEngine } from '@/lib/engine/get-engine';
import { recordSearchOutcome } from '@/lib/engine/record-search-outcome';
import { MAX_QUERY_LENGTH, MAX_RESULT_WINDOW, SearchParamsSchema, beyondResultWindow, searchParamsToObject, type SearchParams } from '@/lib/query/params';
import type { SearchResults } from '@/lib/query/types';
import { EmptyState } from './_components/empty-state';
import { FacetPanel, type FacetGroupData } from './_components/facet-panel';
import { FilterChips, type ChipData } from './_components/filter-chips';
import { FiltersDrawer } from './_components/filters-drawer';
import { HitList, hitHeading } from './_components/hit-list';
import { ResultKeys } from './_components/result-keys';
import { FACETS, FACET_NAMES, emptyFacetSelection } from '@/lib/facets';
import { PaginationLinks } from './_components/pagination-links';
import { SearchBox } from './_components/search-box';
import { exportHref, hiddenFields, searchHref, toggleHref } from './_components/search-url';
import { FigureBuckets, figureChips } from './_components/figure-buckets';
import { withoutFigureComparisons } from '@/lib/query/figure-range';
import { SortLinks } from './_components/sort-links';
import facetClasses from './_components/facets.module.css';
import classes from './search-page.module.css';
import { AnchorLink, ButtonLink } from './_components/link-components';
import { FollowSearchLink } from './_components/follow-search-link';
import { feedPath, feedTitle } from '@/lib/engine/search-feed';
import { absoluteUrl } from '@/lib/engine/site-url';
import { compareHref } from './_components/compare-data';

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = 'force-dynamic';

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const raw = searchParamsToObject(await searchParams);
  const q = typeof raw.q === 'string' ? raw.q.slice(0, 80) : '';
  const parsed = SearchParamsSchema.safeParse(raw);
  return {
    title: q ? `“${q}” — search` : 'Search',
    // Feed autodiscovery: <link rel="alternate" type="application/atom+xml"> for this search.
    ...(parsed.success ? { alternates: { types: { 'application/atom+xml': [{ url: absoluteUrl(feedPath(parsed.data)), title: feedTitle(parsed.data) }] } } } : {}),
  };
}

export default async function SearchPage({ searchParams }: PageProps) {
  const raw = searchParamsToObject(await searchParams);
  const parsed = SearchParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'parameters'}: ${i.message}`);
    const q = typeof raw.q === 'string' ? raw.q.slice(0, MAX_QUERY_LENGTH) : '';
    return <InvalidParams q={q} issues={issues} />;
  }
  // The page's own response fields (links never carry `fields`): findings are shown whole.
  const params: SearchParams = { ...parsed.data, fields: [] };
  const engine = getEngine();
  const results = engine.search({ ...params, fields: ['segments'] });
  recordSearchOutcome(params.q, results.total, results.nearMissTotal);
  // An empty search may still match the notes to editors, which are left out by default.
  const boilerplateCount = results.total === 0 && !params.includeBoilerplate ? engine.search({ ...params, includeBoilerplate: true, page: 1, size: 1 }).total : 0;
  return <SearchView params={params} results={results} boilerplateCount={boilerplateCount} />;
}

function InvalidParams({ q, issues }: { q: string; issues: string[] }) {
  return (
    <Container size="md" component="main" id="main" className="site-main">
      <Stack gap="md">
        <Title order={1}>Search police integrity findings</Title>
        <SearchBox q={q} hidden={[]} maxLength={MAX_QUERY_LENGTH} />
        <Alert color="orange" title="This link has settings we can’t use" role="alert" data-testid="invalid-params">
          <Text size="sm">Some of the search settings in the address are not valid, so no search was run:</Text>
          <List size="sm" mt={4}>
            {issues.slice(0, 5).map((issue) => (
              <ListItem key={issue}>{issue}</ListItem>
            ))}
          </List>
          <Text size="sm" mt="xs">
            <AnchorLink href="/">
              Start a new search
            </AnchorLink>{' '}
            or edit the query above.
          </Text>
        </Alert>
      </Stack>
    </Container>
  );
}

/** "42 findings", or "59 results (42 findings)" when paragraphs are among the results. */
function resultSummary(params: SearchParams, results: SearchResults): string {
  const counts = new Map(results.facets.kind.map((k) => [k.value, k.count] as const));
  const kinds = params.kind.length ? params.kind : results.facets.kind.filter((k) => k.count > 0).map((k) => k.value);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const findings = kinds.includes('finding') ? (counts.get('finding') ?? 0) : 0;
  const total = plural(results.total, 'result', 'results');
  const groups = results.groupTotal === undefined ? '' : ` in ${plural(results.groupTotal, 'force', 'forces')}`;
  const nearMisses = results.nearMissTotal > 0 ? ` + ${results.nearMissTotal} matching some of your words` : '';
  if (kinds.length === 1 && kinds[0] === 'finding') return `${plural(results.total, 'finding', 'findings')}${groups}${nearMisses}`;
  return findings > 0 ? `${total} (${plural(findings, 'finding', 'findings')})${groups}${nearMisses}` : `${total}${groups}${nearMisses}`;
}

function SearchView({ params, results, boilerplateCount }: { params: SearchParams; results: SearchResults; boilerplateCount: number }) {
  const groups: FacetGroupData[] = FACETS.map((facet) => ({
    name: facet.urlKey,
    title: facet.label,
    filterable: 'filterBox' in facet && facet.filterBox,
    more: results.facetValuesOmitted[facet.name],
    allHref: searchHref(params, { facetLimit: 0, page: params.page }),
    options: results.facets[facet.name].map((v) => ({ ...v, href: toggleHref(params, facet.name, v.value, v.selected) })),
  }));
  const chips: ChipData[] = [
    ...FACETS.flatMap((facet) =>
      results.facets[facet.name].filter((v) => v.selected).map((v) => ({ facetTitle: facet.label, label: v.label, removeHref: toggleHref(params, facet.name, v.value, true) })),
    ),
    ...figureChips(params.q, (q) => searchHref(params, { q })),
  ];
  const clearHref = searchHref(params, { ...emptyFacetSelection(), q: withoutFigureComparisons(params.q) });
  const grouped = params.group === 'force';
  const panel = (
    <>
      <FacetPanel
        groups={groups}
        hidden={hiddenFields(params, [...FACET_NAMES, 'includeBoilerplate'])}
        boilerplate={{ checked: params.includeBoilerplate, href: searchHref(params, { includeBoilerplate: !params.includeBoilerplate }) }}
      />
      <FigureBuckets stats={results.figureStats} q={params.q} hrefFor={(q) => searchHref(params, { q })} title="Figures (releases per range)" />
    </>
  );
  const start = (params.page - 1) * params.size + 1;
  // Near misses (results.nearMissTotal) are listed after the full matches, on the same pages.
  const listed = results.total + results.nearMissTotal;
  const pastEnd = listed > 0 && results.hits.length === 0;
  // No full match: the help (spelling, filters, examples) — above the near misses when there are some.
  const emptyState = (
    <EmptyState
      q={params.q}
      someWords={results.nearMissTotal > 0}
      suggestion={results.suggestion}
      suggestionHref={results.suggestion ? searchHref(params, { q: results.suggestion }) : undefined}
      clearFiltersHref={chips.length ? clearHref : undefined}
      boilerplate={{ count: boilerplateCount, href: searchHref(params, { includeBoilerplate: true }) }}
      exampleHref={(example) => searchHref(params, { q: example })}
    />
  );

  return (
    <Container size="xl" className={`site-main ${classes.layout}`}>
      <main id="main" className={classes.main}>
        <Stack gap="md">
          <Title order={1} size="h2">
            Search police integrity findings
          </Title>
          <SearchBox q={params.q} hidden={hiddenFields(params, ['q'])} maxLength={MAX_QUERY_LENGTH} />
          <FiltersDrawer selectedCount={chips.length}>{panel}</FiltersDrawer>
          <noscript>
            {/* Without JavaScript the drawer cannot open: show the facets inline instead. */}
            <style>{`.${facetClasses.aside}{display:block !important}.${facetClasses.filtersButton}{display:none !important}`}</style>
          </noscript>
          <FilterChips chips={chips} clearHref={clearHref} />
          <section aria-labelledby="results-heading" className={classes.results}>
            <h2 id="results-heading" className={facetClasses.srOnly}>
              Results
            </h2>
            <Group justify="space-between" align="center" gap="sm" mb="sm" wrap="wrap">
              <Text role="status" fw={600} data-testid="result-total">
                {resultSummary(params, results)}
                <Text span c="dimmed" fw={400} size="sm">
                  {' '}
                  · {results.took_ms < 1 ? results.took_ms.toFixed(2) : Math.round(results.took_ms)} ms
                </Text>
              </Text>
              <FollowSearchLink href={feedPath(params)} />
              {results.total > 0 && (
                <AnchorLink href={compareHref(params)} size="sm" data-testid="compare-link">
                  Compare forces
                </AnchorLink>
              )}
              <Group gap="sm" align="center" wrap="wrap">
                <SortLinks
                  current={params.sort}
                  options={[
                    { value: 'relevance', label: 'Relevance', href: searchHref(params, { sort: 'relevance' }) },
                    { value: 'date', label: 'Newest first', href: searchHref(params, { sort: 'date' }) },
                    { value: 'force', label: 'Force', href: searchHref(params, { sort: 'force' }) },
                  ]}
                />
                <ButtonLink
                  href={searchHref(params, { group: grouped ? 'none' : 'force' })}
                  size="compact-sm"
                  variant={grouped ? 'filled' : 'default'}
                  role="switch"
                  aria-checked={grouped}
                  data-testid="group-toggle"
                >
                  One per force
                </ButtonLink>
                <details className={classes.download} data-testid="download-menu">
                  <summary>Download results</summary>
                  <ul className="plain-list">
                    <li>
                      <a href={exportHref(params, 'csv')} download>
                        CSV
                      </a>
                    </li>
                    <li>
                      <a href={exportHref(params, 'jsonl')} download>
                        JSON lines
                      </a>
                    </li>
                  </ul>
                </details>
              </Group>
            </Group>
            {results.queryError && (
              <Alert color="yellow" mb="sm" title="Part of the query was read as plain words">
                {results.queryError.message} (at character {results.queryError.position + 1}).
              </Alert>
            )}
            {results.suggestion && results.total > 0 && (
              <Text mb="sm">
                Did you mean{' '}
                <AnchorLink href={searchHref(params, { q: results.suggestion })} fw={700}>
                  {results.suggestion}
                </AnchorLink>
                ?
              </Text>
            )}
            {listed === 0 ? (
              emptyState
            ) : results.total === 0 && params.page === 1 && !pastEnd ? (
              <>
                {emptyState}
                <HitList hits={results.hits} start={start} />
              </>
            ) : pastEnd && beyondResultWindow(params) ? (
              <Text data-testid="result-window">
                Only the first {MAX_RESULT_WINDOW.toLocaleString('en-GB')} results can be paged through: narrow the search with words or filters.{' '}
                <AnchorLink href={searchHref(params, { page: results.pages })}>Go to the last page</AnchorLink>.
              </Text>
            ) : pastEnd ? (
              <Text>
                There are only {results.pages} pages of results.{' '}
                <AnchorLink href={searchHref(params, { page: 1 })}>
                  Go to the first page
                </AnchorLink>
                .
              </Text>
            ) : (
              <HitList hits={results.hits} start={start} moreHref={grouped ? (hit) => searchHref(params, { force: hit.force ? [hit.force] : [], group: 'none' }) : undefined} />
            )}
            <ResultKeys labels={results.hits.map((hit) => hitHeading(hit).replace(' — ', ', '))} start={start} total={listed} />
            <div className={classes.pager}>
              <PaginationLinks page={params.page} pages={results.pages} hrefFor={(page) => searchHref(params, { page })} />
            </div>
          </section>
        </Stack>
      </main>
      <aside aria-labelledby="filters-heading" className={`${facetClasses.aside} ${classes.aside}`}>
        <Title order={2} size="h4" id="filters-heading" mb="sm">
          Filters
        </Title>
        {panel}
      </aside>
    </Container>
  );
}
