/** Figures by force: sortable table (each value links to its finding), bar chart, CSV download. */
import { Alert, Button, Container, Group, Stack, Table, TableCaption, TableScrollContainer, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { getEngine } from '@/lib/engine/get-engine';
import { FIGURE_KEYS, type FigureKey } from '@/lib/schema';
import { FiguresChart, type ChartRow } from '../_components/figures-chart';
import { filterQuery, figureRows, formatRate, parseFiguresQuery, type SortColumn } from '../_components/figures-data';
import { FilterChips } from '../_components/filter-chips';
import { FIGURE_LABELS, FIGURE_SHORT_LABELS } from '../_components/labels';
import { AnchorLink, BadgeLink } from '../_components/link-components';

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Figures by force',
  description: 'Second-job applications and approvals, social media cases, media disclosure and conduct investigations, force by force, each linked to the finding that states it.',
};

const COLUMN_LABELS: Record<SortColumn, string> = {
  force: 'Force',
  region: 'Region',
  ...FIGURE_LABELS,
  approvalRate: 'Approval rate',
};

export default async function FiguresPage({ searchParams }: PageProps) {
  const query = parseFiguresQuery(await searchParams);
  if (!query.ok) {
    return (
      <Container size="xl" component="main" id="main" className="site-main">
        <Title order={1} size="h2" mb="md">
          Figures by force
        </Title>
        <Alert color="orange" title="This link has settings we can’t use" role="alert" data-testid="invalid-params">
          <Text size="sm">{query.issues.slice(0, 5).join('; ')}</Text>
          <AnchorLink href="/figures" size="sm">
            Show all figures
          </AnchorLink>
        </Alert>
      </Container>
    );
  }
  const engine = getEngine();
  const rows = figureRows(engine, query);
  const { params, sort, dir } = query;
  const regionOptions = engine.search({ ...params, region: [] }).facets.region;
  const forceOptions = engine.search({ ...params, force: [] }).facets.force;

  const sortHref = (column: SortColumn) => {
    const nextDir = column === sort ? (dir === 'asc' ? 'desc' : 'asc') : column === 'force' || column === 'region' ? 'asc' : 'desc';
    return `/figures${filterQuery(params, { sort: column, dir: nextDir })}`;
  };
  const keepSort: Record<string, string> = sort === 'force' && dir === 'asc' ? {} : { sort, dir };
  const toggle = (facet: 'force' | 'region', value: string) => {
    const current = params[facet];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    return `/figures${filterQuery({ ...params, [facet]: next }, keepSort)}`;
  };
  const chips = [
    ...params.region.map((v) => ({ facetTitle: 'Region', label: v, removeHref: toggle('region', v) })),
    ...params.force.map((v) => ({ facetTitle: 'Force', label: v, removeHref: toggle('force', v) })),
    ...params.topic.map((v) => ({ facetTitle: 'Topic', label: v, removeHref: `/figures${filterQuery({ ...params, topic: params.topic.filter((t) => t !== v) }, keepSort)}` })),
  ];
  const columns: SortColumn[] = ['force', 'region', 'secondJobApplications', 'secondJobsApproved', 'approvalRate', 'socialMediaCases', 'mediaDisclosureInvestigations', 'conductInvestigations'];
  const chartSeries = FIGURE_KEYS.map((k) => FIGURE_SHORT_LABELS[k]);
  const chartData: ChartRow[] = rows.map((r) => {
    const row: ChartRow = { force: r.force.replace(/ (Police|Constabulary)$/, '') };
    for (const k of FIGURE_KEYS) if (r.figures[k]) row[FIGURE_SHORT_LABELS[k]] = r.figures[k]!.value;
    return row;
  });

  return (
    <Container size="xl" component="main" id="main" className="site-main">
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            Figures by force
          </Title>
          <Text mt={4}>
            The five figures each release states, by force. Select a value to open the finding it was read from. A dash means the release does not state that figure.
          </Text>
        </div>

        <nav aria-label="Filter figures">
          <Stack gap={6}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={700} span>
                Region:
              </Text>
              {regionOptions.map((o) => (
                <BadgeLink key={o.value} href={toggle('region', o.value)} variant={o.selected ? 'filled' : 'default'} tt="none" size="lg" style={{ cursor: 'pointer' }} aria-current={o.selected ? 'true' : undefined}>
                  {o.label}
                </BadgeLink>
              ))}
            </Group>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={700} span>
                Force:
              </Text>
              {forceOptions.map((o) => (
                <BadgeLink key={o.value} href={toggle('force', o.value)} variant={o.selected ? 'filled' : 'default'} tt="none" size="lg" style={{ cursor: 'pointer' }} aria-current={o.selected ? 'true' : undefined}>
                  {o.label}
                </BadgeLink>
              ))}
            </Group>
          </Stack>
        </nav>
        <FilterChips chips={chips} clearHref={`/figures${filterQuery({ ...params, force: [], region: [], topic: [], section: [], kind: [] }, keepSort)}`} />

        <section aria-labelledby="table-heading">
          <Group justify="space-between" align="center" mb="xs">
            <Title order={2} size="h4" id="table-heading">
              Table
            </Title>
            <Button component="a" href={`/figures.csv${filterQuery(params, keepSort)}`} variant="default" size="sm" download>
              Download CSV
            </Button>
          </Group>
          {rows.length === 0 ? (
            <Text>No force states any of these figures for the current filters.</Text>
          ) : (
            <TableScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="xs" data-testid="figures-table">
                <TableCaption>
                  Sorted by {COLUMN_LABELS[sort].toLowerCase()}, {dir === 'asc' ? 'ascending' : 'descending'}. Select a column heading to sort.
                </TableCaption>
                <TableThead>
                  <TableTr>
                    {columns.map((c) => (
                      <TableTh key={c} scope="col" ta={c === 'force' || c === 'region' ? 'left' : 'right'} aria-sort={c === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
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
                    <TableTr key={r.force} data-force={r.force}>
                      <TableTh scope="row" fw={600}>
                        <AnchorLink href={`/releases/${r.releaseSlug}`} inherit>
                          {r.force}
                        </AnchorLink>
                      </TableTh>
                      <TableTd>{r.region ?? '—'}</TableTd>
                      {columns.slice(2).map((c) => {
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
          )}
        </section>

        {rows.length > 0 && (
          <section aria-labelledby="chart-heading">
            <Title order={2} size="h4" id="chart-heading" mb="xs">
              Chart
            </Title>
            <FiguresChart data={chartData} series={chartSeries} label={`Bar chart of the figures in the table, for ${rows.length} forces.`} />
          </section>
        )}
      </Stack>
    </Container>
  );
}
