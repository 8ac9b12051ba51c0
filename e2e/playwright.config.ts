import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts/test-results',
  fullyParallel: false,
  // Two workers, each with its own servers: the spec files' server starts overlap instead of
  // adding up (a spec file's tests still run in order, in one worker).
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'artifacts/report.json' }],
  ],
  // The servers are fixtures (fixtures/test.ts): each worker starts its own BFF, simulator and
  // data folder, on free ports, afresh for every spec file; baseURL points at that BFF.
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
