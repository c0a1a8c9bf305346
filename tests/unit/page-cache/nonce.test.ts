import { describe, expect, it } from "vitest";
import { fill, freshNonce, nonceOf, templateOf } from "@/server/page-cache/internal/nonce";
import { contentSecurityPolicy, newNonce } from "@/server/web/security-headers";

describe("the page cache's nonces", () => {
  it("are of the proxy's form (128 bits, base64) and read back from the policy the proxy writes", () => {
    const ours = freshNonce();
    const proxy = newNonce();
    expect(Buffer.from(ours, "base64")).toHaveLength(16);
    expect(ours).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(proxy).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(freshNonce()).not.toBe(ours);
    expect(nonceOf(contentSecurityPolicy(ours))).toBe(ours);
    expect(nonceOf("script-src 'self'")).toBeNull();
  });

  it("replace every occurrence of the old nonce, and nothing else", () => {
    const t = templateOf(`<script nonce="OLD">a</script>{"nonce":"OLD"}<p>OL D</p>`, "OLD");
    expect(fill(t, "NEW")).toBe(`<script nonce="NEW">a</script>{"nonce":"NEW"}<p>OL D</p>`);
  });
});
