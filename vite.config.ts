import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));
const bffRoot = fileURLToPath(new URL('./bff', import.meta.url));

// One config builds the web app (root: web/, output web/dist) and hosts the Vitest projects.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./web/dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // A named vendor chunk for the tables the results load lazily (React.lazy / import()).
        // The first screen stays one chunk: splitting React and Mantine out too cost ~8 KB gzip
        // more on the first visit.
        codeSplitting: {
          groups: [
            // First, what the first screen needs, so the lazy groups below cannot pull a shared
            // dependency (Mantine core, React) into a chunk the first screen would then load.
            { name: 'app', tags: ['$initial'], priority: 2 },
            {
              name: 'tables',
              test: /node_modules[\\/]@tanstack[\\/](react-table|table-core|react-virtual|virtual-core)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    // `vite` in dev proxies the API to a running BFF so the browser sees one origin.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  test: {
    projects: [
      {
        test: {
          name: 'bff',
          root: bffRoot,
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          root: webRoot,
          environment: 'happy-dom',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          setupFiles: ['./src/testing/setup.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
