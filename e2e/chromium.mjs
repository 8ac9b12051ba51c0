// How the e2e tests (playwright.config.ts) and the render benchmark (bench/bench-render.mjs)
// launch Chromium: the same binary and flags, so the benchmark measures what the tests run.
// Plain JavaScript: the benchmark runs under node without a TypeScript loader.

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
