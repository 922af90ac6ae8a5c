'use client';
/** Main navigation; marks the current section with aria-current. */
import { Anchor, Group } from '@mantine/core';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Search', match: (p: string) => p === '/' || p.startsWith('/findings') || p.startsWith('/compare') },
  { href: '/releases', label: 'Releases', match: (p: string) => p.startsWith('/releases') },
  { href: '/figures', label: 'Figures', match: (p: string) => p.startsWith('/figures') },
  { href: '/coverage', label: 'Coverage', match: (p: string) => p.startsWith('/coverage') },
];

export function NavLinks() {
  const pathname = usePathname() ?? '/';
  return (
    <nav aria-label="Main">
      <Group gap="md" style={{ rowGap: 4 }} component="ul" className="plain-list" wrap="wrap">
        {LINKS.map((link) => {
          const current = link.match(pathname);
          return (
            <li key={link.href}>
              <Anchor component={Link} href={link.href} fw={current ? 700 : 500} aria-current={current ? 'page' : undefined} underline={current ? 'always' : 'hover'}>
                {link.label}
              </Anchor>
            </li>
          );
        })}
      </Group>
    </nav>
  );
}
