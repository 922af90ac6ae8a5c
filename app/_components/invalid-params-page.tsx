/** The page a listing (/releases, /figures, /compare) shows when its URL's settings fail validation. */
import { Alert, Container, Text, Title } from '@mantine/core';
import { AnchorLink } from './link-components';

export function InvalidParamsPage({ title, issues, resetHref, resetLabel }: { title: string; issues: string[]; resetHref: string; resetLabel: string }) {
  return (
    <Container size="xl" component="main" id="main" className="site-main">
      <Title order={1} size="h2" mb="md">
        {title}
      </Title>
      <Alert color="orange" title="This link has settings we can’t use" role="alert" data-testid="invalid-params">
        <Text size="sm">{issues.slice(0, 5).join('; ')}</Text>
        <AnchorLink href={resetHref} size="sm">
          {resetLabel}
        </AnchorLink>
      </Alert>
    </Container>
  );
}
