// Clause 3: the CA revokes on its own grounds, each published with its RFC 5280 reason, and the
// subscriber is told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CA_REVOCATION_GROUNDS } from "@/domain/revocation";
import { verifyAuditChain } from "@/server/core/audit";
import { reportLoss } from "@/server/revocation/report-loss";
import { requestHoldRelease } from "@/server/revocation/request-hold-release";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { revokeByCa } from "@/server/revocation/revoke-by-ca";
import { crlSerial, crlText, issueCert, openWorld, type World } from "./fixtures";
import { approvedAs } from "../support/approval";

let w: World;
beforeAll(async () => {
  w = await openWorld(new Date("2026-03-02T02:00:00Z"));
});
afterAll(async () => {
  await w?.close();
});

const EXPLANATION = "经核查，申请材料中的营业执照系伪造。";

describe("CA-initiated revocation (clause 3)", () => {
  it("is the CA administrator's decision only", async () => {
    const c = await issueCert(w, { user: "alice" });
    for (const who of ["officer", "alice", "auditor"]) {
      await expect(revokeByCa(w.as(who), { certificateId: c.id, ground: "FALSE_APPLICATION_DATA", explanation: EXPLANATION })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await w.db.prisma.revocation.count()).toBe(0);
  });

  it.each([
    ["FALSE_APPLICATION_DATA", undefined, "PRIVILEGE_WITHDRAWN", "Privilege Withdrawn"],
    ["KEY_COMPROMISED", undefined, "KEY_COMPROMISE", "Key Compromise"],
    ["KEY_COMPROMISED", "CA_COMPROMISE", "CA_COMPROMISE", "CA Compromise"],
    ["USE_OUTSIDE_PURPOSE", undefined, "PRIVILEGE_WITHDRAWN", "Privilege Withdrawn"],
    ["BREACH_OF_OBLIGATIONS", undefined, "PRIVILEGE_WITHDRAWN", "Privilege Withdrawn"],
    // RFC 5280 5.3.1: unspecified is published by leaving the reason code out.
    ["OTHER_HARM_OR_LAW", undefined, "UNSPECIFIED", null],
    ["OTHER_HARM_OR_LAW", "CESSATION_OF_OPERATION", "CESSATION_OF_OPERATION", "Cessation Of Operation"],
  ] as const)("%s (%s) is published as %s", async (ground, chosen, reason, crlWords) => {
    const c = await issueCert(w, { user: "alice" });
    const r = await revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: c.id, ground, reason: chosen, explanation: EXPLANATION });
    expect(r).toMatchObject({ reason, alreadyRevoked: false, published: true, request: { kind: "CA_INITIATED", caGround: ground, status: "DONE" } });
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id }, include: { revocation: true } });
    expect(row).toMatchObject({ status: "REVOKED", revocationReason: reason });
    expect(row.revocation!.revokedById).toBe(w.users.admin!.id);
    const crl = await crlText(w, c);
    expect(crl).toContain("verify OK");
    const entry = `Serial Number: ${crlSerial(c.serialHex)}\\s+Revocation Date: [^\\n]+\\n`;
    if (crlWords) expect(crl).toMatch(new RegExp(`${entry}\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+${crlWords}`));
    else expect(crl).toMatch(new RegExp(`${entry}(?!\\s+CRL entry extensions)`));
  });

  it("refuses a reason the ground does not allow", async () => {
    const c = await issueCert(w, { user: "alice" });
    await expect(revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: c.id, ground: "FALSE_APPLICATION_DATA", reason: "KEY_COMPROMISE", explanation: EXPLANATION })).rejects.toMatchObject({
      code: "REVOCATION_REASON_NOT_FOR_GROUND",
    });
    await expect(revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: c.id, ground: "OTHER_HARM_OR_LAW", reason: "CERTIFICATE_HOLD", explanation: EXPLANATION })).rejects.toMatchObject({
      code: "REVOCATION_REASON_NOT_FOR_GROUND",
    });
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).revokedAt).toBeNull();
  });

  it("tells the subscriber (organisation administrators and the named holder) once, and settles open requests", async () => {
    const c = await issueCert(w, { organisation: true, holder: "holder" });
    await reportLoss(w.as("holder"), { certificateId: c.id });
    const release = await requestHoldRelease(w.as("orgAdmin"), { certificateId: c.id, note: "找到了", keyNotShared: true });
    const pending = await requestRevocation(w.as("agent"), { certificateId: c.id, reason: "KEY_COMPROMISE" });
    const r = await revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: c.id, ground: "USE_OUTSIDE_PURPOSE", explanation: "证书被用于申请范围以外的交易平台" });
    const mails = await w.db.prisma.notification.findMany({ where: { template: "revocation.revoked-by-ca" } , orderBy: { userId: "asc" } });
    const forThis = mails.filter((m) => (m.payload as { certificateId: string }).certificateId === c.id);
    expect(forThis.map((m) => m.userId).sort()).toEqual([w.users.orgAdmin!.id, w.users.holder!.id].sort());
    expect(forThis[0]!.payload).toMatchObject({ ground: "USE_OUTSIDE_PURPOSE", clauseItem: 3, reason: "PRIVILEGE_WITHDRAWN" });
    expect(forThis.every((m) => m.dedupeKey === `revocation.revoked-by-ca:${r.request!.id}:${m.userId}`)).toBe(true);
    expect(await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: release.id } })).toMatchObject({ status: "REJECTED", rejectedReason: "certificate revoked" });
    expect(await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "DONE" });
    // The hold gives way to the final reason.
    const crl = await crlText(w, c);
    expect(crl).toMatch(/Privilege Withdrawn/);
    expect(crl).not.toMatch(/Certificate Hold/);

    const again = await revokeByCa(approvedAs(w.as("admin"), "CA_REVOCATION"), { certificateId: c.id, ground: "BREACH_OF_OBLIGATIONS", explanation: EXPLANATION });
    expect(again).toMatchObject({ alreadyRevoked: true, revocationId: r.revocationId, reason: "PRIVILEGE_WITHDRAWN" });
    expect(await w.db.prisma.notification.count({ where: { template: "revocation.revoked-by-ca", dedupeKey: { contains: r.request!.id } } })).toBe(2);
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revocation.revoked-by-ca", subjectId: c.id } });
    expect(audit.summary).toMatchObject({ ground: "USE_OUTSIDE_PURPOSE", clauseItem: 3, explanation: "证书被用于申请范围以外的交易平台", wasSuspended: true });
  });

  it("covers all five grounds of clause 3", () => {
    expect(CA_REVOCATION_GROUNDS).toHaveLength(5);
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
