// Proves a production build carries none of the browser-test harness: no /api/test/** route in
// the build output or its route manifests. The harness routes are `route.e2e.ts` files, routed
// only when next.config.ts adds the "e2e.ts" page extension (PORTAL_E2E_BUILD=1).
//   node scripts/check-no-test-routes.mjs [DIST_DIR]    (default: $NEXT_DIST_DIR or .next)
// Exit 0: a complete build without test routes; 1: test routes found, or not a readable build.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TEST_ROUTE = /(^|\/)api\/test(\/|$)/;
// A route every build has: if the manifests do not list it, we are not reading a real build.
const HEALTH_ROUTE = /(^|\/)api\/health(\/|$)/;
const MANIFESTS = ["app-path-routes-manifest.json", path.join("server", "app-paths-manifest.json")];

/** Files and folders under dir, as paths relative to it with "/" separators. */
function walk(dir, prefix = "") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix + entry.name;
    return entry.isDirectory() ? [relative, ...walk(path.join(dir, entry.name), relative + "/")] : [relative];
  });
}

/**
 * What a build directory says about test routes: `testRoutes` (each with where it was seen) and
 * `problems` (the directory is not a complete build). Both empty means: checked, and clean.
 */
export function inspectBuild(distDir) {
  const testRoutes = [];
  const problems = [];
  for (const manifest of MANIFESTS) {
    const file = path.join(distDir, manifest);
    if (!existsSync(file)) {
      problems.push(`${manifest} is missing: not a complete build`);
      continue;
    }
    let routes;
    try {
      routes = Object.entries(JSON.parse(readFileSync(file, "utf8"))).flat();
    } catch (error) {
      problems.push(`${manifest} is not readable JSON (${error instanceof Error ? error.message : error})`);
      continue;
    }
    if (!routes.some((r) => HEALTH_ROUTE.test(r))) problems.push(`${manifest} does not list /api/health: not the portal's build`);
    for (const route of new Set(routes.filter((r) => TEST_ROUTE.test(r)))) testRoutes.push(`${manifest}: ${route}`);
  }
  const appDir = path.join(distDir, "server", "app");
  if (existsSync(appDir)) {
    for (const entry of walk(appDir)) if (TEST_ROUTE.test(entry)) testRoutes.push(`server/app/${entry}`);
  } else {
    problems.push("server/app is missing: not a complete build");
  }
  return { testRoutes, problems };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.argv[2] || process.env.NEXT_DIST_DIR || ".next";
  const { testRoutes, problems } = inspectBuild(distDir);
  for (const p of problems) console.error(`check-no-test-routes: ${distDir}: ${p}`);
  for (const r of testRoutes) console.error(`check-no-test-routes: ${distDir}: test route in a production build: ${r}`);
  if (problems.length > 0 || testRoutes.length > 0) process.exit(1);
  console.log(`check-no-test-routes: ${distDir}: no /api/test route`);
}
