/** Releases: filterable by force, region, inspection and year (links, URL state), newest first or by force, 50 a page. */
import { Container, Group, Stack, Table, TableScrollContainer, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { getEngine } from '@/lib/engine/get-engine';
import { RELEASE_FACETS } from '@/lib/facets';
import { FIGURE_KEYS } from '@/lib/schema';
import { FacetLinks } from '../_components/facet-links';
import { FilterChips } from '../_components/filter-chips';
import { plainTextOf } from '../_components/highlighted-text';
import { FIGURE_SHORT_LABELS, FIGURE_LABELS } from '../_components/labels';
import { AnchorLink } from '../_components/link-components';
import { PaginationLinks } from '../_components/pagination-links';
import { parseReleasesQuery, releasesHref, releasesPage, releasesToggleHref } from '../_components/releases-data';
import { SortLinks } from '../_components/sort-links';
import { InvalidParamsPage } from '../_components/invalid-params-page';

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Releases',
  description: 'Every HMIC police integrity press release in the index, by force, inspection and year, with its findings and figures.',
};

export default async function ReleasesPage({ searchParams }: PageProps) {
  const parsed = parseReleasesQuery(await searchParams);
  if (!parsed.ok) return <InvalidParamsPage title="Releases" issues={parsed.issues} resetHref="/releases" resetLabel="Show all releases" />;
  const { query } = parsed;
  const list = releasesPage(getEngine(), query);
  const groups = RELEASE_FACETS.map((facet) => ({
    name: facet.name,
    title: facet.label,
    options: list.facets[facet.name].map((o) => ({ ...o, href: releasesToggleHref(query, facet.name, o.value) })),
  }));
  const chips = RELEASE_FACETS.flatMap((facet) => (query.filters[facet.name] ?? []).map((v) => ({ facetTitle: facet.label, label: v, removeHref: releasesToggleHref(query, facet.name, v) })));
  const clearHref = releasesHref(query, { filters: {} });
  const first = (list.page - 1) * query.size + 1;

  return (
    <Container size="xl" component="main" id="main" className="site-main">
      <Stack gap="md">
        <div>
          <Title order={1} size="h2" mb="xs">
            Releases
          </Title>
          <Text>Figures are as stated in each release; select a value to open the finding it comes from.</Text>
        </div>
        <FacetLinks groups={groups} label="Filter releases" />
        <FilterChips chips={chips} clearHref={clearHref} />
        <Group justify="space-between" align="center" gap="sm" wrap="wrap">
          <Text role="status" fw={600} data-testid="releases-total">
            {list.total} {list.total === 1 ? 'press release' : 'press releases'}
            {list.pages > 1 ? ` · ${first}–${first + list.rows.length - 1}` : ''}
          </Text>
          <SortLinks
            current={query.sort}
            options={[
              { value: 'date', label: 'Newest first', href: releasesHref(query, { sort: 'date' }) },
              { value: 'force', label: 'Force', href: releasesHref(query, { sort: 'force' }) },
            ]}
          />
        </Group>
        <TableScrollContainer minWidth={1000}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="releases-table">
            <TableThead>
              <TableTr>
                <TableTh scope="col">Force</TableTh>
                <TableTh scope="col">Inspection</TableTh>
                <TableTh scope="col">Year</TableTh>
                <TableTh scope="col">Region</TableTh>
                <TableTh scope="col" ta="right">
                  Findings
                </TableTh>
                {FIGURE_KEYS.map((key) => (
                  <TableTh key={key} scope="col" ta="right">
                    <abbr title={FIGURE_LABELS[key]} style={{ textDecoration: 'none' }}>
                      {FIGURE_SHORT_LABELS[key]}
                    </abbr>
                  </TableTh>
                ))}
              </TableTr>
            </TableThead>
            <TableTbody>
              {list.rows.map((r) => (
                <TableTr key={r.slug} data-release={r.slug}>
                  <TableTh scope="row" fw={400}>
                    <AnchorLink href={`/releases/${r.slug}`} fw={600}>
                      {r.force ?? plainTextOf([{ text: r.title, match: false }])}
                    </AnchorLink>
                    {r.force && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {plainTextOf([{ text: r.title, match: false }])}
                      </Text>
                    )}
                  </TableTh>
                  <TableTd>{r.inspection ?? '—'}</TableTd>
                  <TableTd>{r.year ?? '—'}</TableTd>
                  <TableTd>{r.region ?? '—'}</TableTd>
                  <TableTd ta="right">{r.findingCount}</TableTd>
                  {FIGURE_KEYS.map((key) => {
                    const figure = r.figures[key];
                    return (
                      <TableTd key={key} ta="right">
                        {figure ? (
                          <AnchorLink underline="hover" href={`/findings/${figure.findingId}`} aria-label={`${FIGURE_LABELS[key]}: ${figure.value} (open finding)`}>
                            {figure.value}
                          </AnchorLink>
                        ) : (
                          <span aria-label="not stated">—</span>
                        )}
                      </TableTd>
                    );
                  })}
                </TableTr>
              ))}
            </TableTbody>
          </Table>
        </TableScrollContainer>
        <PaginationLinks page={list.page} pages={list.pages} hrefFor={(page) => releasesHref(query, { page })} />
      </Stack>
    </Container>
  );
}
