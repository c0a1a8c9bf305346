// Finds the Chromium that Playwright should drive on this machine: Playwright's own browser where it
// was installed (`npx playwright install chromium`), else the system's (Debian: `apt-get install chromium`).
// Run directly (`node scripts/find-chromium.mjs`) it prints what it found, or why there is none (exit 1).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

// Without the networking flags a root Chromium floods a closed network with connection attempts.
export const SYSTEM_CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export const NO_CHROMIUM_MESSAGE = [
  "No Chromium found for the browser tests.",
  "Install one of:",
  "  - Debian/Ubuntu: apt-get install chromium",
  "  - Playwright's own build: npx playwright install chromium",
  "or point CHROMIUM_PATH at a Chromium executable.",
].join("\n");

function playwrightOwnChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require("playwright-core");
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @returns {{ kind: "playwright" | "system", executablePath: string, args: string[] } | undefined}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    return existsSync(fromEnv) ? { kind: "system", executablePath: fromEnv, args: SYSTEM_CHROMIUM_ARGS } : undefined;
  }
  const own = playwrightOwnChromium();
  if (own) return { kind: "playwright", executablePath: own, args: [] };
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return { kind: "system", executablePath: system, args: SYSTEM_CHROMIUM_ARGS };
  return undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const found = findChromium();
  if (found) {
    console.log(`${found.kind}: ${found.executablePath}`);
  } else {
    console.error(NO_CHROMIUM_MESSAGE);
    process.exitCode = 1;
  }
}
