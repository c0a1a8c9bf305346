import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The browser-test harness (src/testing: seeds, audit tampering, the test-clock setter) must never
// reach the product. Only the harness itself, the tests, the e2e specs and the e2e-only route
// files (src/app/**/*.e2e.ts, routed only in PORTAL_E2E_BUILD=1 builds) may import it, and the soak
// (scripts/soak.ts: a load tool run against a started portal, never by the portal itself).
const repo = path.resolve(__dirname, "../../..");
const harness = path.join(repo, "src", "testing");

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIP = new Set(["node_modules", "generated", ".next", ".data", "test-results", "playwright-report"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith(".next")) return [];
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : SOURCE.test(name) ? [p] : [];
  });
}

/** May this file (absolute path) import the harness? */
function mayImportHarness(file: string): boolean {
  const rel = path.relative(repo, file).split(path.sep).join("/");
  return (
    rel.startsWith("src/testing/") ||
    rel.startsWith("tests/") ||
    rel.startsWith("e2e/") ||
    (rel.startsWith("src/app/") && /\.e2e\.tsx?$/.test(rel)) ||
    rel === "scripts/soak.ts"
  );
}

/** The import specifiers of a file's source that lead into src/testing (by the "@/" alias or a relative path). */
function harnessImports(file: string, source: string): string[] {
  const specs = [...source.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|(?:import|require)\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.filter((spec) => {
    const target = spec.startsWith("@/") ? path.join(repo, "src", spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
    return target !== null && (target === harness || target.startsWith(harness + path.sep));
  });
}

describe("the browser-test harness stays out of the product", () => {
  it("recognises imports of the harness, and only those", () => {
    const server = path.join(repo, "src/server/certificate/x.ts");
    expect(harnessImports(server, `import { seedCertificate } from "@/testing/e2e/console-seeds";`)).toEqual(["@/testing/e2e/console-seeds"]);
    expect(harnessImports(server, `export { pngBytes } from "../../testing/fixtures/sample-files";`)).toEqual(["../../testing/fixtures/sample-files"]);
    expect(harnessImports(server, `const m = await import("@/testing");`)).toEqual(["@/testing"]);
    expect(harnessImports(server, `import "@/testing/e2e/e2e-only";`)).toEqual(["@/testing/e2e/e2e-only"]);
    expect(harnessImports(server, `import { a } from "@/testing-kit/a";\nimport { b } from "./testing/b";\nimport { c } from "@/server/core/request-clock";`)).toEqual([]);
    expect(mayImportHarness(path.join(repo, "src/app/api/test/clock/route.e2e.ts"))).toBe(true);
    expect(mayImportHarness(path.join(repo, "tests/integration/certificate/fixtures.ts"))).toBe(true);
    expect(mayImportHarness(path.join(repo, "src/app/api/health/route.ts"))).toBe(false);
    expect(mayImportHarness(path.join(repo, "src/server/web/service-context.ts"))).toBe(false);
    expect(mayImportHarness(path.join(repo, "scripts/ca-cli.ts"))).toBe(false);
    expect(mayImportHarness(path.join(repo, "scripts/soak.ts"))).toBe(true);
    expect(mayImportHarness(path.join(repo, "scripts/start.mjs"))).toBe(false);
  });

  it("nothing outside src/testing, tests/, e2e/ and src/app/**/*.e2e.ts imports src/testing", () => {
    const roots = readdirSync(repo).filter((name) => !SKIP.has(name) && !name.startsWith("."));
    const scanned = roots.flatMap((name) => {
      const p = path.join(repo, name);
      return statSync(p).isDirectory() ? files(p) : SOURCE.test(name) ? [p] : [];
    });
    // The scan must reach the product and the e2e routes, or it proves nothing.
    expect(scanned).toContain(path.join(repo, "src/server/web/service-context.ts"));
    expect(scanned).toContain(path.join(repo, "src/app/api/test/clock/route.e2e.ts"));
    const offenders = scanned
      .filter((file) => !mayImportHarness(file))
      .flatMap((file) => harnessImports(file, readFileSync(file, "utf8")).map((spec) => `${path.relative(repo, file)}: ${spec}`));
    expect(offenders).toEqual([]);
  });

  it("the e2e route files do use the harness (the allowance is not dead)", () => {
    const route = path.join(repo, "src/app/api/test/console/seed/route.e2e.ts");
    expect(existsSync(route)).toBe(true);
    expect(harnessImports(route, readFileSync(route, "utf8")).length).toBeGreaterThan(0);
  });
});
