/** One release, section by section; every finding has an anchor; ?q= highlights the query on the page. */
import { Anchor, Button, Container, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Metadata } from 'next';
import Form from 'next/form';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import type { Engine } from '@/lib/engine/engine';
import { getEngine } from '@/lib/engine/get-engine';
import { MAX_QUERY_LENGTH, toQueryString } from '@/lib/query/params';
import type { Segment } from '@/lib/query/types';
import { isSlugShaped, type Release, type Section } from '@/lib/schema';
import { CopyLinkButton } from '../../_components/copy-link-button';
import { FigureBadges } from '../../_components/figure-badges';
import { countMatches, HighlightedText, plainTextOf } from '../../_components/highlighted-text';
import { AnchorLink } from '../../_components/link-components';

type PageProps = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = 'force-dynamic';

function load(slug: string): Release | null {
  if (!isSlugShaped(slug)) return null;
  return getEngine().getRelease(slug);
}

function queryOf(raw: Record<string, string | string[] | undefined>): string {
  const q = Array.isArray(raw.q) ? raw.q[0] : raw.q;
  return (q ?? '').slice(0, MAX_QUERY_LENGTH);
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { slug } = await params;
  const release = load(slug);
  if (!release) return { title: 'Release not found' };
  const title = plainTextOf([{ text: release.title, match: false }]);
  return {
    title: release.force ? `${release.force} — release` : title,
    description: `${title}. ${release.findings.length} findings${release.region ? `, ${release.region}` : ''}${release.year ? `, ${release.year}` : ''}.`,
  };
}

const SECTION_HEADINGS: Partial<Record<Section['kind'], string>> = {
  background: 'Background',
  findings: 'Findings',
  quote: 'What the inspector said',
  'report-link': 'Full report',
};

export default async function ReleasePage({ params, searchParams }: PageProps) {
  const { slug } = await params;
  const release = load(slug);
  if (!release) notFound();
  const q = queryOf(await searchParams);
  const engine: Engine = getEngine();
  let matches = 0;
  const hl = (text: string): Segment[] => {
    const segments = q ? engine.highlightText(text, q) : [{ text, match: false }];
    matches += countMatches(segments);
    return segments;
  };
  const mark = (text: string) => <HighlightedText segments={hl(text)} />;

  const titleNode = mark(release.title);
  const blocks: ReactNode[] = [];
  let notesOpen = false;
  for (const section of release.sections) {
    if (section.kind === 'headline') continue; // it is the page title
    if (section.kind === 'notes') {
      const before = matches;
      const items = section.paragraphs.map((p) => (
        <li key={p.id} id={p.id}>
          {mark(p.text)}
        </li>
      ));
      notesOpen = matches > before;
      blocks.push(
        <section key="notes" aria-label="Notes to editors" className="release-section">
          <details open={notesOpen || undefined} data-testid="notes">
            <summary>
              <Text span fw={700}>
                Notes to editors
              </Text>
            </summary>
            <ol>{items}</ol>
          </details>
        </section>,
      );
      continue;
    }
    const heading = SECTION_HEADINGS[section.kind] ?? section.kind;
    const headingId = `section-${section.kind}`;
    const paragraphs = section.paragraphs.map((p) => (
      <Text key={p.id} id={p.id} component="p" className="release-finding">
        {mark(p.text)}
      </Text>
    ));
    blocks.push(
      <section key={section.kind} aria-labelledby={headingId} className="release-section">
        <Title order={2} size="h3" id={headingId} mb="xs">
          {heading}
        </Title>
        {section.kind === 'quote' ? (
          <>
            {paragraphs.slice(0, 1)}
            <blockquote className="release-quote">{paragraphs.slice(1)}</blockquote>
          </>
        ) : (
          paragraphs
        )}
        {section.kind === 'findings' && (
          <ol className="release-findings" data-testid="release-findings">
            {release.findings.map((f) => (
              <li key={f.id} id={f.id} className="release-finding">
                <div>{mark(f.text)}</div>
                <Group gap="xs" mt={4} wrap="wrap">
                  <FigureBadges figures={f.figures} />
                  <AnchorLink href={`/findings/${f.id}`} size="sm">
                    Open finding {f.ordinal}
                  </AnchorLink>
                </Group>
              </li>
            ))}
          </ol>
        )}
      </section>,
    );
  }

  return (
    <Container size="md" component="main" id="main" className="site-main">
      <Stack gap="lg">
        <div>
          <Text size="sm" c="dimmed" mb={4}>
            <AnchorLink href="/releases" inherit>
              Releases
            </AnchorLink>{' '}
            › {release.force ?? 'Release'}
          </Text>
          <Title order={1} size="h2">
            {titleNode}
          </Title>
          <Text size="sm" c="dimmed" mt={6}>
            {[release.force, release.region, release.date ?? release.year, release.inspector ? `Inspector: ${release.inspector}` : null].filter(Boolean).join(' · ')}
          </Text>
          <Group gap="sm" mt="sm">
            {release.force && (
              <AnchorLink href={`/${toQueryString({ force: [release.force] })}`} size="sm">
                Search this force’s findings
              </AnchorLink>
            )}
            {release.source.url && /^https?:\/\//i.test(release.source.url) && (
              <Anchor href={release.source.url} rel="noopener noreferrer external" size="sm">
                Original release
              </Anchor>
            )}
            <CopyLinkButton path={`/releases/${release.slug}`} />
          </Group>
        </div>

        <Form action={`/releases/${release.slug}`} role="search" aria-label="Highlight words in this release">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput name="q" type="search" label="Highlight words on this page" defaultValue={q} maxLength={MAX_QUERY_LENGTH} style={{ flex: 1, minWidth: 0 }} />
            <Button type="submit" variant="default">
              Highlight
            </Button>
          </Group>
          {q && (
            <Text size="sm" mt={6} role="status" data-testid="match-count">
              {matches} highlighted {matches === 1 ? 'word' : 'words'} for “{q}”.{' '}
              <AnchorLink href={`/releases/${release.slug}`} inherit>
                Clear highlights
              </AnchorLink>
            </Text>
          )}
        </Form>

        {blocks}
      </Stack>
    </Container>
  );
}
