import { Container, Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from './_components/link-components';

export const metadata = { title: 'Not found' };

export default function NotFound() {
  return (
    <Container size="md" component="main" id="main" className="site-main">
      <Stack gap="sm">
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text>There is no finding, release or page at this address. It may have been mistyped, or the index may have been rebuilt.</Text>
        <Text>
          <AnchorLink href="/">
            Search the findings
          </AnchorLink>{' '}
          or{' '}
          <AnchorLink href="/releases">
            browse the releases
          </AnchorLink>
          .
        </Text>
      </Stack>
    </Container>
  );
}
