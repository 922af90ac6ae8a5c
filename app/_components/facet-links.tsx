/** Facet values as toggle links (badges), one row per facet: the filters of /figures and /releases. Works without JavaScript. */
import { Group, Stack, Text } from '@mantine/core';
import { BadgeLink } from './link-components';

export interface FacetLinkGroup {
  name: string;
  title: string;
  /** `count` is shown when given (releases per value on /releases). */
  options: { value: string; label: string; count?: number; selected: boolean; href: string }[];
}

export function FacetLinks({ groups, label }: { groups: FacetLinkGroup[]; label: string }) {
  return (
    <nav aria-label={label}>
      <Stack gap={6}>
        {groups
          .filter((g) => g.options.length > 0)
          .map((g) => (
            <Group key={g.name} gap={6} wrap="wrap" data-facet={g.name}>
              <Text size="sm" fw={700} span>
                {g.title}:
              </Text>
              {g.options.map((o) => (
                <BadgeLink
                  key={o.value}
                  href={o.href}
                  variant={o.selected ? 'filled' : 'default'}
                  tt="none"
                  size="lg"
                  style={{ cursor: 'pointer' }}
                  aria-current={o.selected ? 'true' : undefined}
                  data-value={o.value}
                >
                  {o.label}
                  {o.count !== undefined && (
                    <>
                      {' '}
                      <Text span size="xs" c={o.selected ? undefined : 'dimmed'}>
                        {o.count}
                      </Text>
                    </>
                  )}
                </BadgeLink>
              ))}
            </Group>
          ))}
      </Stack>
    </nav>
  );
}
