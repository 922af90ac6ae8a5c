/** Page links (plain <a>, so they work without JavaScript). */
import { Group } from '@mantine/core';
import { ButtonLink } from './link-components';

function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1]! > 1) out.push('gap');
    out.push(p);
  });
  return out;
}

export function PaginationLinks({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Result pages">
      <Group gap={6} component="ul" className="plain-list" wrap="wrap">
        {page > 1 && (
          <li>
            <ButtonLink href={hrefFor(page - 1)} rel="prev" variant="default" size="compact-md">
              Previous
            </ButtonLink>
          </li>
        )}
        {pageWindow(page, pages).map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              <ButtonLink
                href={hrefFor(p)}
                variant={p === page ? 'filled' : 'default'}
                size="compact-md"
                aria-current={p === page ? 'page' : undefined}
                aria-label={`Page ${p}`}
              >
                {p}
              </ButtonLink>
            </li>
          ),
        )}
        {page < pages && (
          <li>
            <ButtonLink href={hrefFor(page + 1)} rel="next" variant="default" size="compact-md">
              Next
            </ButtonLink>
          </li>
        )}
      </Group>
    </nav>
  );
}
