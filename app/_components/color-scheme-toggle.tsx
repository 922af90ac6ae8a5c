'use client';
/** Light/dark toggle. Mantine stores the choice in localStorage (key mantine-color-scheme-value). */
import { ActionIcon, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';

function Sun() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </svg>
  );
}

function Moon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
      <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
    </svg>
  );
}

export function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: true });
  return (
    <ActionIcon
      variant="default"
      size="lg"
      onClick={() => setColorScheme(computed === 'dark' ? 'light' : 'dark')}
      aria-label="Toggle dark mode"
      title="Toggle dark mode"
      data-testid="color-scheme-toggle"
    >
      {/* Both icons are rendered; CSS shows the one for the current scheme (no hydration mismatch). */}
      <span className="dark-hidden">
        <Moon />
      </span>
      <span className="light-hidden">
        <Sun />
      </span>
    </ActionIcon>
  );
}
