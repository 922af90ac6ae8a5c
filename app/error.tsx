'use client';
/** Shown when a page fails to render (for example, the search index is not available). */
import { Anchor, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { INDEX_UNAVAILABLE_DIGEST } from '@/lib/engine/unavailable-digest';


export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (error.digest === INDEX_UNAVAILABLE_DIGEST) {
    return (
      <Container size="md" component="main" id="main" className="site-main">
        <Stack gap="sm">
          <Title order={1} size="h2">
            The search index is not available yet
          </Title>
          <Text data-testid="index-unavailable">The server is still loading its search index (or has none to load). Try again in a moment.</Text>
          <Group>
            <Button onClick={reset}>Try again</Button>
          </Group>
        </Stack>
      </Container>
    );
  }
  return (
    <Container size="md" component="main" id="main" className="site-main">
      <Stack gap="sm">
        <Title order={1} size="h2">
          Something went wrong
        </Title>
        <Text>The search could not be run just now. The index may be rebuilding; try again in a moment.</Text>
        <Group>
          <Button onClick={reset}>Try again</Button>
          <Anchor href="/">Back to search</Anchor>
        </Group>
      </Stack>
    </Container>
  );
}
