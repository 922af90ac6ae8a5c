/** One finding (or paragraph): text, force, region, topics, figures, neighbours, similar findings. */
import { Anchor, Breadcrumbs, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getEngine } from '@/lib/engine/get-engine';
import { toQueryString } from '@/lib/query/params';
import { topicLabel } from '@/lib/ingest/assign-topics';
import type { HitWithSegments as Hit } from '@/lib/query/types';
import { FIGURE_KEYS, isSlugShaped } from '@/lib/schema';
import { citationText, highwireTags } from '@/lib/engine/citation';
import { findingUrl } from '@/lib/engine/cite-response';
import { CitePanel } from '../../_components/cite-panel';
import { CopyCitationButton } from '../../_components/copy-citation-button';
import { CopyLinkButton } from '../../_components/copy-link-button';
import { HighlightedText, plainTextOf } from '../../_components/highlighted-text';
import { hitHeading, HitCard } from '../../_components/hit-list';
import { FIGURE_LABELS, SECTION_LABELS } from '../../_components/labels';
import { AnchorLink, BadgeLink } from '../../_components/link-components';

type PageProps = { params: Promise<{ id: string }> };

export const dynamic = 'force-dynamic';

function load(id: string) {
  if (!isSlugShaped(id)) return null;
  return getEngine().getFinding(id);
}

/** "essex.pdf, page 2" (the file's name, and the page where a PDF states the finding). */
function sourceLabel(path: string, page: number | null): string {
  const name = path.split('/').pop() ?? path;
  return page ? `${name}, page ${page}` : name;
}

function plainText(hit: Hit): string {
  return plainTextOf(hit.segments);
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { id } = await params;
  const context = load(id);
  if (!context) return { title: 'Finding not found' };
  const text = plainText(context.finding).replace(/\s+/g, ' ').trim();
  const description = text.length > 160 ? `${text.slice(0, 157).replace(/\s+\S*$/, '')}…` : text;
  const url = findingUrl(context.finding.id);
  const title = hitHeading(context.finding);
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: { type: 'article', title, description, url, siteName: 'Police integrity findings', locale: 'en_GB' },
    // Highwire Press tags (Google Scholar, Zotero): citation_title, citation_author, …
    other: highwireTags(context, url),
  };
}

function Neighbour({ hit, label }: { hit: Hit | null; label: string }) {
  if (!hit) {
    return (
      <Paper withBorder p="sm" radius="md">
        <Text size="sm" c="dimmed">
          {label}: none — this is the {label === 'Previous' ? 'first' : 'last'} in its section.
        </Text>
      </Paper>
    );
  }
  const text = plainText(hit);
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm" fw={700} component="h3" mb={4}>
        {label}:{' '}
        <AnchorLink href={`/findings/${hit.id}`} rel={label === 'Previous' ? 'prev' : 'next'} inherit>
          {hitHeading(hit)}
        </AnchorLink>
      </Text>
      <Text size="sm">{text.length > 220 ? `${text.slice(0, 217).replace(/\s+\S*$/, '')}…` : text}</Text>
    </Paper>
  );
}

export default async function FindingPage({ params }: PageProps) {
  const { id } = await params;
  const context = load(id);
  if (!context) notFound();
  const { finding, release, previous, next } = context;
  const similar = getEngine().similar(id, 5);
  const figures = FIGURE_KEYS.filter((k) => finding.figures[k] !== undefined);
  const citation = citationText(context, findingUrl(finding.id), new Date());

  return (
    <Container size="md" component="main" id="main" className="site-main">
      <Stack gap="lg">
        <nav aria-label="Breadcrumb">
          <Breadcrumbs separator="›">
            <AnchorLink href="/" size="sm">
              Search
            </AnchorLink>
            <AnchorLink href={`/releases/${release.slug}`} size="sm">
              {release.force ?? release.title}
            </AnchorLink>
            <Text size="sm" aria-current="page">
              {finding.kind === 'finding' ? `Finding ${finding.ordinal}` : SECTION_LABELS[finding.section]}
            </Text>
          </Breadcrumbs>
        </nav>
        <div>
          <Title order={1} size="h2">
            {hitHeading(finding)}
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            From{' '}
            <AnchorLink href={`/releases/${release.slug}`} inherit>
              {release.title}
            </AnchorLink>
            {release.year ? ` (${release.year})` : ''}
          </Text>
        </div>

        <Paper withBorder p="lg" radius="md" component="figure" m={0}>
          <blockquote className="finding-text" style={{ margin: 0 }} data-testid="finding-text">
            <HighlightedText segments={finding.segments} />
          </blockquote>
        </Paper>

        <dl className="facts">
          <div>
            <dt>Force</dt>
            <dd>
              {release.force ? (
                <AnchorLink href={`/${toQueryString({ force: [release.force] })}`}>
                  {release.force}
                </AnchorLink>
              ) : (
                '—'
              )}
            </dd>
          </div>
          <div>
            <dt>Region</dt>
            <dd>
              {release.region ? (
                <AnchorLink href={`/${toQueryString({ region: [release.region] })}`}>
                  {release.region}
                </AnchorLink>
              ) : (
                '—'
              )}
            </dd>
          </div>
          {release.inspection && (
            <div>
              <dt>Inspection</dt>
              <dd>{release.inspection}</dd>
            </div>
          )}
          <div>
            <dt>Section</dt>
            <dd>{SECTION_LABELS[finding.section]}</dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd data-testid="finding-source">
              {/* The exact file indexed, served by the index; PDFs open at the finding's page. */}
              <Anchor href={`/sources/${release.slug}${finding.page ? `#page=${finding.page}` : ''}`} data-testid="source-link">
                {sourceLabel(release.source.path, finding.page)}
              </Anchor>
              {release.source.url && /^https?:\/\//i.test(release.source.url) && (
                <>
                  {' · '}
                  <Anchor href={release.source.url} rel="noopener noreferrer external">
                    as published
                  </Anchor>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Topics</dt>
            <dd>
              {finding.topics.length ? (
                <Group gap={4} component="ul" className="plain-list">
                  {finding.topics.map((t) => (
                    <li key={t}>
                      <BadgeLink href={`/${toQueryString({ topic: [t] })}`} variant="light" tt="none" style={{ cursor: 'pointer' }}>
                        {topicLabel(t)}
                      </BadgeLink>
                    </li>
                  ))}
                </Group>
              ) : (
                'None assigned'
              )}
            </dd>
          </div>
          {figures.map((key) => (
            <div key={key}>
              <dt>{FIGURE_LABELS[key]}</dt>
              <dd data-figure={key}>{finding.figures[key]!.value}</dd>
            </div>
          ))}
        </dl>

        <Group gap="sm">
          {/* A full page load, so the browser scrolls to the anchor and :target highlights it. */}
          <Anchor href={`/releases/${release.slug}#${finding.id}`} data-testid="release-anchor-link">
            See it in the full release
          </Anchor>
          <CopyLinkButton path={`/findings/${finding.id}`} />
          <CopyCitationButton citation={citation} />
        </Group>

        <CitePanel id={finding.id} citation={citation} />

        <section aria-labelledby="around-heading">
          <Title order={2} size="h4" id="around-heading" mb="sm">
            Before and after in the release
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Neighbour hit={previous} label="Previous" />
            <Neighbour hit={next} label="Next" />
          </SimpleGrid>
        </section>

        <section aria-labelledby="similar-heading">
          <Title order={2} size="h4" id="similar-heading" mb="sm">
            Similar findings in other forces
          </Title>
          {similar.length === 0 ? (
            <Text c="dimmed">No similar findings in other forces.</Text>
          ) : (
            <ol className="plain-list" style={{ display: 'flex', flexDirection: 'column', gap: 'var(--mantine-spacing-sm)' }} data-testid="similar">
              {similar.map((hit) => (
                <li key={hit.id}>
                  <HitCard hit={hit} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </Stack>
    </Container>
  );
}
