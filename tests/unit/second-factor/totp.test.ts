import { describe, expect, it } from "vitest";
import { matchTotpStep, newTotpSecret, normaliseTotpCode, totpCode, totpStep, totpUri } from "@/server/second-factor/totp";

// RFC 6238 appendix B, SHA-1: the seed "12345678901234567890" (base32 below), 8-digit values; our
// codes are their last 6 digits (the same HOTP truncation, modulo 10^6).
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
];

describe("TOTP (RFC 6238, SHA-1, 6 digits, 30 s)", () => {
  it("computes the RFC 6238 test vectors", () => {
    for (const [seconds, eight] of RFC_VECTORS) expect(totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(eight.slice(2));
  });

  it("accepts the current step and one either side, nothing further, and says which step matched", () => {
    const secret = newTotpSecret();
    const now = new Date("2026-12-02T10:00:10Z");
    const step = totpStep(now);
    const at = (s: number) => new Date(s * 30_000 + 5_000);
    expect(matchTotpStep(secret, totpCode(secret, at(step)), now)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, at(step - 1)), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, at(step + 1)), now)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCode(secret, at(step - 2)), now)).toBeNull();
    expect(matchTotpStep(secret, totpCode(secret, at(step + 2)), now)).toBeNull();
  });

  it("refuses another secret's code and anything that is not six digits", () => {
    const now = new Date("2026-12-02T10:00:10Z");
    const a = newTotpSecret();
    const b = newTotpSecret();
    expect(matchTotpStep(a, totpCode(b, now), now)).toBeNull();
    for (const bad of ["", "12345", "1234567", "12a456", "１２３４５６", "123 45"]) expect(matchTotpStep(a, bad, now)).toBeNull();
    expect(normaliseTotpCode(" 123 456 ")).toBe("123456");
  });

  it("makes 160-bit base32 secrets and an otpauth URI apps understand", () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(s);
    const uri = totpUri(s, "ra@example.com");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${s}`);
    expect(uri).toContain("algorithm=SHA1");
    expect(uri).toContain("digits=6");
    expect(uri).toContain("period=30");
  });
});
