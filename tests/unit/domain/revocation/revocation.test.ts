import { describe, expect, it } from "vitest";
import {
  CA_GROUND_REASONS,
  CA_REVOCATION_GROUNDS,
  REVOCATION_REASON_CODES,
  checkRevocationReason,
  compliantAt,
  reasonCode,
  reasonForCaGround,
  reasonFromCode,
  revocationDue,
  slaOutcome,
  slaState,
  type RevocationReasonName,
} from "@/domain/revocation";
import { defaultAgreementV1 } from "@/domain/agreement";

describe("RFC 5280 reason codes", () => {
  it("has the CRLReason numbers, 7 unused", () => {
    expect(REVOCATION_REASON_CODES).toEqual({
      UNSPECIFIED: 0,
      KEY_COMPROMISE: 1,
      CA_COMPROMISE: 2,
      AFFILIATION_CHANGED: 3,
      SUPERSEDED: 4,
      CESSATION_OF_OPERATION: 5,
      CERTIFICATE_HOLD: 6,
      REMOVE_FROM_CRL: 8,
      PRIVILEGE_WITHDRAWN: 9,
      AA_COMPROMISE: 10,
    });
    expect(reasonFromCode(7)).toBeUndefined();
    for (const r of Object.keys(REVOCATION_REASON_CODES) as RevocationReasonName[]) expect(reasonFromCode(reasonCode(r))).toBe(r);
  });
});

describe("who may give which reason", () => {
  it.each<[RevocationReasonName, boolean, boolean]>([
    // reason, subscriber, CA
    ["UNSPECIFIED", true, true],
    ["KEY_COMPROMISE", true, true],
    ["AFFILIATION_CHANGED", true, true],
    ["SUPERSEDED", true, true],
    ["CESSATION_OF_OPERATION", true, true],
    ["CA_COMPROMISE", false, true],
    ["PRIVILEGE_WITHDRAWN", false, true],
    ["AA_COMPROMISE", false, true],
    ["CERTIFICATE_HOLD", false, false],
    ["REMOVE_FROM_CRL", false, false],
  ])("%s: subscriber %s, CA %s", (reason, subscriber, ca) => {
    expect(checkRevocationReason("SUBSCRIBER", reason).ok).toBe(subscriber);
    expect(checkRevocationReason("CA", reason).ok).toBe(ca);
  });

  it("names the refusal", () => {
    expect(checkRevocationReason("SUBSCRIBER", "PRIVILEGE_WITHDRAWN")).toEqual({
      ok: false,
      code: "REVOCATION_REASON_NOT_ALLOWED",
      requester: "SUBSCRIBER",
      reason: "PRIVILEGE_WITHDRAWN",
    });
  });
});

describe("clause 3 grounds", () => {
  it("are the five items of clause 3, in order, each with a reason the CA may use", () => {
    const clause3 = defaultAgreementV1.texts.en.sections.find((s) => s.number === "3")!.clauses[0]!;
    expect(CA_REVOCATION_GROUNDS).toHaveLength(clause3.items!.length);
    CA_REVOCATION_GROUNDS.forEach((g, i) => {
      const rule = CA_GROUND_REASONS[g];
      expect(rule.clauseItem).toBe(i + 1);
      expect(rule.allowed).toContain(rule.defaultReason);
      for (const r of rule.allowed) expect(checkRevocationReason("CA", r).ok).toBe(true);
    });
  });

  it.each([
    ["FALSE_APPLICATION_DATA", "PRIVILEGE_WITHDRAWN", 9],
    ["KEY_COMPROMISED", "KEY_COMPROMISE", 1],
    ["USE_OUTSIDE_PURPOSE", "PRIVILEGE_WITHDRAWN", 9],
    ["BREACH_OF_OBLIGATIONS", "PRIVILEGE_WITHDRAWN", 9],
    ["OTHER_HARM_OR_LAW", "UNSPECIFIED", 0],
  ] as const)("%s -> %s (%d) by default", (ground, reason, code) => {
    expect(reasonForCaGround(ground)).toEqual({ ok: true, reason });
    expect(reasonCode(reason)).toBe(code);
  });

  it("accepts a permitted alternative and refuses one that does not fit the ground", () => {
    expect(reasonForCaGround("KEY_COMPROMISED", "CA_COMPROMISE")).toEqual({ ok: true, reason: "CA_COMPROMISE" });
    expect(reasonForCaGround("OTHER_HARM_OR_LAW", "SUPERSEDED")).toEqual({ ok: true, reason: "SUPERSEDED" });
    expect(reasonForCaGround("FALSE_APPLICATION_DATA", "KEY_COMPROMISE")).toMatchObject({ ok: false, code: "REVOCATION_REASON_NOT_FOR_GROUND" });
  });
});

describe("24-hour SLA (clause 1.4)", () => {
  const compliant = new Date("2025-10-01T02:30:00Z"); // a holiday: the clock does not care
  const due = revocationDue(compliant);

  it("is due exactly 24 hours after compliance, holidays included", () => {
    expect(due.toISOString()).toBe("2025-10-02T02:30:00.000Z");
  });

  it("starts at receipt for a request signed with the certificate's key, at confirmation otherwise", () => {
    const receivedAt = new Date("2025-10-01T01:00:00Z");
    expect(compliantAt({ method: "KEY_SIGNATURE", receivedAt })).toEqual(receivedAt);
    expect(compliantAt({ method: "OFFICER", confirmedAt: compliant })).toEqual(compliant);
  });

  it.each([
    ["just compliant", 0, "ok"],
    ["exactly 4 h left", 20 * 3600_000, "ok"],
    ["4 h minus 1 ms left", 20 * 3600_000 + 1, "dueSoon"],
    ["at the due instant", 24 * 3600_000, "dueSoon"],
    ["1 ms after", 24 * 3600_000 + 1, "overdue"],
    ["23 hours after", 23 * 3600_000, "dueSoon"],
  ] as const)("%s -> %s", (_name, elapsed, expected) => {
    expect(slaState(new Date(compliant.getTime() + elapsed), due)).toBe(expected);
  });

  it("records met or missed", () => {
    expect(slaOutcome(due, due)).toBe("met");
    expect(slaOutcome(due, new Date(due.getTime() + 1))).toBe("missed");
  });
});
