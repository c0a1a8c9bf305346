import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

// Whenever the proxy runs on a request, Next.js reads the whole body first (up to 10 MB, cutting the
// rest): a route handler that takes a body must be outside the matcher, or its own bounded read (OCSP,
// TSA) and size checks (verification, uploads) are undone. Pages must stay inside it (CSP nonce, HSTS,
// the path for sign-in's return).
const appDir = path.resolve(__dirname, "../../../src/app");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** A URL path that the app route file's folder answers, with sample values for dynamic segments. */
function samplePath(file: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s)) // route groups are not in the URL
    .map((s) => (s.startsWith("[") ? "sample-1" : s));
  return "/" + segments.join("/");
}

const matchers = config.matcher.map((m) => new RegExp(`^${m}$`));
const proxied = (p: string) => matchers.some((re) => re.test(p));

const routeFiles = files(appDir).filter((f) => /\/route(\.e2e)?\.ts$/.test(f));
/** Route handlers that read a request body: they export a POST/PUT/PATCH handler, or Auth.js's handlers. */
const bodyRoutes = routeFiles.filter((f) => /export\s+(const|async function)\s+(POST|PUT|PATCH)\b|export\s+const\s*\{[^}]*\bPOST\b/.test(readFileSync(f, "utf8")));
const pages = files(appDir).filter((f) => /\/page\.tsx$/.test(f));

describe("the proxy's matcher", () => {
  it("leaves out every route handler that takes a request body", () => {
    expect(bodyRoutes.length).toBeGreaterThanOrEqual(8);
    const inside = bodyRoutes.map(samplePath).filter(proxied);
    expect(inside).toEqual([]);
  });

  it("so each of them bounds its own body before reading it (or never reads it)", () => {
    const reads = /\.(formData|arrayBuffer|json|text|blob)\(\)|handlers\.POST/;
    const bounds = /assertSmallForm\(|assertRequestSize\(|readBodyPrefix\(|readOcspBody\(|readTsaBody\(/;
    const unbounded = bodyRoutes
      .filter((f) => !f.endsWith(".e2e.ts")) // the browser-test harness, absent from production builds
      .filter((f) => {
        const src = readFileSync(f, "utf8");
        return reads.test(src) && !bounds.test(src);
      })
      .map((f) => path.relative(appDir, f));
    expect(unbounded).toEqual([]);
  });

  it("leaves out the public PKI paths under their published /pki prefix too", () => {
    for (const p of ["/pki/ocsp", "/pki/tsa", "/pki/ocsp/MEIwQDA%2B", "/pki/crl/issuing-rsa/0.crl", "/api/auth/callback/credentials"]) expect(proxied(p), p).toBe(false);
  });

  it("leaves out /metrics (a scraper needs no CSP nonce; the proxy would cost every scrape) and nothing else by that name", () => {
    expect(proxied("/metrics")).toBe(false);
    for (const p of ["/metrics-board", "/metricsx"]) expect(proxied(p), p).toBe(true);
  });

  it("runs on every page", () => {
    expect(pages.length).toBeGreaterThan(30);
    const outside = pages.map(samplePath).filter((p) => !proxied(p));
    expect(outside).toEqual([]);
    // and on pages whose names begin like a left-out route
    for (const p of ["/", "/verify", "/apply", "/certificates/abc", "/certificates/abc/test", "/organisations/o1", "/cases", "/api-docs"]) expect(proxied(p), p).toBe(true);
  });
});
