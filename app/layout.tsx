import '@mantine/core/styles.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { CSSProperties, ReactNode } from 'react';
import { siteUrl } from '@/lib/engine/site-url';
import { ColorSchemeScript, Container, Group, MantineProvider, Text, mantineHtmlProps } from '@mantine/core';
import { ColorSchemeToggle } from './_components/color-scheme-toggle';
import { HydrationMarker } from './_components/hydration-marker';
import { NavLinks } from './_components/nav-links';
import { theme } from './_components/theme';
import { AnchorLink } from './_components/link-components';

export const metadata: Metadata = {
  title: { default: 'Police integrity findings — HMIC 2012', template: '%s · Police integrity findings' },
  description: 'Search the findings of HMIC’s 2012 “Revisiting police relationships” inspection, force by force.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/** The site's origin as a CSS string, printed before site-relative link URLs (see globals.css, @media print). */
function printOrigin(): string {
  return `"${siteUrl().replace(/[^\w:/.@%+~-]/g, '')}"`;
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The page's CSP nonce (set by proxy.ts): Mantine's inline colour-scheme script runs only with it.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en-GB" {...mantineHtmlProps} style={{ '--site-origin': printOrigin() } as CSSProperties}>
      <head>
        <ColorSchemeScript defaultColorScheme="auto" nonce={nonce} />
        <link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml" title="Police integrity findings" />
      </head>
      <body>
        <MantineProvider theme={theme} defaultColorScheme="auto">
          <HydrationMarker />
          <a href="#main" className="skip-link">
            Skip to main content
          </a>
          <header className="site-header">
            <Container size="xl" py="sm">
              <Group justify="space-between" wrap="wrap" gap="sm">
                <AnchorLink href="/" fw={800} size="lg" c="var(--mantine-color-text)" underline="hover">
                  Police integrity findings
                </AnchorLink>
                <Group gap="md" wrap="nowrap">
                  <NavLinks />
                  <ColorSchemeToggle />
                </Group>
              </Group>
            </Container>
          </header>
          {children}
          <footer className="site-footer">
            <Container size="xl" py="md">
              <Text size="sm" c="dimmed">
                Source: HMIC press releases for “Revisiting police relationships” (2012). Figures are quoted from the releases; each links to the finding that states it.
              </Text>
            </Container>
          </footer>
        </MantineProvider>
      </body>
    </html>
  );
}
