// Dual control (issue 14 item 5): the CA administrator's high-impact actions take effect only when
// another administrator approves; the requester cannot approve, one rejection rejects, an expired
// request does nothing, the action re-checks the state when it runs, and the gated use cases
// refuse to run any other way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/client";
import { approveRequest, getApproval, listApprovals, rejectRequest, requestApproval, sweepExpiredApprovals } from "@/server/approval";
import { publishAgreementVersion } from "@/server/agreement";
import { setProfileCommercials } from "@/server/application";
import { importCalendarYear } from "@/server/calendar";
import { verifyAuditChain } from "@/server/core/audit";
import { enterCessation, leaveCessation, readCessation } from "@/server/privacy";
import { retireRegistrationAuthority } from "@/server/ra";
import { revokeByCa } from "@/server/revocation";
import { caOf } from "@/server/ca-service";
import type { ServiceContext } from "@/server/core";
import { crlSerial, crlText, issueCert, openWorld, type World } from "../revocation/fixtures";
import { approved } from "../support/approval";

let w: World;
const admins: Record<string, { id: string; roles: Role[] }> = {};
const as = (name: string): ServiceContext => ({ db: w.db.prisma, ca: caOf(w.db.prisma), clock: w.clock, actor: { userId: admins[name]!.id, roles: admins[name]!.roles, secondFactor: true }, meta: { ip: "203.0.113.9", userAgent: "vitest" } });

beforeAll(async () => {
  w = await openWorld(new Date("2026-03-02T02:00:00Z"));
  admins.admin = w.users.admin!;
  for (const [name, roles] of [["admin2", ["CA_ADMIN"]], ["admin3", ["CA_ADMIN"]], ["adminHolder", ["CA_ADMIN", "SUBSCRIBER"]]] as const) {
    const u = await w.db.prisma.user.create({ data: { email: `${name}@example.test`, passwordHash: "x", roles: [...roles], emailVerifiedAt: w.clock.now() } });
    admins[name] = { id: u.id, roles: [...roles] };
  }
});
afterAll(async () => {
  await w?.close();
});

const EXPLANATION = "经核查，申请材料中的营业执照系伪造。";
const revocation = (certificateId: string) => ({ certificateId, ground: "FALSE_APPLICATION_DATA", explanation: EXPLANATION });
const status = async (id: string) => (await w.db.prisma.approvalRequest.findUniqueOrThrow({ where: { id } })).status;
const actions = async (subjectId: string) => (await w.db.prisma.auditEvent.findMany({ where: { subjectId }, orderBy: { seq: "asc" } })).map((e) => e.action);

describe("dual control", () => {
  it("a CA revocation waits for a second administrator; the requester cannot approve; the approval revokes", async () => {
    const c = await issueCert(w, { user: "alice" });
    const asked = await requestApproval(as("admin"), { kind: "CA_REVOCATION", payload: revocation(c.id) });
    expect(asked.status).toBe("PENDING");
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).revokedAt).toBeNull();
    // Every other administrator is told, with a link to the request; the requester is not.
    const told = await w.db.prisma.notification.findMany({ where: { template: "approval.waiting", dedupeKey: { startsWith: `approval-waiting:${asked.id}:` } } });
    expect(told.map((n) => n.userId).sort()).toEqual([admins.admin2!.id, admins.admin3!.id, admins.adminHolder!.id].sort());
    expect(told[0]!.payload).toMatchObject({ action: "CA 主动撤销证书", path: `/admin/approvals/${asked.id}` });

    await expect(approveRequest(as("admin"), { requestId: asked.id })).rejects.toMatchObject({ code: "APPROVAL_OWN_REQUEST" });
    const view = await getApproval(as("admin2"), { id: asked.id });
    expect(view).toMatchObject({ kind: "CA_REVOCATION", status: "PENDING", approvals: 1, requiredApprovals: 2, can: { approve: { ok: true } }, summary: { facts: { serialHex: c.serialHex, ground: "FALSE_APPLICATION_DATA" } } });
    expect((await listApprovals(as("admin2"), {})).waiting.map((r) => r.id)).toContain(asked.id);
    expect((await listApprovals(as("admin"), {})).waiting.map((r) => r.id)).not.toContain(asked.id);

    const done = await approveRequest(as("admin2"), { requestId: asked.id, comment: "核实无误" });
    expect(done).toMatchObject({ status: "EXECUTED", failure: null });
    const cert = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id }, include: { revocation: true } });
    expect(cert).toMatchObject({ status: "REVOKED", revocationReason: "PRIVILEGE_WITHDRAWN" });
    // The requester's action, approved: revoked in their name, the approval names both.
    expect(cert.revocation!.revokedById).toBe(admins.admin!.id);
    const row = await w.db.prisma.approvalRequest.findUniqueOrThrow({ where: { id: asked.id } });
    expect(row).toMatchObject({ status: "EXECUTED", executedAt: w.clock.now() });
    expect(await actions(asked.id)).toEqual(["approval.requested", "approval.decision-refused", "approval.executed", "approval.approved"]);
    const executed = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { subjectId: asked.id, action: "approval.executed" } });
    expect(executed.summary).toMatchObject({ kind: "CA_REVOCATION", payloadSha256: row.payloadSha256, approverIds: [admins.admin2!.id] });
    expect(await w.db.prisma.auditEvent.count({ where: { subjectId: c.id, action: "revocation.revoked-by-ca" } })).toBe(1);
    // Published after the approver's commit: the CRL lists it.
    expect(await crlText(w, c)).toContain(`Serial Number: ${crlSerial(c.serialHex)}`);
    await expect(approveRequest(as("admin3"), { requestId: asked.id })).rejects.toMatchObject({ code: "APPROVAL_CLOSED" });
    expect((await verifyAuditChain(w.db.prisma)).ok).toBe(true);
  });

  it("the gated use cases refuse to run outside an approved request, even for a CA administrator", async () => {
    const c = await issueCert(w, { user: "alice" });
    const admin = as("admin");
    await expect(revokeByCa(admin, revocation(c.id) as never)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setProfileCommercials(admin, { code: "PERSONAL", feeCents: 1, active: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(enterCessation(admin, { confirm: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(leaveCessation(admin, { confirm: true, reason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importCalendarYear(admin, { year: 2030, notice: "n", holidays: [], makeupWorkdays: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(retireRegistrationAuthority(admin, { registrationAuthorityId: c.id, status: "CLOSED", successorId: c.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(publishAgreementVersion(admin, { texts: {} as never, effectiveAt: new Date() })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    // A marker for another kind does not open this one.
    const marked = { ...admin, actor: { ...admin.actor!, approved: { requestId: "x", kind: "PROFILE_CHANGE" } } };
    await expect(revokeByCa(marked, revocation(c.id) as never)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).revokedAt).toBeNull();
  });

  it("one rejection rejects: nothing runs, nobody can approve afterwards", async () => {
    const before = await w.db.prisma.certificateProfile.findFirstOrThrow({ orderBy: { code: "asc" } });
    const asked = await requestApproval(as("admin"), { kind: "PROFILE_CHANGE", payload: { code: before.code, feeCents: before.feeCents + 10_000, active: before.active } });
    expect((await getApproval(as("admin2"), { id: asked.id })).summary.changes).toMatchObject({ feeYuan: { from: (before.feeCents / 100).toFixed(2), to: ((before.feeCents + 10_000) / 100).toFixed(2) } });
    await expect(rejectRequest(as("admin"), { requestId: asked.id })).rejects.toMatchObject({ code: "APPROVAL_OWN_REQUEST" });
    await rejectRequest(as("admin2"), { requestId: asked.id, comment: "收费调整未经定价会议" });
    await expect(approveRequest(as("admin3"), { requestId: asked.id })).rejects.toMatchObject({ code: "APPROVAL_CLOSED" });
    expect(await status(asked.id)).toBe("REJECTED");
    expect((await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { id: before.id } })).feeCents).toBe(before.feeCents);
    expect(await actions(asked.id)).toEqual(["approval.requested", "approval.decision-refused", "approval.rejected", "approval.decision-refused"]);
  });

  it("an expired request cannot be approved and changes nothing; the sweep marks and audits it", async () => {
    const c = await issueCert(w, { user: "alice" });
    const asked = await requestApproval(as("admin"), { kind: "CA_REVOCATION", payload: revocation(c.id) });
    w.clock.advance(72 * 3_600_000);
    await expect(approveRequest(as("admin2"), { requestId: asked.id })).rejects.toMatchObject({ code: "APPROVAL_EXPIRED" });
    expect((await getApproval(as("admin2"), { id: asked.id })).status).toBe("EXPIRED");
    expect((await sweepExpiredApprovals(w.db.prisma, w.clock))?.expired).toContain(asked.id);
    expect(await status(asked.id)).toBe("EXPIRED");
    await expect(approveRequest(as("admin2"), { requestId: asked.id })).rejects.toMatchObject({ code: "APPROVAL_EXPIRED" });
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).revokedAt).toBeNull();
    expect(await actions(asked.id)).toEqual(["approval.requested", "approval.decision-refused", "approval.expired", "approval.decision-refused"]);
    expect(await w.db.prisma.approvalDecision.count({ where: { requestId: asked.id } })).toBe(0);
  });

  it("the action re-checks the state when it runs: its refusal becomes FAILED, audited, nothing else written", async () => {
    const [a, b] = await w.db.prisma.registrationAuthority.findMany({ take: 2 }).then(async (ras) => {
      while (ras.length < 3) ras.push(await w.db.prisma.registrationAuthority.create({ data: { name: `RA ${ras.length}` } }));
      return ras;
    });
    const first = await requestApproval(as("admin"), { kind: "RA_RETIREMENT", payload: { registrationAuthorityId: a!.id, status: "CLOSED", successorId: b!.id } });
    const second = await requestApproval(as("admin2"), { kind: "RA_RETIREMENT", payload: { registrationAuthorityId: b!.id, status: "MERGED", successorId: a!.id } });
    expect(await approveRequest(as("admin2"), { requestId: first.id })).toMatchObject({ status: "EXECUTED" });
    // B's successor A is closed now: the second merge is refused by the use case when approved.
    expect(await approveRequest(as("admin3"), { requestId: second.id })).toMatchObject({ status: "FAILED", failure: expect.any(String) });
    const row = await w.db.prisma.approvalRequest.findUniqueOrThrow({ where: { id: second.id } });
    expect(row).toMatchObject({ status: "FAILED", executedAt: null });
    expect((await w.db.prisma.registrationAuthority.findUniqueOrThrow({ where: { id: b!.id } })).status).toBe("ACTIVE");
    expect(await actions(second.id)).toEqual(["approval.requested", "approval.failed", "approval.approved"]);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "ra.retired", subjectId: b!.id } })).toBe(0);
  });

  it("separation of duties binds approvers: no approving the revocation of one's own certificate", async () => {
    const holder = admins.adminHolder!;
    const cert = await issueCert(w, { user: "alice" });
    await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { subscriberUserId: holder.id } });
    const asked = await requestApproval(as("admin"), { kind: "CA_REVOCATION", payload: revocation(cert.id) });
    expect((await getApproval(as("adminHolder"), { id: asked.id })).can.approve).toMatchObject({ ok: false, reason: "CONFLICT_OF_INTEREST" });
    await expect(approveRequest(as("adminHolder"), { requestId: asked.id })).rejects.toMatchObject({ code: "CONFLICT_OF_INTEREST" });
    await expect(requestApproval(as("adminHolder"), { kind: "CA_REVOCATION", payload: revocation(cert.id) })).rejects.toMatchObject({ code: "CONFLICT_OF_INTEREST" });
    expect(await w.db.prisma.approvalDecision.count({ where: { requestId: asked.id } })).toBe(0);
    expect(await status(asked.id)).toBe("PENDING");
  });

  it("refuses malformed payloads and unknown kinds with VALIDATION_FAILED, storing nothing", async () => {
    const before = await w.db.prisma.approvalRequest.count();
    await expect(requestApproval(as("admin"), { kind: "CA_REVOCATION", payload: { certificateId: "not-a-uuid", ground: "NOPE" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(requestApproval(as("admin"), { kind: "NOPE" as never, payload: {} })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(requestApproval(as("admin"), { kind: "PROFILE_CHANGE", payload: "<script>" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(approveRequest(as("admin2"), { requestId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const who of ["officer", "alice", "auditor"]) {
      await expect(requestApproval(w.as(who), { kind: "CESSATION_ON", payload: { confirm: true } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await w.db.prisma.approvalRequest.count()).toBe(before);
  });

  it("each kind runs its use case once approved", async () => {
    const profile = await w.db.prisma.certificateProfile.findFirstOrThrow({ orderBy: { code: "asc" } });
    await approved(as("admin"), as("admin2"), "PROFILE_CHANGE", { code: profile.code, feeCents: 12_300, active: false });
    expect(await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { id: profile.id } })).toMatchObject({ feeCents: 12_300, active: false });

    await approved(as("admin"), as("admin2"), "CESSATION_ON", { confirm: true, successor: "某某 CA" });
    expect((await readCessation(w.db.prisma)).active).toBe(true);
    await approved(as("admin"), as("admin2"), "CESSATION_OFF", { confirm: true, reason: "误操作" });
    expect((await readCessation(w.db.prisma)).active).toBe(false);

    await approved(as("admin"), as("admin2"), "CALENDAR_IMPORT", { year: 2031, notice: "国办发明电〔2030〕1号", holidays: ["2031-01-01"], makeupWorkdays: [] });
    expect(await w.db.prisma.calendarYear.findUniqueOrThrow({ where: { year: 2031 } })).toMatchObject({ confirmed: true });

    const c = await issueCert(w, { user: "alice" });
    await approved(as("admin"), as("admin3"), "CA_REVOCATION", revocation(c.id));
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("REVOKED");
  });
});
