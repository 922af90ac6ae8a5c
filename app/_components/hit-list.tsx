/** One page of search hits (server component). */
import { Badge, Group, Text } from '@mantine/core';
import { topicLabel } from '@/lib/ingest/assign-topics';
import { NEAR_MISS_DIVIDER, type Hit } from '@/lib/query/types';
import { FigureBadges } from './figure-badges';
import { HighlightedText } from './highlighted-text';
import { SECTION_LABELS } from './labels';
import classes from './hits.module.css';
import { AnchorLink } from './link-components';

export function hitHeading(hit: Pick<Hit, 'force' | 'title' | 'kind' | 'ordinal' | 'section'>): string {
  const who = hit.force ?? hit.title;
  if (hit.kind === 'finding' && hit.ordinal !== null) return `${who} — finding ${hit.ordinal}`;
  return `${who} — ${SECTION_LABELS[hit.section].toLowerCase()}`;
}

export function HitList({ hits, start, moreHref }: { hits: Hit[]; start: number; moreHref?: (hit: Hit) => string }) {
  return (
    <ol className={classes.list} start={start} aria-label="Search results">
      {hits.map((hit, i) => (
        <li key={hit.id} className={classes.item}>
          {/* Near misses follow every full match, below one divider. */}
          {hit.matchedAll === false && hits[i - 1]?.matchedAll !== false && (
            <h3 className={classes.nearMissDivider} data-testid="near-miss-divider">
              {NEAR_MISS_DIVIDER}
            </h3>
          )}
          <HitCard hit={hit} />
          {moreHref && hit.groupCount !== undefined && hit.groupCount > 1 && (
            <AnchorLink href={moreHref(hit)} size="sm" data-testid="group-more" data-force={hit.force ?? ''}>
              +{hit.groupCount - 1} more from {hit.force ?? 'releases without a force'}
            </AnchorLink>
          )}
        </li>
      ))}
    </ol>
  );
}

export function HitCard({ hit, headingLevel = 3 }: { hit: Hit; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  // Findings are shown whole (the search page asks for `segments`); paragraphs as their snippet.
  const segments = hit.kind === 'finding' ? (hit.segments ?? hit.snippet) : hit.snippet;
  return (
    <article className={classes.hit} aria-labelledby={`hit-${hit.id}`} data-hit-id={hit.id}>
      <Group gap={8} wrap="wrap" align="center" className={classes.titleLine}>
        <H className={classes.heading} id={`hit-${hit.id}`}>
          <AnchorLink href={`/findings/${hit.id}`} inherit underline="hover">
            {hitHeading(hit)}
          </AnchorLink>
        </H>
        <Badge variant="light" size="sm" radius="sm">
          {SECTION_LABELS[hit.section]}
        </Badge>
        {hit.region && (
          <Text span size="sm" c="dimmed">
            {hit.region}
          </Text>
        )}
      </Group>
      {hit.topics.length > 0 && (
        <Group gap={4} component="ul" aria-label="Topics" className={`plain-list ${classes.topics}`}>
          {hit.topics.map((t) => (
            <li key={t}>
              <Badge variant="dot" color="gray" size="sm" tt="none">
                {topicLabel(t)}
              </Badge>
            </li>
          ))}
        </Group>
      )}
      <p className={classes.text}>
        <HighlightedText segments={segments} />
      </p>
      <FigureBadges figures={hit.figures} />
    </article>
  );
}
