/**
 * Compare forces: forces as columns, topics as rows, each cell the force's findings on that topic
 * for the query (highlighted, linked) and the topic's figures from its releases. The params of `/`
 * (the URL is the state; `force=` picks the columns, else the forces with the most hits); works
 * without JavaScript; on small screens one force at a time (`show=`, tabs of links).
 */
import { Alert, Button, Container, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { compareGrid, type CompareCell, type CompareGrid } from '@/lib/engine/compare';
import { getEngine } from '@/lib/engine/get-engine';
import { MAX_QUERY_LENGTH, toQueryString, type SearchParams } from '@/lib/query/params';
import { compareHref, compareToggleHref, parseCompareQuery } from '../_components/compare-data';
import { HighlightedText } from '../_components/highlighted-text';
import { FIGURE_LABELS } from '../_components/labels';
import { AnchorLink, BadgeLink, ButtonLink } from '../_components/link-components';
import { hiddenFields, searchHref } from '../_components/search-url';
import classes from './compare.module.css';
import { InvalidParamsPage } from '../_components/invalid-params-page';

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = 'force-dynamic';

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const q = (await searchParams).q;
  return { title: typeof q === 'string' && q ? `Compare forces: “${q.slice(0, 80)}”` : 'Compare forces' };
}

export default async function ComparePage({ searchParams }: PageProps) {
  const query = parseCompareQuery(await searchParams);
  if (!query.ok) return <InvalidParamsPage title="Compare forces" issues={query.issues} resetHref="/compare" resetLabel="Start again" />;
  const { params } = query;
  const grid = compareGrid(getEngine(), params);
  const forces = grid.columns.map((c) => c.force);
  const shown = query.show && forces.includes(query.show) ? query.show : (forces[0] ?? null);
  return (
    <Container size="xl" component="main" id="main" className="site-main">
      <Stack gap="md">
        <div>
          <Title order={1} size="h2" mb="xs">
            Compare forces
          </Title>
          <Text>
            {params.q ? (
              <>
                What each force’s releases say on each topic about “<strong>{params.q}</strong>”
              </>
            ) : (
              'What each force’s releases say on each topic'
            )}
            {grid.defaulted && forces.length > 0 ? ` — the ${forces.length === 1 ? 'force' : `${forces.length} forces`} with the most findings` : ''}.{' '}
            <AnchorLink href={searchHref(params)} data-testid="back-to-search">
              Back to the search
            </AnchorLink>
          </Text>
        </div>
        <form action="/compare" method="get" role="search" aria-label="Compare forces for a query">
          {hiddenFields(params, ['q']).map(([name, value], i) => (
            <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
          ))}
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput name="q" type="search" label="Query" defaultValue={params.q} maxLength={MAX_QUERY_LENGTH} autoComplete="off" spellCheck={false} style={{ flex: 1, minWidth: 0 }} />
            <Button type="submit">Compare</Button>
          </Group>
        </form>
        <ForcePicker grid={grid} params={params} />
        {grid.dropped.length > 0 && (
          <Alert color="yellow" title={`At most ${grid.columns.length} forces side by side`}>
            Not shown: {grid.dropped.join(', ')}.
          </Alert>
        )}
        {forces.length === 0 ? (
          <Text data-testid="compare-empty">
            No finding matches{params.q ? ` “${params.q}”` : ''} with these filters.{' '}
            <AnchorLink href={searchHref(params)}>Open the search</AnchorLink> for suggestions, or see the <AnchorLink href="/coverage">coverage</AnchorLink> of the
            index.
          </Text>
        ) : (
          <>
            <nav aria-label="Force shown" className={classes.tabs}>
              <Group component="ul" className="plain-list" gap={6} wrap="wrap">
                {forces.map((force) => (
                  <li key={force}>
                    <ButtonLink
                      href={compareHref(params, {}, force)}
                      size="compact-sm"
                      variant={force === shown ? 'filled' : 'default'}
                      aria-current={force === shown ? 'true' : undefined}
                    >
                      {force}
                    </ButtonLink>
                  </li>
                ))}
              </Group>
            </nav>
            <Grid grid={grid} shown={shown} />
          </>
        )}
      </Stack>
    </Container>
  );
}

function ForcePicker({ grid, params }: { grid: CompareGrid; params: SearchParams }) {
  const columns = grid.columns.map((c) => c.force);
  const more = grid.options.filter((o) => !o.selected);
  return (
    <section aria-labelledby="picker-heading" className={classes.picker}>
      <Title order={2} size="h5" id="picker-heading" mb={4}>
        Forces
      </Title>
      <Group component="ul" className="plain-list" gap={6} wrap="wrap" aria-label="Forces compared" data-testid="forces-compared">
        {columns.map((force) => (
          <li key={force}>
            <BadgeLink href={compareToggleHref(params, columns, force)} variant="light" tt="none" size="lg" radius="sm" rightSection={<span aria-hidden="true">×</span>} aria-label={`Remove ${force}`}>
              {force}
            </BadgeLink>
          </li>
        ))}
      </Group>
      {more.length > 0 && (
        <details className={classes.more}>
          <summary>Add a force ({more.length} more with findings)</summary>
          <Group component="ul" className="plain-list" gap={6} wrap="wrap" aria-label="Add a force" mt={4}>
            {more.map((o) => (
              <li key={o.force}>
                <AnchorLink href={compareToggleHref(params, columns, o.force)} size="sm">
                  {o.force} ({o.count})
                </AnchorLink>
              </li>
            ))}
          </Group>
        </details>
      )}
    </section>
  );
}

function Grid({ grid, shown }: { grid: CompareGrid; shown: string | null }) {
  const hide = (force: string) => (force === shown ? undefined : classes.other);
  return (
    <div className={classes.scroll}>
      <table className={classes.grid} data-testid="compare-grid">
        <caption className={classes.caption}>Findings by topic (rows) and force (columns)</caption>
        <thead>
          <tr>
            <th scope="col" className={classes.topicHead}>
              Topic
            </th>
            {grid.columns.map((c) => (
              <th key={c.force} scope="col" className={hide(c.force)} data-force={c.force}>
                {c.force}
                <Text span size="xs" c="dimmed" fw={400} display="block">
                  {c.total} {c.total === 1 ? 'finding' : 'findings'}
                </Text>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.topic ?? 'none'}>
              <th scope="row" className={classes.topic}>
                {row.label}
              </th>
              {row.cells.map((cell) => (
                <td key={cell.force} className={hide(cell.force)} data-force={cell.force} data-topic={row.topic ?? ''}>
                  <span className={classes.cellForce} aria-hidden="true">
                    {cell.force}
                  </span>
                  <Cell cell={cell} topic={row.topic} params={grid.params} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ cell, topic, params }: { cell: CompareCell; topic: string | null; params: SearchParams }) {
  if (cell.count === 0) return <Text size="sm" c="dimmed">—</Text>;
  // Years only when the cell mixes releases (two inspections of one force).
  const several = new Set([...cell.figures.map((f) => f.releaseSlug), ...cell.hits.map((h) => h.releaseSlug)]).size > 1;
  const searchAll = `/${toQueryString({ ...params, force: [cell.force], topic: topic ? [topic] : params.topic, page: 1 })}`;
  return (
    <Stack gap={6}>
      {cell.figures.length > 0 && (
        <Group component="ul" className="plain-list" gap={4} aria-label="Figures">
          {cell.figures.map((f) => (
            <li key={`${f.releaseSlug}-${f.key}`}>
              <AnchorLink href={`/findings/${f.findingId}`} className={classes.figure} underline="hover">
                {FIGURE_LABELS[f.key]}: {f.value}
                {several && f.year ? ` (${f.year})` : ''}
              </AnchorLink>
            </li>
          ))}
        </Group>
      )}
      <ul className={classes.hits}>
        {cell.hits.map((hit) => (
          <li key={hit.id}>
            <AnchorLink href={`/findings/${hit.id}`} fw={600} size="sm">
              {hit.kind === 'finding' && hit.ordinal !== null ? `Finding ${hit.ordinal}` : hit.title}
              {several && hit.year ? ` (${hit.year})` : ''}
            </AnchorLink>
            <Text size="sm" className={classes.text}>
              <HighlightedText segments={hit.snippet} />
            </Text>
          </li>
        ))}
      </ul>
      {cell.count > cell.hits.length && (
        <AnchorLink href={searchAll} size="sm">
          All {cell.count} in the search
        </AnchorLink>
      )}
    </Stack>
  );
}
