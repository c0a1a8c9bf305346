import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { inspectBuild } from "../../../scripts/check-no-test-routes.mjs";

// The test command's `test-routes` stage runs scripts/check-no-test-routes.mjs on the production
// build; here it is judged on build folders shaped like Next's output, with and without the harness.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.unstubAllEnvs();
  vi.resetModules();
});

function fakeBuild(routes: string[], opts: { skipRoutesManifest?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fake-next-build-"));
  dirs.push(dir);
  mkdirSync(path.join(dir, "server", "app"), { recursive: true });
  const appPaths = Object.fromEntries(routes.map((r) => [`${r}/route`, `app${r}/route.js`]));
  writeFileSync(path.join(dir, "server", "app-paths-manifest.json"), JSON.stringify(appPaths));
  if (!opts.skipRoutesManifest) writeFileSync(path.join(dir, "app-path-routes-manifest.json"), JSON.stringify(Object.fromEntries(routes.map((r) => [`${r}/route`, r]))));
  for (const r of routes) {
    mkdirSync(path.join(dir, "server", "app", r), { recursive: true });
    writeFileSync(path.join(dir, "server", "app", r, "route.js"), "");
  }
  return dir;
}

describe("check-no-test-routes", () => {
  it("ok: a production build with the portal's routes and no /api/test", () => {
    expect(inspectBuild(fakeBuild(["/api/health", "/api/me", "/ca/ocsp", "/testing-notes"]))).toEqual({ testRoutes: [], problems: [] });
  });

  it("fail: an e2e build's /api/test routes are found in both manifests and the output", () => {
    const { testRoutes, problems } = inspectBuild(fakeBuild(["/api/health", "/api/test/clock", "/api/test/console/seed"]));
    expect(problems).toEqual([]);
    expect(testRoutes).toEqual(expect.arrayContaining([
      "app-path-routes-manifest.json: /api/test/clock",
      `${path.join("server", "app-paths-manifest.json")}: /api/test/console/seed/route`,
      "server/app/api/test/clock/route.js",
    ]));
  });

  it("fail: a folder that is not a complete build proves nothing", () => {
    expect(inspectBuild(fakeBuild(["/api/health"], { skipRoutesManifest: true })).problems).toEqual(["app-path-routes-manifest.json is missing: not a complete build"]);
    expect(inspectBuild(fakeBuild(["/api/me"])).problems).toHaveLength(2);
    const empty = mkdtempSync(path.join(tmpdir(), "fake-next-build-"));
    dirs.push(empty);
    expect(inspectBuild(empty).problems).toHaveLength(3);
  });
});

describe("next.config.ts routes the e2e-only files in e2e builds only", () => {
  async function config(flag: string | undefined) {
    vi.resetModules();
    vi.stubEnv("PORTAL_E2E_BUILD", flag);
    return (await import("../../../next.config")).default;
  }

  it("production: no e2e.ts page extension, the flag inlined as 0", async () => {
    for (const flag of [undefined, "0", "true"]) {
      const c = await config(flag);
      expect(c.pageExtensions).toEqual(["tsx", "ts"]);
      expect(c.env?.PORTAL_E2E_BUILD).toBe("0");
    }
  });

  it("PORTAL_E2E_BUILD=1: route.e2e.ts files are routed and the flag inlined as 1", async () => {
    const c = await config("1");
    expect(c.pageExtensions).toContain("e2e.ts");
    expect(c.env?.PORTAL_E2E_BUILD).toBe("1");
  });
});
