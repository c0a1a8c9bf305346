import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateReminderAt } from "@/domain/update-notice";
import { loadWorkCalendar } from "@/server/calendar/calendar-store";
import { verifyAuditChain } from "@/server/core/audit";
import { listMyUpdateNotices } from "@/server/update-notice/list-my-update-notices";
import { orderUpdate } from "@/server/update-notice/order-update";
import { resolveUpdateNoticeTargets } from "@/server/update-notice/resolve-update-notice-targets";
import { sweepUpdateNoticeDeadlines } from "@/server/update-notice/sweep-update-notice-deadlines";
import { certRow, expectCode, openWorld, type World } from "../renewal/world";

// The deadline of a CA-ordered update (clause 4): one reminder N working days before, then at the
// deadline revocation of each certificate not updated, once, when the notice says so.

let w: World;
const caIds: Record<string, string> = {};
let c: Record<string, { id: string; serialHex: string; applicationId: string }>;
const notices: Record<string, string> = {};

// START (world) is Monday 2026-03-02 10:00 Beijing. Deadline: Friday 2026-03-13 18:00 Beijing.
const DEADLINE = new Date("2026-03-13T10:00:00Z");
// Three working days before Friday the 13th: Thu 12, Wed 11, Tue 10 -> Tuesday 09:00 Beijing.
const REMINDER = new Date("2026-03-10T01:00:00Z");
// Batches of one: every run pages through notices and targets as a large database would.
const sweep = () => sweepUpdateNoticeDeadlines(w.db.prisma, w.clock, { publish: false, batchSize: 1 });
const setClock = (at: Date) => w.clock.advance(at.getTime() - w.clock.now().getTime());
const count = (action: string) => w.db.prisma.auditEvent.count({ where: { action } });

async function issuer(name: string): Promise<string> {
  const now = w.clock.now().getTime();
  const row = await w.db.prisma.issuingCa.create({
    data: { name, role: "ISSUING", algorithm: "EC-P256", subjectDn: `CN=${name}`, subjectDer: Buffer.from("30"), certificateDer: Buffer.from("30"), keyRef: "none", notBefore: new Date(now - 900 * 86_400_000), notAfter: new Date(now + 900 * 86_400_000) },
  });
  return row.id;
}

beforeAll(async () => {
  w = await openWorld();
  for (const n of ["revoke", "keep", "late"]) caIds[n] = await issuer(`Retired CA ${n}`);
  c = {
    // Notice "revoke" (REVOKE):
    aliceOpen: await certRow(w, { user: "alice" }, { issuerId: caIds.revoke, expiresInDays: 200 }),
    aliceUpdated: await certRow(w, { user: "alice" }, { issuerId: caIds.revoke, expiresInDays: 200 }),
    bobRevokedBefore: await certRow(w, { user: "bob" }, { issuerId: caIds.revoke, expiresInDays: 200 }),
    carolExpiresBefore: await certRow(w, { user: "carol" }, { issuerId: caIds.revoke, expiresInDays: 5 }),
    carolUnderWay: await certRow(w, { user: "carol" }, { issuerId: caIds.revoke, expiresInDays: 200 }),
    orgSuspended: await certRow(w, { org: true }, { issuerId: caIds.revoke, expiresInDays: 200 }),
    // Notice "keep" (NO_ACTION):
    bobKept: await certRow(w, { user: "bob" }, { issuerId: caIds.keep, expiresInDays: 200 }),
    // Notice "late" (REVOKE, ordered inside its own reminder window):
    bobLate: await certRow(w, { user: "bob" }, { issuerId: caIds.late, expiresInDays: 200 }),
  };
  const order = (ca: string, consequence?: "REVOKE" | "NO_ACTION", deadline = DEADLINE) =>
    orderUpdate(w.as("admin"), { selection: { issuingCaIds: [caIds[ca]!] }, reason: `${ca}: issuing CA retired`, deadline: deadline.toISOString(), ...(consequence ? { consequence } : {}) });
  notices.revoke = (await order("revoke")).noticeId; // the default is REVOKE
  notices.keep = (await order("keep", "NO_ACTION")).noticeId;
});
afterAll(async () => {
  await w?.close();
});

describe("update-notice deadlines (clause 4)", () => {
  it("the order stores the consequence and says it in the mail; an unknown consequence is refused", async () => {
    await expectCode(orderUpdate(w.as("admin"), { selection: { issuingCaIds: [caIds.keep!] }, reason: "bad consequence", deadline: DEADLINE.toISOString(), consequence: "BURN" as never }), "VALIDATION_FAILED");
    expect(await w.db.prisma.updateNotice.findUniqueOrThrow({ where: { id: notices.revoke! } })).toMatchObject({ consequence: "REVOKE", remindedAt: null });
    expect(await w.db.prisma.updateNotice.findUniqueOrThrow({ where: { id: notices.keep! } })).toMatchObject({ consequence: "NO_ACTION" });
    const mails = await w.db.prisma.notification.findMany({ where: { template: { startsWith: "update-notice.ordered" } }, select: { template: true, userId: true, payload: true } });
    expect(mails.filter((m) => m.template === "update-notice.ordered").map((m) => m.userId).sort()).toEqual([w.users.alice, w.users.bob, w.users.carol, w.users.orgAdmin].sort());
    expect(mails.filter((m) => m.template === "update-notice.ordered-no-revocation").map((m) => m.userId)).toEqual([w.users.bob]);
    expect(mails[0]!.payload).toMatchObject({ reminderWorkdays: 3, path: "/update-notices" });
    expect(await count("update-notice.ordered")).toBe(2);
  });

  it("the reminder falls N working days before the deadline on the statutory calendar", async () => {
    const calendar = await loadWorkCalendar(w.db.prisma);
    expect(updateReminderAt(DEADLINE, calendar).toISOString()).toBe(REMINDER.toISOString());
    // Saturday 9 May 2026 is a make-up working day (调休): a Tuesday 12 May deadline counts Mon 11,
    // Sat 9, Fri 8 and is reminded on Friday 8 May (on bare Monday-Friday it would be Thursday 7).
    expect(updateReminderAt(new Date("2026-05-12T10:00:00Z"), calendar).toISOString()).toBe("2026-05-08T01:00:00.000Z");
  });

  it("sends nothing before the reminder is due, then one reminder per notice, once, naming only what is still open", async () => {
    // Before the reminder: alice updates one certificate (its replacement accepted); bob's is revoked by someone else.
    const replacementId = (await certRow(w, { user: "alice" }, { expiresInDays: 365 })).id;
    await w.db.prisma.$transaction((tx) => resolveUpdateNoticeTargets(tx, c.aliceUpdated!.id, replacementId, w.clock.now()));
    await w.db.prisma.certificate.update({ where: { id: c.bobRevokedBefore!.id }, data: { revokedAt: w.clock.now(), revocationReason: "CESSATION_OF_OPERATION", status: "REVOKED" } });
    expect(await sweep()).toEqual({ ran: true, reminded: [], revoked: [], deferred: [] });
    setClock(new Date(REMINDER.getTime() - 60_000));
    expect((await sweep()).reminded).toEqual([]);

    setClock(REMINDER);
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect((a.ran ? a : b).reminded.sort()).toEqual([notices.revoke!, notices.keep!].sort());
    const reminders = await w.db.prisma.notification.findMany({ where: { template: { startsWith: "update-notice.reminder" } }, select: { template: true, userId: true, payload: true } });
    const alice = reminders.filter((r) => r.userId === w.users.alice);
    // alice: only aliceOpen is still to do.
    expect(alice).toHaveLength(1);
    expect(alice[0]).toMatchObject({ template: "update-notice.reminder", payload: { count: 1, serials: c.aliceOpen!.serialHex, path: "/update-notices" } });
    // bob: his revoked certificate is not mentioned; the NO_ACTION notice's reminder says so in its own words.
    expect(reminders.filter((r) => r.userId === w.users.bob).map((r) => r.template)).toEqual(["update-notice.reminder-no-revocation"]);
    expect(await count("update-notice.reminded")).toBe(2);
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "update-notice.reminded", subjectId: notices.revoke! } });
    expect(audit).toMatchObject({ actorId: null, actorRoles: ["SYSTEM"] });
    // carolExpiresBefore has expired by now: nothing to update, not named.
    expect((audit.summary as { openCertificateIds: string[] }).openCertificateIds.sort()).toEqual([c.aliceOpen!.id, c.carolUnderWay!.id, c.orgSuspended!.id].sort());

    // A second run, later the same day: nothing more.
    setClock(new Date(REMINDER.getTime() + 3_600_000));
    expect(await sweep()).toEqual({ ran: true, reminded: [], revoked: [], deferred: [] });
    expect(await w.db.prisma.notification.count({ where: { template: { startsWith: "update-notice.reminder" } } })).toBe(reminders.length);
  });

  it("a notice ordered inside its own reminder window gets no separate reminder", async () => {
    // Ordered Tuesday, deadline Wednesday: its reminder time (the Friday before) has already passed.
    notices.late = (await orderUpdate(w.as("admin"), { selection: { issuingCaIds: [caIds.late!] }, reason: "late: issuing CA retired", deadline: "2026-03-11T10:00:00Z" })).noticeId;
    expect((await sweep()).reminded).toEqual([]);
    expect(await w.db.prisma.updateNotice.findUniqueOrThrow({ where: { id: notices.late } })).toMatchObject({ remindedAt: null });
    expect((await listMyUpdateNotices(w.as("bob"), {})).find((n) => n.noticeId === notices.late)).toMatchObject({ consequence: "REVOKE", reminderAt: null });
  });

  it("at the deadline revokes each certificate still not updated, once; leaves updated, revoked, expired, under-way and NO_ACTION ones", async () => {
    // carol's other certificate has a replacement application under review; the org's is suspended.
    const underWay = await w.db.prisma.application.create({
      data: { kind: "REKEY", status: "SUBMITTED", applicantId: w.users.carol!, subjectType: "INDIVIDUAL", profileId: w.profiles["individual-signing"]!, subjectDetails: {}, replacesCertificateId: c.carolUnderWay!.id, submittedAt: w.clock.now() },
    });
    await w.db.prisma.certificate.update({ where: { id: c.orgSuspended!.id }, data: { holdAt: w.clock.now(), status: "SUSPENDED" } });

    setClock(new Date(DEADLINE.getTime() - 1));
    // Only the late notice's deadline (Wednesday) has passed: bob's certificate goes.
    expect(await sweep()).toMatchObject({ revoked: [c.bobLate!.id], deferred: [] });

    setClock(DEADLINE);
    const at = w.clock.now();
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    const run = a.ran ? a : b;
    expect(run.revoked.sort()).toEqual([c.aliceOpen!.id, c.orgSuspended!.id].sort());
    expect(run.deferred).toEqual([c.carolUnderWay!.id]);

    const revoked = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.aliceOpen!.id }, include: { revocation: { include: { request: true } } } });
    expect(revoked).toMatchObject({ status: "REVOKED", revocationReason: "SUPERSEDED" });
    expect(revoked.revokedAt!.getTime()).toBe(at.getTime());
    expect(revoked.revocation).toMatchObject({ reasonCode: "SUPERSEDED", revokedById: null });
    expect(revoked.revocation!.request).toMatchObject({ kind: "CA_INITIATED", caGround: "OTHER_HARM_OR_LAW", status: "DONE", requestedById: null });
    expect(await w.db.prisma.updateNoticeTarget.findFirstOrThrow({ where: { noticeId: notices.revoke!, certificateId: c.aliceOpen!.id } })).toMatchObject({ lapsedAt: at });
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "update-notice.revoked-at-deadline", subjectId: c.orgSuspended!.id } });
    expect(event).toMatchObject({ actorId: null, actorRoles: ["SYSTEM"], onBehalfOfId: w.orgId, summary: { noticeId: notices.revoke, ground: "OTHER_HARM_OR_LAW", clauseItem: 5, reason: "SUPERSEDED", wasSuspended: true } });
    const lapsedMails = await w.db.prisma.notification.findMany({ where: { template: "update-notice.revoked-at-deadline" }, select: { userId: true, payload: true } });
    expect(lapsedMails.map((m) => m.userId).sort()).toEqual([w.users.alice, w.users.bob, w.users.orgAdmin].sort());
    expect(lapsedMails.find((m) => m.userId === w.users.alice)!.payload).toMatchObject({ serialHex: c.aliceOpen!.serialHex, path: "/update-notices" });

    // Untouched: updated, revoked before, expired, the NO_ACTION notice's, the one under way.
    for (const id of [c.aliceUpdated!.id, c.bobKept!.id, c.carolUnderWay!.id]) expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id } })).revokedAt, id).toBeNull();
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.bobRevokedBefore!.id } })).revocationReason).toBe("CESSATION_OF_OPERATION");
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.carolExpiresBefore!.id } })).revokedAt).toBeNull();
    expect(await count("update-notice.revoked-at-deadline")).toBe(3);

    // A second run does nothing new (the one under way is still deferred, and says so).
    expect(await sweep()).toEqual({ ran: true, reminded: [], revoked: [], deferred: [c.carolUnderWay!.id] });
    expect(await count("update-notice.revoked-at-deadline")).toBe(3);
    expect(await w.db.prisma.revocation.count()).toBe(3);

    // The update under way is cancelled: the next run revokes that certificate too.
    await w.db.prisma.application.update({ where: { id: underWay.id }, data: { status: "CANCELLED" } });
    expect(await sweep()).toMatchObject({ revoked: [c.carolUnderWay!.id], deferred: [] });
    expect(await sweep()).toEqual({ ran: true, reminded: [], revoked: [], deferred: [] });
  });

  it("the subscriber's page shows what happened to each certificate", async () => {
    setClock(new Date(DEADLINE.getTime() + 3_600_000));
    const [alice] = await listMyUpdateNotices(w.as("alice"), {});
    expect(alice!.progress).toEqual({ total: 2, updated: 1, open: 0, ended: 1 });
    const states = Object.fromEntries(alice!.certificates.map((t) => [t.certificateId, t.state]));
    expect(states).toEqual({ [c.aliceOpen!.id]: "REVOKED_AT_DEADLINE", [c.aliceUpdated!.id]: "UPDATED" });
    expect(alice!.certificates.every((t) => !t.can.startUpdate.ok)).toBe(true);
    // bob's NO_ACTION certificate is still open after the deadline, and may still be updated.
    const kept = (await listMyUpdateNotices(w.as("bob"), {})).find((n) => n.noticeId === notices.keep)!;
    expect(kept).toMatchObject({ overdue: true, consequence: "NO_ACTION", progress: { open: 1 } });
    expect(kept.certificates[0]).toMatchObject({ certificateId: c.bobKept!.id, state: "OPEN", can: { startUpdate: { ok: true } } });
  });

  it("leaves the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
