import { beforeAll, describe, expect, it, vi } from "vitest";
import { newTotpSecret } from "@/server/second-factor/totp";

// The key is derived from AUTH_SECRET; set before the module resolves it (it is cached per process).
beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", "a test auth secret that is at least thirty-two characters long");
});

describe("TOTP secrets at rest", () => {
  it("are sealed: the stored text holds no secret, opens for its account only, and not once tampered with", async () => {
    const { openTotpSecret, sealTotpSecret } = await import("@/server/second-factor/internal/totp-secret-box");
    const secret = newTotpSecret();
    const sealed = await sealTotpSecret("user-a", secret);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(Buffer.from(sealed.split(".")[2]!, "base64url").toString("utf8")).not.toContain(secret.slice(0, 8));
    expect(await openTotpSecret("user-a", sealed)).toBe(secret);
    // Copied onto another account: the account id is authenticated data.
    expect(await openTotpSecret("user-b", sealed)).toBeNull();
    // Each seal has its own IV.
    expect(await sealTotpSecret("user-a", secret)).not.toBe(sealed);
    const [v, iv, ct, tag] = sealed.split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(await openTotpSecret("user-a", [v, iv, flipped.toString("base64url"), tag].join("."))).toBeNull();
    expect(await openTotpSecret("user-a", "v2.x.y.z")).toBeNull();
    expect(await openTotpSecret("user-a", "garbage")).toBeNull();
  });
});
