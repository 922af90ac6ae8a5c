/** Selected filters as removable chips (links), plus "Clear all". */
import { Group } from '@mantine/core';
import { AnchorLink, BadgeLink } from './link-components';

export interface ChipData {
  facetTitle: string;
  label: string;
  removeHref: string;
}

export function FilterChips({ chips, clearHref }: { chips: ChipData[]; clearHref: string }) {
  if (chips.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap" align="center" aria-label="Selected filters" role="group">
      <Group gap={6} component="ul" className="plain-list" wrap="wrap">
        {chips.map((chip) => (
          <li key={`${chip.facetTitle}:${chip.label}`}>
            <BadgeLink
              href={chip.removeHref}
              variant="light"
              size="lg"
              radius="xl"
              tt="none"
              rightSection={<span aria-hidden="true">×</span>}
              aria-label={`Remove filter ${chip.facetTitle}: ${chip.label}`}
              data-chip=""
              style={{ cursor: 'pointer' }}
            >
              {chip.facetTitle}: {chip.label}
            </BadgeLink>
          </li>
        ))}
      </Group>
      <AnchorLink href={clearHref} size="sm">
        Clear all
      </AnchorLink>
    </Group>
  );
}
