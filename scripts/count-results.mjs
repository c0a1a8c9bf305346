// Reads a test runner's JSON report and prints `passed failed skipped` for the test command's summary.
//   node scripts/count-results.mjs vitest REPORT.json
//   node scripts/count-results.mjs playwright REPORT.json
//   node scripts/count-results.mjs vitest REPORT.json --failed   (the failed tests' names, a line each)
// A report that is missing or unreadable prints nothing and exits 1: the caller counts the stage as failed.
import { readFileSync } from "node:fs";

const [kind, file] = process.argv.slice(2);

function vitest(report) {
  const passed = report.numPassedTests ?? 0;
  const failedTests = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that fails to load has no failed test in it, yet it failed: count it once.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed"),
  ).length;
  return [passed, failedTests + brokenFiles, skipped];
}

function playwright(report) {
  const stats = report.stats ?? {};
  // Retries are off, so nothing should be flaky; should one appear it counts as failed, never hidden.
  const failedTests = (stats.unexpected ?? 0) + (stats.flaky ?? 0);
  // Errors outside tests (a web server that never came up, a broken config) fail the run without a test.
  const globalErrors = failedTests === 0 ? (report.errors ?? []).length : 0;
  return [stats.expected ?? 0, failedTests + globalErrors, stats.skipped ?? 0];
}

// The names of what failed, so that the summary a CI run ends with says which test to look at.
function failedVitest(report) {
  return (report.testResults ?? []).flatMap((file) => {
    const name = String(file.name ?? "").replace(`${process.cwd()}/`, "");
    const tests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    if (tests.length === 0) return file.status === "failed" ? [`${name} (did not load)`] : [];
    return tests.map((test) => `${name} > ${test.fullName ?? test.title}`);
  });
}

function failedPlaywright(report) {
  const names = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      const bad = (spec.tests ?? []).some((test) => test.status === "unexpected" || test.status === "flaky");
      if (bad) names.push(`${spec.file ?? path} > ${spec.title}`);
    }
    for (const child of suite.suites ?? []) walk(child, child.file ?? path);
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file ?? "");
  return names;
}

try {
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (process.argv.includes("--failed")) {
    const names = kind === "vitest" ? failedVitest(report) : failedPlaywright(report);
    for (const name of names) console.log(name);
    process.exit(0);
  }
  const counts = kind === "vitest" ? vitest(report) : kind === "playwright" ? playwright(report) : undefined;
  if (!counts) throw new Error(`unknown report kind ${kind}`);
  console.log(counts.join(" "));
} catch (error) {
  console.error(`count-results: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
