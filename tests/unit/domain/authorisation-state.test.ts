import { describe, expect, it } from "vitest";
import { authorisationState } from "@/domain/organisation";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const base = { validFrom: d("2026-03-01"), validUntil: d("2026-04-01"), verifiedAt: d("2026-02-20"), revokedAt: null };

describe("authorisationState", () => {
  it("follows the dates once the letter is checked; validUntil is exclusive, validFrom inclusive", () => {
    expect(authorisationState(base, d("2026-02-28"))).toBe("NOT_YET_VALID");
    expect(authorisationState(base, d("2026-03-01"))).toBe("IN_FORCE");
    expect(authorisationState(base, new Date(d("2026-04-01").getTime() - 1))).toBe("IN_FORCE");
    expect(authorisationState(base, d("2026-04-01"))).toBe("EXPIRED");
  });
  it("an unchecked letter is AWAITING_CHECK whatever its dates, unless expired or revoked", () => {
    const unchecked = { ...base, verifiedAt: null };
    expect(authorisationState(unchecked, d("2026-02-28"))).toBe("AWAITING_CHECK");
    expect(authorisationState(unchecked, d("2026-03-15"))).toBe("AWAITING_CHECK");
    expect(authorisationState(unchecked, d("2026-05-01"))).toBe("EXPIRED");
    expect(authorisationState({ ...unchecked, revokedAt: d("2026-03-02") }, d("2026-03-15"))).toBe("REVOKED");
  });
  it("a revocation beats expiry", () => {
    expect(authorisationState({ ...base, revokedAt: d("2026-03-02") }, d("2026-05-01"))).toBe("REVOKED");
  });
});
