/** Facet values as toggle links (badges), one row per facet: the filters of /figures and /releases. Works without JavaScript. */
import { Group, Stack, Text } from '@mantine/core';
import { BadgeLink } from './link-components';
import classes from './facets.module.css';

export interface FacetLinkGroup {
  name: string;
  title: string;
  /** `count` is shown when given (releases per value on /releases). */
  options: { value: string; label: string; count?: number; selected: boolean; href: string }[];
}

/** Values shown at once; more fold under "Show more" (a generated corpus has 261 years). */
const VISIBLE = 12;
/** Most values listed under "Show more": past that the page would grow with the corpus. */
const MAX_FOLDED = 60;

type Option = FacetLinkGroup['options'][number];

function OptionLink({ o }: { o: Option }) {
  return (
    <BadgeLink
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
  );
}

export function FacetLinks({ groups, label }: { groups: FacetLinkGroup[]; label: string }) {
  return (
    <nav aria-label={label}>
      <Stack gap={6}>
        {groups
          .filter((g) => g.options.length > 0)
          .map((g) => {
            // Selected values always stay in view.
            const head = g.options.filter((o, i) => i < VISIBLE || o.selected);
            const rest = g.options.filter((o, i) => i >= VISIBLE && !o.selected);
            const listed = rest.slice(0, MAX_FOLDED);
            return (
              <Group key={g.name} gap={6} wrap="wrap" data-facet={g.name}>
                <Text size="sm" fw={700} span>
                  {g.title}:
                </Text>
                {head.map((o) => (
                  <OptionLink key={o.value} o={o} />
                ))}
                {rest.length > 0 && (
                  <details className={classes.more}>
                    <summary>Show {listed.length} more</summary>
                    <Group gap={6} wrap="wrap" mt={6}>
                      {listed.map((o) => (
                        <OptionLink key={o.value} o={o} />
                      ))}
                      {listed.length < rest.length && (
                        <Text size="sm" c="dimmed" span>
                          and {rest.length - listed.length} more: narrow the list with another filter.
                        </Text>
                      )}
                    </Group>
                  </details>
                )}
              </Group>
            );
          })}
      </Stack>
    </nav>
  );
}
