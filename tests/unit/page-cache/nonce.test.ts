import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/domain/http";
import { fill, nonceOf, templateOf } from "@/server/page-cache/internal/nonce";

// The page cache and the proxy share newNonce (src/domain/http); what the cache adds is reading the
// nonce back out of the policy the proxy wrote and swapping it. These hold the two together: a
// change of the nonce's form or of the policy's wording that nonceOf no longer reads would make the
// cache store nothing (or answer with a stale nonce), and fails here first.
describe("the page cache's nonces", () => {
  it("read back every nonce the proxy's policy names, in production and development form", () => {
    for (let i = 0; i < 500; i++) {
      const n = newNonce();
      expect(nonceOf(contentSecurityPolicy(n))).toBe(n);
      expect(nonceOf(contentSecurityPolicy(n, { development: true }))).toBe(n);
    }
    expect(nonceOf("script-src 'self'")).toBeNull();
    expect(nonceOf(undefined)).toBeNull();
  });

  it("turn a page the proxy rendered into one with a new nonce, in the policy and on every script, none of the old left", () => {
    const old = newNonce();
    const policy = contentSecurityPolicy(old);
    const body = `<script nonce="${old}">a</script><script nonce="${old}" src="/b.js"></script>`;
    const seen = nonceOf(policy)!;
    const fresh = newNonce();
    expect(fresh).not.toBe(old);
    const newPolicy = fill(templateOf(policy, seen), fresh);
    const newBody = fill(templateOf(body, seen), fresh);
    expect(nonceOf(newPolicy)).toBe(fresh);
    expect(newBody.split(`nonce="${fresh}"`)).toHaveLength(3);
    expect(newBody).not.toContain(old);
    expect(newPolicy).toBe(contentSecurityPolicy(fresh));
  });

  it("replace every occurrence of the old nonce, and nothing else", () => {
    const t = templateOf(`<script nonce="OLD">a</script>{"nonce":"OLD"}<p>OL D</p>`, "OLD");
    expect(fill(t, "NEW")).toBe(`<script nonce="NEW">a</script>{"nonce":"NEW"}<p>OL D</p>`);
  });
});
