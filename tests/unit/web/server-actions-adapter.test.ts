import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every server action in src/app goes through the one adapter (src/server/web/define-action.ts),
// which maps refusals through the error catalog and never shows an unexpected error's message.
// An action file that builds its context or words or signs a refusal itself is a second adapter.
const root = path.resolve(__dirname, "../../../src/app");
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(p) ? [p] : [];
  });

/** Actions that never answer a refusal: the language switch (best effort) and signing out. */
const NO_REFUSALS = new Set(["actions/locale.ts"]);
const HAND_MADE = /\berrorMessage\(|\bsignedErrorQuery\(|\bcatalogLang\(|\bserviceContext\(/;

describe("server actions", () => {
  const actionFiles = files(root).filter((f) => /^["']use server["'];?\s*$/m.test(readFileSync(f, "utf8")));

  it("are found (the scan would otherwise pass on nothing)", () => {
    expect(actionFiles.length).toBeGreaterThan(10);
  });

  it("all use defineAction / defineStep / defineRedirectAction and map no error by hand", () => {
    const offenders: string[] = [];
    for (const file of actionFiles) {
      const name = path.relative(root, file);
      if (NO_REFUSALS.has(name)) continue;
      const src = readFileSync(file, "utf8");
      if (!src.includes("@/server/web/define-action")) offenders.push(`${name}: does not use the adapter`);
      const hand = HAND_MADE.exec(src);
      if (hand) offenders.push(`${name}: ${hand[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});
