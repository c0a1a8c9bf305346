// The test command's own machinery: how it counts results (a failure must never go uncounted), the
// throwaway PostgreSQL, and the Chromium finder's answer when there is none. Database-independent, so
// it runs in the PGlite pass only.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..", "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "harness-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function count(kind: "vitest" | "playwright", report: unknown): string {
  const file = path.join(tmp, `${kind}-${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(report));
  return execFileSync(process.execPath, ["scripts/count-results.mjs", kind, file], { cwd: root, encoding: "utf8" }).trim();
}

const hasPostgres = ["/usr/lib/postgresql"].some((dir) => existsSync(dir) && readdirSync(dir).some((v) => existsSync(path.join(dir, v, "bin", "initdb"))));

describe.skipIf(process.env.TEST_DB === "postgres")("test command machinery", () => {
  it.each([
    ["vitest: passes, failures, skips and todos", "vitest", { numPassedTests: 7, numFailedTests: 2, numPendingTests: 1, numTodoTests: 1, testResults: [] }, "7 2 2"],
    [
      "vitest: a file that failed to load counts once",
      "vitest",
      { numPassedTests: 3, numFailedTests: 0, testResults: [{ status: "failed", assertionResults: [] }, { status: "passed", assertionResults: [{ status: "passed" }] }] },
      "3 1 0",
    ],
    ["playwright: expected, unexpected, skipped", "playwright", { stats: { expected: 5, unexpected: 1, flaky: 0, skipped: 2 }, errors: [] }, "5 1 2"],
    ["playwright: a flaky test counts as failed", "playwright", { stats: { expected: 5, unexpected: 0, flaky: 1, skipped: 0 }, errors: [] }, "5 1 0"],
    ["playwright: an error outside tests counts", "playwright", { stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 }, errors: [{ message: "webServer" }] }, "0 1 0"],
  ] as const)("%s", (_name, kind, report, expected) => {
    expect(count(kind, report)).toBe(expected);
  });

  it("refuses a missing report (the stage then counts as failed)", () => {
    const result = spawnSync(process.execPath, ["scripts/count-results.mjs", "vitest", path.join(tmp, "absent.json")], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stdout.toString()).toBe("");
  });

  it("says how to get a Chromium when the one named does not exist", () => {
    const result = spawnSync(process.execPath, ["scripts/find-chromium.mjs"], { cwd: root, env: { ...process.env, CHROMIUM_PATH: path.join(tmp, "no-chromium") } });
    expect(result.status).toBe(1);
    expect(result.stderr.toString()).toContain("apt-get install chromium");
    expect(result.stderr.toString()).toContain("npx playwright install chromium");
  });

  it.skipIf(!hasPostgres)("runs a command against a throwaway PostgreSQL, passes its exit code on and removes the cluster", () => {
    const script = 'psql "$TEST_POSTGRES_URL" -Atc "select 40 + 2" && echo "$PG_THROWAWAY_DIR" && exit 3';
    const result = spawnSync("bash", ["scripts/pg-throwaway.sh", "run", "bash", "-c", script], { cwd: root, timeout: 60_000 });
    expect(result.status, result.stderr.toString()).toBe(3);
    const [answer, dir] = result.stdout.toString().trim().split("\n");
    expect(answer).toBe("42");
    expect(dir && existsSync(dir)).toBe(false);
  });
});
