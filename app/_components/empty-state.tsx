/** Shown when a search has no full match (above the near misses, if any): suggestion, filter hint, example queries. */
import { Group, Stack, Text, Title } from '@mantine/core';
import { EXAMPLE_QUERIES } from './labels';
import { AnchorLink } from './link-components';

export function EmptyState({
  q,
  someWords = false,
  suggestionHref,
  suggestion,
  clearFiltersHref,
  boilerplate,
  exampleHref,
}: {
  q: string;
  /** True when near misses follow: some documents have some of the words. */
  someWords?: boolean;
  suggestion?: string;
  suggestionHref?: string;
  clearFiltersHref?: string;
  /** Matches among the notes to editors (hidden by default) and the link that includes them. */
  boilerplate?: { count: number; href: string };
  exampleHref: (q: string) => string;
}) {
  return (
    <Stack gap="sm" className="empty-state" data-testid="empty-state">
      <Title order={3} size="h4">
        {q ? someWords ? <>Nothing matches all of “{q}”</> : <>Nothing matches “{q}”</> : 'Nothing matches these filters'}
      </Title>
      {suggestion && suggestionHref && (
        <Text>
          Did you mean{' '}
          <AnchorLink href={suggestionHref} fw={700}>
            {suggestion}
          </AnchorLink>
          ?
        </Text>
      )}
      {clearFiltersHref && (
        <Text>
          Filters are narrowing the search —{' '}
          <AnchorLink href={clearFiltersHref}>
            remove all filters
          </AnchorLink>{' '}
          or untick some of them.
        </Text>
      )}
      {boilerplate && boilerplate.count > 0 && (
        <Text>
          {boilerplate.count} {boilerplate.count === 1 ? 'paragraph' : 'paragraphs'} of the notes to editors match —{' '}
          <AnchorLink href={boilerplate.href}>include notes to editors</AnchorLink>.
        </Text>
      )}
      <Text>
        Looking for a force or an inspection? Check the{' '}
        <AnchorLink href="/coverage" data-testid="coverage-link">
          coverage of the index
        </AnchorLink>{' '}
        — a force with no release indexed cannot be found.
      </Text>
      <div>
        <Text>Try one of these:</Text>
        <Group gap="md" component="ul" className="plain-list" mt={4}>
          {EXAMPLE_QUERIES.map((example) => (
            <li key={example}>
              <AnchorLink href={exampleHref(example)}>
                {example}
              </AnchorLink>
            </li>
          ))}
        </Group>
      </div>
    </Stack>
  );
}
