/** All releases: force, region, finding count, figures. */
import { Container, Table, TableScrollContainer, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { getEngine } from '@/lib/engine/get-engine';
import { FIGURE_KEYS } from '@/lib/schema';
import { plainTextOf } from '../_components/highlighted-text';
import { FIGURE_SHORT_LABELS, FIGURE_LABELS } from '../_components/labels';
import { AnchorLink } from '../_components/link-components';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Releases',
  description: 'Every HMIC “Revisiting police relationships” press release in the index, with its findings and figures.',
};

export default function ReleasesPage() {
  const releases = getEngine().listReleases();
  return (
    <Container size="xl" component="main" id="main" className="site-main">
      <Title order={1} size="h2" mb="xs">
        Releases
      </Title>
      <Text mb="md">
        {releases.length} press releases. Figures are as stated in each release; select a value to open the finding it comes from.
      </Text>
      <TableScrollContainer minWidth={860}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="releases-table">
          <TableThead>
            <TableTr>
              <TableTh scope="col">Force</TableTh>
              <TableTh scope="col">Region</TableTh>
              <TableTh scope="col">Year</TableTh>
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
            {releases.map((r) => (
              <TableTr key={r.slug}>
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
                <TableTd>{r.region ?? '—'}</TableTd>
                <TableTd>{r.year ?? '—'}</TableTd>
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
    </Container>
  );
}
