import { describe, expect, it } from "vitest";
import { displayedCertificateStatus } from "@/domain/certificate";

const held = new Date("2026-12-01T02:00:00Z");

describe("displayedCertificateStatus", () => {
  it("shows a revoked certificate as revoked, not also as held", () => {
    expect(displayedCertificateStatus({ status: "REVOKED", holdAt: held })).toBe("REVOKED");
  });

  it("shows an unreleased hold as suspended", () => {
    expect(displayedCertificateStatus({ status: "SUSPENDED", holdAt: held })).toBe("SUSPENDED");
    expect(displayedCertificateStatus({ status: "ACTIVE", holdAt: held })).toBe("SUSPENDED");
  });

  it("keeps expiry final and the stored status otherwise", () => {
    expect(displayedCertificateStatus({ status: "EXPIRED", holdAt: held })).toBe("EXPIRED");
    expect(displayedCertificateStatus({ status: "ACTIVE", holdAt: null })).toBe("ACTIVE");
    expect(displayedCertificateStatus({ status: "ISSUED" })).toBe("ISSUED");
  });
});
