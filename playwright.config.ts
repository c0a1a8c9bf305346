import { defineConfig } from "@playwright/test";
import { findChromium, NO_CHROMIUM_MESSAGE } from "./scripts/find-chromium.mjs";
import { e2eRun } from "./e2e/support/run";

// Browser tests run against the production build (`node scripts/start.mjs`) on the embedded PGlite in
// a fresh data folder per run, with mail going to a loopback SMTP sink that the tests read.
const chromium = findChromium();
if (!chromium) throw new Error(NO_CHROMIUM_MESSAGE);

const run = e2eRun();

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  // Two cores: one browser at a time; a flaky test is a bug to fix, never retried.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: run.baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      // Playwright's own build needs nothing; the system one needs its path and the quiet flags.
      ...(chromium.kind === "system" ? { executablePath: chromium.executablePath, args: chromium.args } : {}),
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      name: "smtp-sink",
      command: "node e2e/support/smtp-sink.mjs",
      port: run.smtpPort,
      env: { SMTP_SINK_PORT: String(run.smtpPort), MAIL_DIR: run.mailDir },
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "portal",
      // The embedded default, whatever DATABASE_URL the caller's shell has.
      command: "env -u DATABASE_URL node scripts/start.mjs",
      url: `http://127.0.0.1:${run.portalPort}/api/health`,
      env: {
        PORT: String(run.portalPort),
        HOST: "127.0.0.1",
        DATA_DIR: run.dataDir,
        AUTH_SECRET: run.authSecret,
        AUTH_URL: run.baseURL,
        SMTP_URL: `smtp://127.0.0.1:${run.smtpPort}`,
        NEXT_TELEMETRY_DISABLED: "1",
        // The browser tests run their own build, with the test clock control (/api/test/clock).
        PORTAL_E2E_BUILD: "1",
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next-e2e",
      },
      stdout: "pipe",
      reuseExistingServer: false,
      // Includes a production build when none is current (the test command builds first).
      timeout: 600_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    },
  ],
});
