import { Badge, Group } from '@mantine/core';
import { FIGURE_KEYS, type Figures } from '@/lib/schema';
import { FIGURE_LABELS } from './labels';
import { BadgeLink } from './link-components';

/** The figures a finding states, as small badges (each names the figure in full for screen readers). */
export function FigureBadges({ figures, link = false }: { figures: Figures; link?: boolean }) {
  const present = FIGURE_KEYS.filter((key) => figures[key] !== undefined);
  if (present.length === 0) return null;
  return (
    <Group gap={6} component="ul" aria-label="Figures" className="plain-list">
      {present.map((key) => {
        const figure = figures[key]!;
        const text = `${FIGURE_LABELS[key]}: ${figure.value}`;
        return (
          <li key={key}>
            {link ? (
              <BadgeLink href={`/findings/${figure.findingId}`} variant="default" tt="none" radius="sm" style={{ cursor: 'pointer' }}>
                {text}
              </BadgeLink>
            ) : (
              <Badge variant="default" tt="none" radius="sm">
                {text}
              </Badge>
            )}
          </li>
        );
      })}
    </Group>
  );
}
