import { afterEach, describe, expect, it, vi } from "vitest";
import { readSettings } from "@/config/settings";
import { e2eBuildRefusal } from "@/server/bootstrap/internal/e2e-build-guard";

// A browser-test build (test clock, /api/test seed and tamper routes) must never start on a real database.
describe("e2eBuildRefusal", () => {
  it.each([
    ["ok/production build on the embedded database", {}, false],
    ["ok/production build on PostgreSQL", { DATABASE_URL: "postgresql://portal@db/portal" }, false],
    ["ok/e2e build on the embedded database", { PORTAL_E2E_BUILD: "1" }, false],
    ["ok/e2e flag 0 on PostgreSQL", { PORTAL_E2E_BUILD: "0", DATABASE_URL: "postgresql://portal@db/portal" }, false],
    ["fail/e2e build on PostgreSQL", { PORTAL_E2E_BUILD: "1", DATABASE_URL: "postgresql://portal@db/portal" }, true],
  ])("%s", (_name, env, refused) => {
    const refusal = e2eBuildRefusal(readSettings(env));
    if (!refused) return expect(refusal).toBeNull();
    // The message names both settings, so whoever reads the log knows what to change.
    expect(refusal).toContain("PORTAL_E2E_BUILD=1");
    expect(refusal).toContain("DATABASE_URL");
  });
});

describe("the portal's start", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("refuses an e2e build with DATABASE_URL before it opens the database", async () => {
    vi.resetModules();
    vi.stubEnv("PORTAL_E2E_BUILD", "1");
    // Nothing listens there: were the database opened first, the error would be a connection failure.
    vi.stubEnv("DATABASE_URL", "postgresql://portal:x@127.0.0.1:9/portal");
    const { start } = await import("@/server/bootstrap/start");
    await expect(start()).rejects.toThrow(/refusing to start: this is a browser-test build \(PORTAL_E2E_BUILD=1.*DATABASE_URL is set/);
  });
});
