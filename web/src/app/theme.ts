import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * A green close to MongoDB's, picked for contrast (WCAG AA, 4.5:1 for text): shade 8 carries
 * white text and is the link colour on white; shades 3–4 are the text colours on dark.
 */
const atlas: MantineColorsTuple = [
  '#e3fcef',
  '#c0f2d8',
  '#92e6bc',
  '#62d89f',
  '#3fcc8a',
  '#1fb277',
  '#00a35c',
  '#00875a',
  '#00684a',
  '#004d36',
];

export const theme = createTheme({
  colors: { atlas },
  primaryColor: 'atlas',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '600' },
});

/**
 * Mantine's defaults for secondary text, errors and placeholders fall short of 4.5:1 on white
 * (and errors on dark); these pass in both schemes. `--ace-color-warning` is for notes that
 * need attention without being errors.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--ace-color-warning': '#b03a00',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    '--ace-color-warning': 'var(--mantine-color-orange-3)',
  },
});
