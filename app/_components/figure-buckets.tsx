/**
 * Figure filters as bucket links (server component; works without JavaScript): per figure, the
 * stats' buckets over the matching releases. A bucket link puts `<figure>>=from <figure><to` into
 * `q` (replacing that figure's comparisons); the selected bucket links back to no range.
 */
import { Group, Stack, Text } from '@mantine/core';
import { COMPARABLE_FIGURES, type ComparableFigure } from '@/lib/query/parse-query';
import type { FigureStats } from '@/lib/query/figure-stats';
import { figureComparisons, isFigureRange, withFigureRange, withoutFigureComparisons } from '@/lib/query/figure-range';
import type { ChipData } from './filter-chips';
import { FIGURE_FILTER_LABELS } from './labels';
import { BadgeLink } from './link-components';

/** "30–39" (whole numbers), "50" (width 1), "90–92" (rates: from up to, not including, to). */
export function bucketLabel(key: ComparableFigure, from: number, to: number): string {
  if (key === 'approvalRate') return from >= 100 ? '100' : `${from}–${to}`;
  return to - from === 1 ? String(from) : `${from}–${to - 1}`;
}

const OP_LABELS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=', '!=': '≠' };

/** Chips for the figure comparisons in `q`: one per figure, removing all of its comparisons. */
export function figureChips(q: string, hrefFor: (q: string) => string): ChipData[] {
  return COMPARABLE_FIGURES.flatMap((key) => {
    const cs = figureComparisons(q, key);
    if (cs.length === 0) return [];
    return [{ facetTitle: FIGURE_FILTER_LABELS[key], label: cs.map((c) => `${OP_LABELS[c.op]} ${c.value}`).join(', '), removeHref: hrefFor(withoutFigureComparisons(q, key)) }];
  });
}

export function FigureBuckets({ stats, q, hrefFor, headingLevel = 3, title }: { stats: FigureStats; q: string; hrefFor: (q: string) => string; headingLevel?: 2 | 3; title?: string }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const shown = COMPARABLE_FIGURES.filter((key) => stats[key].count > 0);
  if (shown.length === 0) return null;
  return (
    <nav aria-label="Figure ranges" data-testid="figure-buckets" style={{ marginTop: 'var(--mantine-spacing-md)' }}>
      {title && (
        <Text fw={700} size="sm" mb={6}>
          {title}
        </Text>
      )}
      <Stack gap="sm">
        {shown.map((key) => {
          const stat = stats[key];
          return (
            <div key={key} data-figure={key}>
              <H style={{ fontSize: 'var(--mantine-font-size-sm)', margin: '0 0 4px' }}>
                {FIGURE_FILTER_LABELS[key]}{' '}
                <Text span size="xs" c="dimmed" fw={400}>
                  {stat.min === stat.max ? stat.min : `${stat.min}–${stat.max}`} · {stat.count} {stat.count === 1 ? 'release' : 'releases'}
                </Text>
              </H>
              <Group gap={4} component="ul" className="plain-list" wrap="wrap">
                {stat.buckets.map((b) => {
                  const selected = isFigureRange(q, key, b.from, b.to);
                  const label = bucketLabel(key, b.from, b.to);
                  return (
                    <li key={b.from}>
                      <BadgeLink
                        href={hrefFor(selected ? withoutFigureComparisons(q, key) : withFigureRange(q, key, b.from, b.to))}
                        variant={selected ? 'filled' : b.count === 0 ? 'outline' : 'default'}
                        color={selected ? undefined : b.count === 0 ? 'gray' : undefined}
                        tt="none"
                        size="md"
                        style={{ cursor: 'pointer' }}
                        aria-current={selected ? 'true' : undefined}
                        aria-label={`${FIGURE_FILTER_LABELS[key]} ${label}: ${b.count} ${b.count === 1 ? 'release' : 'releases'}`}
                        data-from={b.from}
                        data-to={b.to}
                      >
                        {label}{' '}
                        <Text span size="xs" c={selected ? undefined : 'dimmed'}>
                          {b.count}
                        </Text>
                      </BadgeLink>
                    </li>
                  );
                })}
              </Group>
            </div>
          );
        })}
      </Stack>
    </nav>
  );
}
