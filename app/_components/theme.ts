import { createTheme } from '@mantine/core';

/** Darker primary shade in light mode so links, light badges and buttons meet WCAG AA contrast. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  focusRing: 'auto',
  defaultRadius: 'sm',
  components: {
    // Links inside running text must not rely on colour alone (WCAG 1.4.1).
    // (A plain object, not Anchor.extend: this module is imported by the server layout.)
    Anchor: { defaultProps: { underline: 'always' } },
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});
