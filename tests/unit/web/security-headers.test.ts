import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, HSTS_VALUE, newNonce, strictTransportSecurity } from "@/server/web/security-headers";

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(" ")]));
}

describe("security headers (issue 12)", () => {
  it("a fresh, unguessable nonce for every request", () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("scripts only by nonce (and what they load), no plugins, no base or form retargeting, no framing", () => {
    const d = directives(contentSecurityPolicy("abc123=="));
    expect(d.get("script-src")).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'self'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("default-src")).toBe("'self'");
    const all = [...d.values()].join(" ");
    expect(all).not.toContain("unsafe-eval");
    expect(all).not.toContain("wasm-unsafe-eval");
    expect(d.get("script-src")).not.toContain("unsafe-inline");
  });

  it("eval only in development (React's debugging needs it)", () => {
    expect(directives(contentSecurityPolicy("n", { development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("HSTS only when the portal URL is https", () => {
    expect(strictTransportSecurity("https://portal.example.cn")).toBe(HSTS_VALUE);
    expect(HSTS_VALUE).toMatch(/^max-age=\d{8,}/);
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity("http://portal.example.cn")).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
    expect(strictTransportSecurity("not a url")).toBeNull();
  });
});
