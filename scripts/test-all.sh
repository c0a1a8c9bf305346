#!/usr/bin/env bash
# `npm test`: every check the project has, in order, each counted; the last line is the sum:
#   N passed, N failed, N skipped
# Stages: type check, lint (one test each), Vitest (unit, integration on PGlite, and on PostgreSQL when
# TEST_POSTGRES_URL is set or local PostgreSQL binaries let us start a throwaway cluster), production
# build (one test), no /api/test route in that build (one test), Playwright. A failing stage does not
# stop the next one; the exit code is non-zero when anything failed. No retries.
#
# Environment: TEST_POSTGRES_URL (use this PostgreSQL), NO_TEST_POSTGRES=1 (do not start a throwaway one).
set -uo pipefail

cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

REPORTS=$(mktemp -d "${TMPDIR:-/tmp}/portal-test-reports.XXXXXX")
PG_DIR=""
cleanup() {
  if [[ -n "$PG_DIR" ]]; then bash scripts/pg-throwaway.sh stop "$PG_DIR" >/dev/null 2>&1 || true; fi
  rm -rf "$REPORTS"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
SUMMARY=()
FAILED_TESTS=()

record() { # name passed failed skipped seconds
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + $4))
  SUMMARY+=("$(printf '  %-12s %4d passed %4d failed %4d skipped  %5ss' "$1" "$2" "$3" "$4" "$5")")
}

banner() {
  echo
  echo "=== $* ==="
}

# A stage whose only result is its exit code.
single_check() { # name cmd...
  local name=$1 start=$SECONDS
  shift
  banner "$name: $*"
  if "$@"; then
    record "$name" 1 0 0 $((SECONDS - start))
  else
    echo "--- $name FAILED ---"
    record "$name" 0 1 0 $((SECONDS - start))
  fi
}

# A stage with a JSON report; a non-zero exit with nothing failed in the report still counts one failure.
counted_stage() { # name kind report cmd...
  local name=$1 kind=$2 report=$3 start=$SECONDS rc counts passed failed skipped
  shift 3
  banner "$name: $*"
  "$@"
  rc=$?
  if counts=$(node scripts/count-results.mjs "$kind" "$report"); then
    read -r passed failed skipped <<<"$counts"
  else
    passed=0 failed=0 skipped=0
  fi
  if [[ $rc -ne 0 && $failed -eq 0 ]]; then
    echo "--- $name exited $rc without a failed test in its report: counted as one failure ---"
    failed=1
  fi
  record "$name" "$passed" "$failed" "$skipped" $((SECONDS - start))
  if [[ $failed -gt 0 ]]; then
    while IFS= read -r test; do FAILED_TESTS+=("  $name: $test"); done < <(node scripts/count-results.mjs "$kind" "$report" --failed 2>/dev/null)
  fi
}

# The generated Prisma client is needed by the type check and the tests (npm install normally makes it).
if [[ ! -d src/generated/prisma ]] && node -e 'process.exit(require("./package.json").scripts?.["db:generate"] ? 0 : 1)'; then
  banner "generate the Prisma client"
  npm run --silent db:generate || echo "--- Prisma client generation failed ---"
fi

# PostgreSQL for the integration tests.
if [[ -z "${TEST_POSTGRES_URL:-}" && -z "${NO_TEST_POSTGRES:-}" ]] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  banner "throwaway PostgreSQL"
  start=$SECONDS
  if exports=$(bash scripts/pg-throwaway.sh start); then
    eval "$exports"
    PG_DIR=$PG_THROWAWAY_DIR
    echo "PostgreSQL at $TEST_POSTGRES_URL"
  else
    echo "--- could not start a throwaway PostgreSQL: integration tests run on PGlite only ---"
    record postgres 0 1 0 $((SECONDS - start))
  fi
fi
if [[ -n "${TEST_POSTGRES_URL:-}" ]]; then
  export TEST_POSTGRES_URL
else
  echo "(TEST_POSTGRES_URL not set: integration tests run on PGlite only)"
fi

single_check typecheck npx tsc --noEmit -p .
single_check lint npx eslint .

counted_stage vitest vitest "$REPORTS/vitest.json" \
  npx vitest run --passWithNoTests --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"

build_start=$SECONDS
banner "build: node scripts/start.mjs --build-only"
if node scripts/start.mjs --build-only; then
  record build 1 0 0 $((SECONDS - build_start))
  # The production build must not carry the browser-test harness (src/testing, /api/test/**).
  single_check test-routes node scripts/check-no-test-routes.mjs "${NEXT_DIST_DIR:-.next}"
  # Playwright's portal builds again with the browser-test harness; that build (next.config.ts) skips
  # the type check, since the typecheck stage and the production build above checked the same sources,
  # and writes no Turbopack build cache, which a fresh CI clone never reads.
  counted_stage playwright playwright "$REPORTS/playwright.json" \
    env PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright.json" PORTAL_E2E_TYPES_CHECKED=1 PORTAL_E2E_NO_BUILD_CACHE=1 \
    npx playwright test --reporter=list,json
else
  echo "--- build FAILED: browser tests not run (counted as one failure) ---"
  record build 0 1 0 $((SECONDS - build_start))
  record test-routes 0 1 0 0
  record playwright 0 1 0 0
fi

banner "summary"
printf '%s\n' "${SUMMARY[@]}"
# What failed, by name, just above the last line: a CI log is often read from its tail only.
if (( ${#FAILED_TESTS[@]} > 0 )); then
  echo "failed:"
  printf '%s\n' "${FAILED_TESTS[@]}"
fi
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
[[ $TOTAL_FAILED -eq 0 ]]
