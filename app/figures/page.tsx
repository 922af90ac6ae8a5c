/**
 * Figures: one row per release (force × inspection × year), sortable, 100 rows a page (each value
 * links to its finding), filter links for the release facets, a bar chart of the page, CSV download.
 */
import { Button, Container, Group, Stack, Table, TableCaption, TableScrollContainer, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { getEngine } from '@/lib/engine/get-engine';
import { FACETS, RELEASE_FACETS, emptyFacetSelection } from '@/lib/facets';
import { FIGURE_KEYS, type FigureKey } from '@/lib/schema';
import { FacetLinks } from '../_components/facet-links';
import { FiguresChart, type ChartRow } from '../_components/figures-chart';
import { FIGURES_PAGE_SIZE, defaultDir, filterQuery, figureTable, formatRate, pageOf, parseFiguresQuery, type SortColumn } from '../_components/figures-data';
import { FilterChips } from '../_components/filter-chips';
import { FigureBuckets, figureChips } from '../_components/figure-buckets';
import { FIGURE_LABELS, FIGURE_SHORT_LABELS } from '../_components/labels';
import { AnchorLink } from '../_components/link-components';
import { PaginationLinks } from '../_components/pagination-links';
import { InvalidParamsPage } from '../_components/invalid-params-page';

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Figures by release',
  description: 'Second-job applications and approvals, social media cases, media disclosure and conduct investigations, release by release (force, inspection, year), each linked to the finding that states it.',
};

const COLUMN_LABELS: Record<SortColumn, string> = {
  force: 'Force',
  region: 'Region',
  inspection: 'Inspection',
  year: 'Year',
  ...FIGURE_LABELS,
  approvalRate: 'Approval rate',
};

export default async function FiguresPage({ searchParams }: PageProps) {
  const query = parseFiguresQuery(await searchParams);
  if (!query.ok) return <InvalidParamsPage title="Figures by release" issues={query.issues} resetHref="/figures" resetLabel="Show all figures" />;
  const engine = getEngine();
  const table = figureTable(engine, query);
  const { params, sort, dir } = query;
  const { rows, page, pages } = pageOf(table.rows, query.page);

  const sortHref = (column: SortColumn) => {
    const nextDir = column === sort ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(column);
    return `/figures${filterQuery(params, { sort: column, dir: nextDir })}`;
  };
  const keepSort: Record<string, string> = sort === 'force' && dir === 'asc' ? {} : { sort, dir };
  const toggle = (facet: (typeof FACETS)[number]['name'], value: string) => {
    const current = params[facet];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    return `/figures${filterQuery({ ...params, [facet]: next }, keepSort)}`;
  };
  const qHref = (q: string) => `/figures${filterQuery({ ...params, q }, keepSort)}`;
  const groups = RELEASE_FACETS.map((facet) => ({
    name: facet.name,
    title: facet.label,
    // Document counts would read oddly next to a table of releases: values only.
    options: table.facets[facet.name].map((o) => ({ value: o.value, label: o.label, selected: o.selected, href: toggle(facet.name, o.value) })),
  }));
  // Chips for every selected value, including facets without links here (topic, section, kind).
  const chips = [
    ...FACETS.flatMap((facet) => params[facet.name].map((v) => ({ facetTitle: facet.label, label: table.facets[facet.name].find((o) => o.value === v)?.label ?? v, removeHref: toggle(facet.name, v) }))),
    ...figureChips(params.q, qHref),
  ];
  const columns: SortColumn[] = ['force', 'inspection', 'year', 'region', 'secondJobApplications', 'secondJobsApproved', 'approvalRate', 'socialMediaCases', 'mediaDisclosureInvestigations', 'conductInvestigations'];
  const textColumns = new Set<SortColumn>(['force', 'inspection', 'year', 'region']);
  const figureColumns = columns.filter((c) => !textColumns.has(c));
  const chartSeries = FIGURE_KEYS.map((k) => FIGURE_SHORT_LABELS[k]);
  const forcesWithSeveral = new Set(rows.map((r) => r.force).filter((f, i, all) => all.indexOf(f) !== i));
  const chartData: ChartRow[] = rows.map((r) => {
    const name = r.force.replace(/ (Police|Constabulary)$/, '');
    const row: ChartRow = { force: forcesWithSeveral.has(r.force) && r.year !== null ? `${name} ${r.year}` : name };
    for (const k of FIGURE_KEYS) if (r.figures[k]) row[FIGURE_SHORT_LABELS[k]] = r.figures[k]!.value;
    return row;
  });
  const first = (page - 1) * FIGURES_PAGE_SIZE + 1;

  return (
    <Container size="xl" component="main" id="main" className="site-main">
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            Figures by release
          </Title>
          <Text mt={4}>
            The five figures each release states: one row per release (force, inspection and year). Select a value to open the finding it was read from. A dash means the release does not state that figure.
          </Text>
        </div>

        <FacetLinks groups={groups} label="Filter figures" />
        <details data-testid="figure-ranges" open={params.q !== '' || undefined}>
          <summary style={{ cursor: 'pointer', fontWeight: 700, fontSize: 'var(--mantine-font-size-sm)' }}>Filter by figure range</summary>
          <div style={{ marginTop: 8 }}>
            <FigureBuckets stats={table.figureStats} q={params.q} hrefFor={qHref} headingLevel={2} />
          </div>
        </details>
        <FilterChips chips={chips} clearHref={`/figures${filterQuery({ ...params, ...emptyFacetSelection(), q: '' }, keepSort)}`} />

        <section aria-labelledby="table-heading">
          <Group justify="space-between" align="center" mb="xs">
            <Title order={2} size="h4" id="table-heading">
              Table
            </Title>
            <Button component="a" href={`/figures.csv${filterQuery(params, keepSort)}`} variant="default" size="sm" download>
              Download CSV
            </Button>
          </Group>
          {table.rows.length === 0 ? (
            <Text>No release states any of these figures for the current filters.</Text>
          ) : (
            <>
              <Text size="sm" mb="xs" data-testid="figures-count">
                {table.rows.length} {table.rows.length === 1 ? 'release' : 'releases'}
                {pages > 1 ? ` · rows ${first}–${first + rows.length - 1}` : ''}
              </Text>
              <TableScrollContainer minWidth={1100}>
                <Table striped highlightOnHover verticalSpacing="xs" data-testid="figures-table">
                  <TableCaption>
                    Sorted by {COLUMN_LABELS[sort].toLowerCase()}, {dir === 'asc' ? 'ascending' : 'descending'}. Select a column heading to sort.
                  </TableCaption>
                  <TableThead>
                    <TableTr>
                      {columns.map((c) => (
                        <TableTh key={c} scope="col" ta={textColumns.has(c) ? 'left' : 'right'} aria-sort={c === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                          <AnchorLink href={sortHref(c)} fw={700} size="sm" data-sort={c}>
                            {COLUMN_LABELS[c]}
                            <span aria-hidden="true">{c === sort ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                          </AnchorLink>
                        </TableTh>
                      ))}
                    </TableTr>
                  </TableThead>
                  <TableTbody>
                    {rows.map((r) => (
                      <TableTr key={r.releaseSlug} data-force={r.force} data-release={r.releaseSlug}>
                        <TableTh scope="row" fw={600}>
                          <AnchorLink href={`/releases/${r.releaseSlug}`} inherit>
                            {r.force}
                          </AnchorLink>
                        </TableTh>
                        <TableTd data-column="inspection">{r.inspection ?? '—'}</TableTd>
                        <TableTd data-column="year">{r.year ?? '—'}</TableTd>
                        <TableTd>{r.region ?? '—'}</TableTd>
                        {figureColumns.map((c) => {
                          if (c === 'approvalRate') {
                            const source = r.figures.secondJobsApproved?.findingId;
                            return (
                              <TableTd key={c} ta="right" data-column={c}>
                                {r.approvalRate === null ? (
                                  '—'
                                ) : source ? (
                                  <AnchorLink underline="hover" href={`/findings/${source}`} title="Approved ÷ applications">
                                    {formatRate(r.approvalRate)}
                                  </AnchorLink>
                                ) : (
                                  formatRate(r.approvalRate)
                                )}
                              </TableTd>
                            );
                          }
                          const figure = r.figures[c as FigureKey];
                          return (
                            <TableTd key={c} ta="right" data-column={c}>
                              {figure ? (
                                <AnchorLink underline="hover" href={`/findings/${figure.findingId}`} title={`Stated in finding ${figure.findingId}`}>
                                  {figure.value}
                                </AnchorLink>
                              ) : (
                                '—'
                              )}
                            </TableTd>
                          );
                        })}
                      </TableTr>
                    ))}
                  </TableTbody>
                </Table>
              </TableScrollContainer>
              <Group mt="sm">
                <PaginationLinks page={page} pages={pages} hrefFor={(p) => `/figures${filterQuery(params, { ...keepSort, ...(p > 1 ? { page: String(p) } : {}) })}`} />
              </Group>
            </>
          )}
        </section>

        {rows.length > 0 && (
          <section aria-labelledby="chart-heading">
            <Title order={2} size="h4" id="chart-heading" mb="xs">
              Chart
            </Title>
            <FiguresChart data={chartData} series={chartSeries} label={`Bar chart of the figures in the table, for ${rows.length} releases.`} />
          </section>
        )}
      </Stack>
    </Container>
  );
}
