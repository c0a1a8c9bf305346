import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from "@/server/second-factor/recovery-codes";

describe("recovery codes", () => {
  it("are ten distinct codes of an unambiguous alphabet", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/);
  });

  it("read the same whatever the case, spaces or dashes, and refuse what cannot be one", () => {
    const [code] = newRecoveryCodes(1);
    const n = normaliseRecoveryCode(code!)!;
    expect(normaliseRecoveryCode(code!.toUpperCase())).toBe(n);
    expect(normaliseRecoveryCode(code!.replaceAll("-", " "))).toBe(n);
    expect(normaliseRecoveryCode("123456")).toBeNull();
    expect(normaliseRecoveryCode("abcd-efgh-ijk0")).toBeNull(); // i and 0 are not in the alphabet
    expect(normaliseRecoveryCode("abcd-efgh-jkmn-pqrs")).toBeNull();
  });

  it("are stored as a hash that is not the code", () => {
    const n = normaliseRecoveryCode(newRecoveryCodes(1)[0]!)!;
    const h = hashRecoveryCode(n);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(n);
    expect(hashRecoveryCode(n)).toBe(h);
  });
});
