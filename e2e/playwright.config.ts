import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/** Ports for the BFF under test and its embedded Atlas simulator (whose /__sim control plane the tests use). */
export const BFF_PORT = Number(process.env.E2E_BFF_PORT ?? 3210);
export const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 3211);

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts/test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'artifacts/report.json' }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${BFF_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  webServer: {
    // The real BFF with no Atlas credentials, so it embeds the simulator on a known port.
    command: '../bff/node_modules/.bin/tsx ../bff/src/main.ts',
    url: `http://127.0.0.1:${BFF_PORT}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: String(BFF_PORT),
      EMBEDDED_SIMULATOR_PORT: String(SIMULATOR_PORT),
      SIMULATOR_PROCESSING_MS: '1200',
      POLL_INITIAL_MS: '200',
      POLL_MAX_MS: '600',
      LOG_LEVEL: 'warn',
      // The whole suite is one user at one address, faster than any person.
      USER_QUERY_LIMIT: '100000',
      // A fresh SQLite store per run: presets from a previous run never leak into this one.
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ace-e2e-')),
      ATLAS_CLIENT_ID: '',
      ATLAS_CLIENT_SECRET: '',
      ATLAS_PUBLIC_KEY: '',
      ATLAS_PRIVATE_KEY: '',
    },
  },
});
