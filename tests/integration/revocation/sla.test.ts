// Clause 1.4's 24 hours: the clock starts at compliance, the deadline is exactly 24 h later,
// officers are warned with 4 h left and again when overdue (once each), and the history counts
// met and missed deadlines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { carryOutRevocation } from "@/server/revocation/carry-out-revocation";
import { confirmRevocationRequest } from "@/server/revocation/confirm-revocation-request";
import { issueRevocationChallenge } from "@/server/revocation/issue-revocation-challenge";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { revocationSlaView } from "@/server/revocation/revocation-sla-view";
import { REVOCATION_SLA_JOB, sweepRevocationSlaAlerts } from "@/server/revocation/sweep-revocation-sla-alerts";
import { issueCert, openWorld, signWithKey, type World } from "./fixtures";

const T0 = new Date("2026-03-02T02:00:00.000Z");
const H = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

let w: World;
let byOfficer: string; // confirmed by an officer at T0
let byKey: string; // key-signed at T0
const OFFICERS = 3; // officer, officer2, officerSubscriber

beforeAll(async () => {
  w = await openWorld(new Date(T0.getTime() - H));
  const a = await issueCert(w, { user: "alice" });
  const b = await issueCert(w, { user: "bob" });
  const r = await requestRevocation(w.as("alice"), { certificateId: a.id, reason: "SUPERSEDED" });
  w.clock.set(T0);
  await confirmRevocationRequest(w.as("officer"), { requestId: r.id, identityCheck: "视频核验身份" });
  byOfficer = r.id;
  const { challenge } = await issueRevocationChallenge(w.as("bob"), { certificateId: b.id, reason: "KEY_COMPROMISE" });
  byKey = (await requestRevocation(w.as("bob"), { certificateId: b.id, reason: "KEY_COMPROMISE", keySignature: { challenge, signature: signWithKey(w, b.keyFile, challenge) } })).id;
});
afterAll(async () => {
  await w?.close();
});

const alerts = (template: string) => w.db.prisma.notification.count({ where: { template } });

describe("the 24-hour clock", () => {
  it("runs from compliance: due exactly 24 hours after it, whichever way identity was confirmed", async () => {
    for (const id of [byOfficer, byKey]) {
      const r = await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id } });
      expect(r.compliantAt).toEqual(T0);
      expect(r.dueAt).toEqual(at(24 * H));
    }
    const officerReq = await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: byOfficer } });
    expect(officerReq.receivedAt.getTime()).toBe(T0.getTime() - H); // received an hour before it became compliant
  });

  it("is not due soon with exactly 4 hours left; is 1 ms later, and the sweep warns every officer once", async () => {
    w.clock.set(at(20 * H));
    const view = await revocationSlaView(w.as("officer"), {});
    expect(view.dueSoon).toHaveLength(0);
    expect(view.openCompliant).toBe(2);
    expect(await sweepRevocationSlaAlerts(w.db.prisma, w.clock)).toMatchObject({ examined: 0, queued: 0 });

    w.clock.set(at(20 * H + 1));
    const soon = await revocationSlaView(w.as("officer"), {});
    expect(soon.dueSoon.map((r) => r.id).sort()).toEqual([byOfficer, byKey].sort());
    expect(soon.dueSoon[0]).toMatchObject({ sla: "dueSoon", remainingMs: 4 * H - 1 });
    expect(soon.overdue).toHaveLength(0);

    // Two instances at once: one runs (the other finds the lease taken, or nothing new to send).
    const runs = await Promise.all([sweepRevocationSlaAlerts(w.db.prisma, w.clock), sweepRevocationSlaAlerts(w.db.prisma, w.clock)]);
    expect(runs.reduce((n, r) => n + (r?.queued ?? 0), 0)).toBe(2 * OFFICERS);
    expect(await alerts("revocation.sla-due-soon")).toBe(2 * OFFICERS);
    w.clock.set(at(21 * H));
    expect(await sweepRevocationSlaAlerts(w.db.prisma, w.clock)).toMatchObject({ examined: 2, queued: 0 });
    expect(await alerts("revocation.sla-due-soon")).toBe(2 * OFFICERS);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "revocation.sla-due-soon-alerted" } })).toBe(2);
    const lease = await w.db.prisma.jobLease.findUniqueOrThrow({ where: { name: REVOCATION_SLA_JOB } });
    expect(lease).toMatchObject({ holder: null, leasedUntil: null, lastError: null });
    expect(await w.db.prisma.sweepRun.count({ where: { job: REVOCATION_SLA_JOB, ok: true } })).toBeGreaterThanOrEqual(3);
  });

  it("a lease held by a live instance makes the sweep stand aside; an expired one does not", async () => {
    await w.db.prisma.jobLease.update({ where: { name: REVOCATION_SLA_JOB }, data: { holder: "other", leasedUntil: at(21 * H + 60_000) } });
    expect(await sweepRevocationSlaAlerts(w.db.prisma, w.clock)).toBeNull();
    w.clock.set(at(21 * H + 60_000));
    expect(await sweepRevocationSlaAlerts(w.db.prisma, w.clock)).toMatchObject({ examined: 2 });
  });

  it("revoking at the due instant itself is within 24 hours; the request is overdue only after it", async () => {
    w.clock.set(at(24 * H));
    const view = await revocationSlaView(w.as("auditor"), {});
    expect(view.overdue).toHaveLength(0);
    expect(view.dueSoon.map((r) => r.remainingMs)).toEqual([0, 0]);
    const met = await carryOutRevocation(w.as("officer"), { requestId: byOfficer });
    expect(met.request.sla).toBe("met");

    w.clock.set(at(24 * H + 1));
    const late = await revocationSlaView(w.as("admin"), {});
    expect(late.overdue.map((r) => r.id)).toEqual([byKey]);
    expect(late.overdue[0]).toMatchObject({ sla: "overdue", remainingMs: -1 });
    expect(await sweepRevocationSlaAlerts(w.db.prisma, w.clock)).toMatchObject({ queued: OFFICERS, alertedRequestIds: [byKey] });
    expect(await sweepRevocationSlaAlerts(w.db.prisma, w.clock)).toMatchObject({ queued: 0 });
    const overdueMail = await w.db.prisma.notification.findFirstOrThrow({ where: { template: "revocation.sla-overdue", userId: w.users.officer!.id } });
    expect(overdueMail.dedupeKey).toBe(`revocation.sla-overdue:${byKey}:${w.users.officer!.id}`);

    w.clock.set(at(25 * H));
    const missed = await carryOutRevocation(w.as("officer2"), { requestId: byKey });
    expect(missed.request.sla).toBe("missed");
    const history = await revocationSlaView(w.as("officer"), {});
    expect(history.history).toMatchObject({ met: 1, missed: 1 });
    expect(history.history.recent.map((r) => [r.id, r.sla])).toEqual([
      [byKey, "missed"],
      [byOfficer, "met"],
    ]);
    expect(history.openCompliant).toBe(0);
    expect(await sweepRevocationSlaAlerts(w.db.prisma, w.clock)).toMatchObject({ examined: 0, queued: 0 });
  });

  it("is for staff only", async () => {
    await expect(revocationSlaView(w.as("alice"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revocationSlaView(w.as("agent"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
