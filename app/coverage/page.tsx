/**
 * Coverage: which inspections, forces and years the index holds, and for each inspection which of
 * the 43 territorial forces of England and Wales plus British Transport Police have no release — so
 * an empty search reads as "not indexed" rather than "not found".
 */
import { Container, Group, List, ListItem, Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { getEngine } from '@/lib/engine/get-engine';
import { coverageTable, type InspectionCoverage } from '@/lib/engine/coverage';
import { ENGLAND_AND_WALES_FORCES } from '@/lib/ingest/resolve-force';
import { INSPECTIONS } from '@/lib/ingest/resolve-inspection';
import { toQueryString } from '@/lib/query/params';
import { AnchorLink } from '../_components/link-components';
import classes from './coverage.module.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Coverage',
  description: 'Which HMIC inspections, police forces and years are indexed, and which forces have no release for each inspection.',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const yearsText = (years: number[]) => (years.length === 0 ? '—' : years.length > 2 ? `${years[0]}–${years.at(-1)}` : years.join(', '));
const releasesHref = (filters: { force?: string; inspection?: string }) =>
  `/releases${toQueryString({ force: filters.force ? [filters.force] : [], inspection: filters.inspection ? [filters.inspection] : [] })}`;

export default function CoveragePage() {
  const coverage = coverageTable(getEngine().listReleases(), ENGLAND_AND_WALES_FORCES, INSPECTIONS);
  const indexedForces = coverage.forces.filter((f) => f.releaseCount > 0);
  const indexedInspections = coverage.inspections.filter((i) => i.releaseCount > 0);
  const years = coverage.years.map((y) => y.year).sort((a, b) => a - b);

  return (
    <Container size="xl" component="main" id="main" className="site-main">
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2" mb="xs">
            Coverage
          </Title>
          <Text data-testid="coverage-summary">
            The index holds {plural(coverage.releaseCount, 'release')} from {plural(indexedInspections.length, 'inspection')}, covering{' '}
            {plural(indexedForces.length, 'force')} of the {ENGLAND_AND_WALES_FORCES.length} (the 43 territorial forces of England and Wales and British
            Transport Police){years.length ? `, published ${yearsText(years)}` : ''}.
          </Text>
          <Text mt="xs">
            A search that finds nothing for a force listed below as <strong>not indexed</strong> says nothing about that force: its release is simply not
            in the index.
          </Text>
        </div>

        <section aria-labelledby="inspections-heading">
          <Title order={2} size="h3" id="inspections-heading" mb="sm">
            Inspections
          </Title>
          <Stack gap="md">
            {coverage.inspections.map((inspection) => (
              <InspectionSection key={inspection.name ?? '(none)'} inspection={inspection} />
            ))}
          </Stack>
        </section>

        <section aria-labelledby="forces-heading">
          <Title order={2} size="h3" id="forces-heading" mb="sm">
            Forces
          </Title>
          <Table className={classes.table} verticalSpacing={4} data-testid="coverage-forces">
            <TableThead>
              <TableTr>
                <TableTh scope="col">Force</TableTh>
                <TableTh scope="col">Releases</TableTh>
                <TableTh scope="col">Inspections (years)</TableTh>
              </TableTr>
            </TableThead>
            <TableTbody>
              {coverage.forces.map((f) => (
                <TableTr key={f.force}>
                  <TableTh scope="row" fw={500}>
                    {f.releaseCount > 0 ? <AnchorLink href={releasesHref({ force: f.force })}>{f.force}</AnchorLink> : f.force}
                  </TableTh>
                  <TableTd>{f.releaseCount}</TableTd>
                  <TableTd>{f.releaseCount > 0 ? `${f.inspections.join(', ') || 'no inspection named'} (${yearsText(f.years)})` : 'not indexed'}</TableTd>
                </TableTr>
              ))}
            </TableTbody>
          </Table>
        </section>

        <section aria-labelledby="years-heading">
          <Title order={2} size="h3" id="years-heading" mb="sm">
            Years
          </Title>
          {coverage.years.length ? (
            <Group component="ul" className="plain-list" gap="md">
              {coverage.years.map((y) => (
                <li key={y.year}>
                  <AnchorLink href={`/releases${toQueryString({ year: [String(y.year)] })}`}>{y.year}</AnchorLink>: {plural(y.releaseCount, 'release')}
                </li>
              ))}
            </Group>
          ) : (
            <Text>No release states its year.</Text>
          )}
          {(coverage.withoutForce > 0 || coverage.withoutYear > 0) && (
            <Text size="sm" c="dimmed" mt="xs">
              {coverage.withoutForce > 0 && `${plural(coverage.withoutForce, 'release')} name no force. `}
              {coverage.withoutYear > 0 && `${plural(coverage.withoutYear, 'release')} state no year.`}
            </Text>
          )}
        </section>
      </Stack>
    </Container>
  );
}

function InspectionSection({ inspection }: { inspection: InspectionCoverage }) {
  const name = inspection.name ?? 'Releases naming no inspection';
  const id = `inspection-${(inspection.name ?? 'none').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const year = inspection.years.length ? yearsText(inspection.years) : inspection.knownYear;
  return (
    <article aria-labelledby={id} className={classes.inspection} data-testid="coverage-inspection">
      <Title order={3} size="h4" id={id}>
        {name}
        {year ? ` (${year})` : ''}
      </Title>
      {inspection.releaseCount === 0 ? (
        <Text size="sm">Not indexed: no release of this inspection is in the index.</Text>
      ) : (
        <>
          <Text size="sm">
            <AnchorLink href={releasesHref({ inspection: inspection.name ?? undefined })}>{plural(inspection.releaseCount, 'release')}</AnchorLink> from{' '}
            {plural(inspection.present.length, 'force')}; {inspection.missing.length === 0 ? 'every force is indexed.' : `${plural(inspection.missing.length, 'force')} not indexed.`}
          </Text>
          <div className={classes.lists}>
            <div>
              <Title order={4} size="h6">
                Indexed
              </Title>
              <List size="sm" data-testid="forces-present">
                {inspection.present.map((f) => (
                  <ListItem key={f}>{f}</ListItem>
                ))}
              </List>
            </div>
            {inspection.missing.length > 0 && (
              <details className={classes.missing} open>
                <summary>
                  Not indexed ({inspection.missing.length})
                </summary>
                <List size="sm" data-testid="forces-missing">
                  {inspection.missing.map((f) => (
                    <ListItem key={f}>{f}</ListItem>
                  ))}
                </List>
              </details>
            )}
          </div>
        </>
      )}
    </article>
  );
}
