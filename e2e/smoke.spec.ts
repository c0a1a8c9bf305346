import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { pageAs } from "./console-helpers";

// Proves the harness: the production server is up on the embedded database and speaks Chinese first.
test("the home page answers in Chinese", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", /^zh/);
  await expect(page.locator("body")).toContainText(/[\u4e00-\u9fff]/);
});

test("/api/health reports a reachable, migrated database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", ok: true, database: { kind: "pglite", reachable: true }, migrations: { pending: 0 } });
  expect(body.migrations.applied).toBeGreaterThan(0);
});

// Issue 12: a nonce-based Content-Security-Policy on every page, a fresh nonce per request that
// Next.js puts on its scripts, and no page reporting a violation (a blocked script would also
// leave the page without its client code). HSTS only for an https portal URL (this one is http).
test("pages carry a nonce-based Content-Security-Policy and report no violation", async ({ page, browser }) => {
  const nonces = new Set<string>();
  const check = async (p: Page, path: string) => {
    const violations: string[] = [];
    p.on("console", (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(`${path}: ${m.text()}`);
    });
    await p.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const response = await p.goto(path);
    expect(response?.status(), path).toBe(200);
    const csp = response?.headers()["content-security-policy"] ?? "";
    const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, `${path}: ${csp}`).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp).toContain(directive);
    expect(csp).not.toContain("unsafe-eval");
    expect(response?.headers()["strict-transport-security"]).toBeUndefined();
    nonces.add(nonce!);
    // Next.js put this request's nonce on the scripts it rendered, and on no script tag is another one.
    const html = (await response?.text()) ?? "";
    expect(html.split(`nonce="${nonce}"`).length - 1, path).toBeGreaterThan(0);
    expect([...html.matchAll(/<script\b[^>]*>/g)].filter((m) => !m[0].includes(`nonce="${nonce}"`)).map((m) => m[0]), path).toEqual([]);
    await p.waitForLoadState("networkidle");
    expect(await p.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(violations).toEqual([]);
  };

  for (const path of ["/", "/sign-in", "/sign-up", "/verify", "/repository"]) await check(page, path);
  await check(await pageAs(browser, "SUBSCRIBER"), "/dashboard");
  await check(await pageAs(browser, "RA_OFFICER"), "/ra");
  await check(await pageAs(browser, "CA_ADMIN"), "/admin/calendar");
  // A fresh nonce for every request.
  expect(nonces.size).toBe(8);
});

// Issue 12: served directly (TRUSTED_PROXY_HOPS=0), the client address is the connection's. A client's
// own X-Forwarded-For, or its own copy of the private header the start script's preload writes, changes
// nothing in what the handlers record.
test("a spoofed X-Forwarded-For or address header does not change the client address the portal records", async ({ request }) => {
  const plain = await (await request.get("/api/test/client-address")).json();
  expect(plain.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  const spoofed = await request.get("/api/test/client-address", { headers: { "x-forwarded-for": "203.0.113.9", "x-portal-client-ip": "198.51.100.7" } });
  expect(await spoofed.json()).toEqual({ ip: plain.ip });
});

// The proxy (CSP, HSTS) runs on pages only: on a request it matches, Next.js reads the whole body before
// the route does, which would undo the bounded reads of OCSP and the TSA. The static headers reach the
// route handlers through next.config.ts.
test("route handlers taking a body are outside the proxy and still carry the static security headers", async ({ request }) => {
  const tsa = await request.post("/pki/tsa", { data: Buffer.alloc(10), headers: { "content-type": "application/timestamp-query" } });
  expect(tsa.status()).toBeLessThan(500);
  expect(tsa.headers()["content-security-policy"]).toBeUndefined();
  expect(tsa.headers()["x-content-type-options"]).toBe("nosniff");
  expect(tsa.headers()["x-frame-options"]).toBe("DENY");
  const page = await request.get("/");
  expect(page.headers()["content-security-policy"]).toContain("'nonce-");
  expect(page.headers()["referrer-policy"]).toBe("same-origin");
});

// Outside the proxy nothing else would bound them: a small-form route refuses a large body before reading it.
test("a sign-in post with an oversized body is refused with 413, before Auth.js reads it", async ({ request }) => {
  const r = await request.post("/api/auth/callback/credentials", { data: "x=" + "a".repeat(20 * 1024), headers: { "content-type": "application/x-www-form-urlencoded" }, maxRedirects: 0 });
  expect(r.status()).toBe(413);
  expect((await r.json()).error.code).toBe("INPUT_TOO_LARGE");
});
