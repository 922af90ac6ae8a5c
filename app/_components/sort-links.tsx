/** Sort selector as links (works without JavaScript). */
import { Group, Text } from '@mantine/core';
import { ButtonLink } from './link-components';

export function SortLinks({ current, options }: { current: string; options: { value: string; label: string; href: string }[] }) {
  return (
    <nav aria-label="Sort results">
      <Group gap={6} align="center" wrap="nowrap">
        <Text span size="sm" id="sort-label">
          Sort by
        </Text>
        <Group gap={4} component="ul" className="plain-list" wrap="nowrap">
          {options.map((o) => (
            <li key={o.value}>
              <ButtonLink
                href={o.href}
                size="compact-sm"
                variant={o.value === current ? 'filled' : 'default'}
                aria-current={o.value === current ? 'true' : undefined}
              >
                {o.label}
              </ButtonLink>
            </li>
          ))}
        </Group>
      </Group>
    </nav>
  );
}
