/** The "Cite" panel of a finding page: the citation string and BibTeX / RIS downloads. */
import { Anchor, Group, Paper, Text, Title } from '@mantine/core';

export function CitePanel({ id, citation }: { id: string; citation: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="cite-heading" className="cite-panel" data-testid="cite-panel">
      <Title order={2} size="h4" id="cite-heading" mb="xs">
        Cite
      </Title>
      <Text size="sm" data-testid="citation" style={{ overflowWrap: 'anywhere' }}>
        {citation}
      </Text>
      <Group gap="md" mt="xs" className="cite-downloads">
        <Anchor href={`/findings/${id}/cite.bib`} download={`${id}.bib`} size="sm" data-testid="cite-bib">
          Download BibTeX (.bib)
        </Anchor>
        <Anchor href={`/findings/${id}/cite.ris`} download={`${id}.ris`} size="sm" data-testid="cite-ris">
          Download RIS (.ris)
        </Anchor>
      </Group>
    </Paper>
  );
}
