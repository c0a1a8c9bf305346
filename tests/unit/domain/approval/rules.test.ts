import { describe, expect, it } from "vitest";
import { APPROVAL_KIND_NAMES, readSettings } from "@/config/settings";
import { allowedApprovalActions, APPROVAL_KINDS, approvalDecisionRefusal, approvalExpired, outcomeOfDecision, runsAtOnce, type ApprovalFacts } from "@/domain/approval";
import { ApprovalKind } from "@/generated/prisma/enums";

const now = new Date("2026-12-03T02:00:00Z");
const pending = (over: Partial<ApprovalFacts> = {}): ApprovalFacts => ({
  status: "PENDING",
  expiresAt: new Date(now.getTime() + 3_600_000),
  requestedById: "alice",
  requiredApprovals: 2,
  decisions: [],
  ...over,
});

describe("dual control rules", () => {
  it("lists the same kinds as the schema's enum and the settings", () => {
    expect([...APPROVAL_KINDS].sort()).toEqual(Object.values(ApprovalKind).sort());
    expect([...APPROVAL_KIND_NAMES].sort()).toEqual([...APPROVAL_KINDS].sort());
  });

  it("refuses the requester, a second decision by the same administrator, a closed and an expired request", () => {
    expect(approvalDecisionRefusal(pending(), "bob", now)).toBeNull();
    expect(approvalDecisionRefusal(pending(), "alice", now)).toBe("APPROVAL_OWN_REQUEST");
    expect(approvalDecisionRefusal(pending({ requiredApprovals: 3, decisions: [{ adminId: "bob", decision: "APPROVE" }] }), "bob", now)).toBe("APPROVAL_ALREADY_DECIDED");
    for (const status of ["REJECTED", "EXECUTED", "FAILED", "APPROVED"] as const) expect(approvalDecisionRefusal(pending({ status }), "bob", now)).toBe("APPROVAL_CLOSED");
    expect(approvalDecisionRefusal(pending({ status: "EXPIRED" }), "bob", now)).toBe("APPROVAL_EXPIRED");
  });

  it("expires at the instant, whether or not the sweep marked it", () => {
    const f = pending({ expiresAt: now });
    expect(approvalExpired(f, now)).toBe(true);
    expect(approvalExpired(f, new Date(now.getTime() - 1))).toBe(false);
    expect(approvalDecisionRefusal(f, "bob", now)).toBe("APPROVAL_EXPIRED");
    expect(allowedApprovalActions(f, "bob", now)).toEqual({ approve: { ok: false, reason: "APPROVAL_EXPIRED" }, reject: { ok: false, reason: "APPROVAL_EXPIRED" } });
  });

  it("counts the requester: 2 needs one other, 3 needs two others; one rejection rejects", () => {
    expect(outcomeOfDecision(pending(), "APPROVE")).toBe("COMPLETE");
    expect(outcomeOfDecision(pending({ requiredApprovals: 3 }), "APPROVE")).toBe("WAITING");
    expect(outcomeOfDecision(pending({ requiredApprovals: 3, decisions: [{ adminId: "bob", decision: "APPROVE" }] }), "APPROVE")).toBe("COMPLETE");
    expect(outcomeOfDecision(pending({ requiredApprovals: 3, decisions: [{ adminId: "bob", decision: "APPROVE" }] }), "REJECT")).toBe("REJECTED");
    expect(runsAtOnce(1)).toBe(true);
    expect(runsAtOnce(2)).toBe(false);
  });

  it("settings: 2 by default, per-kind overrides, 72 h; 1 refused on PostgreSQL, allowed on the embedded demo database", () => {
    const d = readSettings({});
    expect(d.approvals.required.CA_REVOCATION).toBe(2);
    expect(d.approvals.ttlHours).toBe(72);
    const o = readSettings({ APPROVALS_REQUIRED_BY_KIND: "CA_REVOCATION=3", APPROVAL_TTL_HOURS: "24" });
    expect(o.approvals.required).toMatchObject({ CA_REVOCATION: 3, CALENDAR_IMPORT: 2 });
    expect(o.approvals.ttlHours).toBe(24);
    expect(readSettings({ APPROVALS_REQUIRED: "1" }).approvals.required.PROFILE_CHANGE).toBe(1);
    expect(() => readSettings({ APPROVALS_REQUIRED: "1", DATABASE_URL: "postgres://x/y" })).toThrow(/embedded demo database/);
    expect(() => readSettings({ APPROVALS_REQUIRED_BY_KIND: "CA_REVOCATION=2,NOPE=2" })).toThrow(/APPROVALS_REQUIRED_BY_KIND/);
  });
});
