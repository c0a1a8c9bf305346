import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { requestRenewal } from "@/server/renewal/request-renewal";
import { supersedePredecessorOnAcceptance } from "@/server/renewal/supersede-predecessor";
import { sweepSupersession } from "@/server/renewal/sweep-supersession";
import { listMyUpdateNotices } from "@/server/update-notice/list-my-update-notices";
import { orderUpdate } from "@/server/update-notice/order-update";
import { getUpdateNoticeProgress, listUpdateNotices } from "@/server/update-notice/update-notice-progress";
import { DAY, acceptFor, certRow, expectCode, openWorld, selfSignedDer, type World } from "../renewal/world";

let w: World;
let certs: Record<string, { id: string; serialHex: string; applicationId: string }>;
let otherIssuerId: string;

beforeAll(async () => {
  w = await openWorld();
  const ec = () => selfSignedDer(w, "ec");
  otherIssuerId = (
    await w.db.prisma.issuingCa.create({
      data: {
        name: "Old Issuing CA",
        role: "ISSUING",
        algorithm: "RSA-2048",
        subjectDn: "CN=Old Issuing CA",
        subjectDer: Buffer.from("30"),
        certificateDer: Buffer.from("30"),
        keyRef: "none",
        notBefore: new Date(w.clock.now().getTime() - 900 * DAY),
        notAfter: new Date(w.clock.now().getTime() + 900 * DAY),
      },
    })
  ).id;
  certs = {
    aliceEc100: await certRow(w, { user: "alice" }, { der: ec(), expiresInDays: 100 }),
    bobRsa200: await certRow(w, { user: "bob" }, { der: selfSignedDer(w, "rsa"), expiresInDays: 200 }),
    carolEc20: await certRow(w, { user: "carol" }, { der: ec(), expiresInDays: 20 }),
    orgEc300: await certRow(w, { org: true }, { der: ec(), expiresInDays: 300, holder: "carol" }),
    aliceOldCa: await certRow(w, { user: "alice" }, { der: ec(), expiresInDays: 250, issuerId: otherIssuerId }),
    bobRevoked: await certRow(w, { user: "bob" }, { der: ec(), expiresInDays: 50 }),
  };
  await w.db.prisma.certificate.update({ where: { id: certs.bobRevoked!.id }, data: { revokedAt: w.clock.now(), revocationReason: "KEY_COMPROMISE", status: "REVOKED" } });
});
afterAll(async () => {
  await w?.close();
});

const deadline = () => new Date(w.clock.now().getTime() + 30 * DAY).toISOString();
const targetsOf = async (noticeId: string) =>
  (await w.db.prisma.updateNoticeTarget.findMany({ where: { noticeId }, select: { certificateId: true } })).map((t) => t.certificateId).sort();
const ids = (...names: string[]) => names.map((n) => certs[n]!.id).sort();

describe("CA-ordered update notices (clause 4)", () => {
  it("only a CA administrator orders one; the selection and deadline are checked", async () => {
    const input = { selection: { keyAlgorithms: ["RSA-2048" as const] }, reason: "RSA-2048 keys are being retired", deadline: deadline() };
    await expectCode(orderUpdate(w.as("officer"), input), "FORBIDDEN");
    await expectCode(orderUpdate(w.as("alice"), input), "FORBIDDEN");
    await expectCode(orderUpdate(w.as("auditor"), input), "FORBIDDEN");
    await expectCode(orderUpdate(w.as("admin"), { ...input, selection: {} }), "VALIDATION_FAILED");
    await expectCode(orderUpdate(w.as("admin"), { ...input, selection: { expiresFrom: "2027-01-01", expiresTo: "2026-01-01" } as never }), "VALIDATION_FAILED");
    await expectCode(orderUpdate(w.as("admin"), { ...input, selection: { unknownField: 1 } as never }), "VALIDATION_FAILED");
    await expectCode(orderUpdate(w.as("admin"), { ...input, deadline: new Date(w.clock.now().getTime() - 1000).toISOString() }), "UPDATE_NOTICE_DEADLINE_PAST");
    await expectCode(orderUpdate(w.as("admin"), { ...input, selection: { profileCodes: ["no-such-profile"] } }), "UPDATE_NOTICE_NO_TARGETS");
    expect(await w.db.prisma.updateNotice.count()).toBe(0);
  });

  it("selects by key algorithm, profile, issuing CA and expiry range; never revoked certificates", async () => {
    const order = (selection: Record<string, unknown>) => orderUpdate(w.as("admin"), { selection: selection as never, reason: "selection check", deadline: deadline() });
    const byKey = await order({ keyAlgorithms: ["RSA-2048"] });
    expect(await targetsOf(byKey.noticeId)).toEqual(ids("bobRsa200"));
    const byProfile = await order({ profileCodes: ["organization-signing"] });
    expect(await targetsOf(byProfile.noticeId)).toEqual(ids("orgEc300"));
    const byIssuer = await order({ issuingCaIds: [otherIssuerId] });
    expect(await targetsOf(byIssuer.noticeId)).toEqual(ids("aliceOldCa"));
    const byExpiry = await order({ expiresFrom: new Date(w.clock.now().getTime() + 10 * DAY), expiresTo: new Date(w.clock.now().getTime() + 150 * DAY) });
    // bobRevoked (50 days) is in the range but revoked.
    expect(await targetsOf(byExpiry.noticeId)).toEqual(ids("aliceEc100", "carolEc20"));
    const combined = await order({ keyAlgorithms: ["EC-P256"], profileCodes: ["individual-signing"], expiresTo: new Date(w.clock.now().getTime() + 150 * DAY) });
    expect(await targetsOf(combined.noticeId)).toEqual(ids("aliceEc100", "carolEc20"));
    await w.db.prisma.notification.deleteMany({ where: { template: "update-notice.ordered" } });
    await w.db.prisma.updateNotice.deleteMany({});
  });

  it("notifies exactly the selected subscribers, once each, and shows them the notice until they update", async () => {
    const reason = "签发系统升级，须更新证书 / issuing system upgrade";
    const r = await orderUpdate(w.as("admin"), {
      selection: { keyAlgorithms: ["EC-P256"], expiresTo: new Date(w.clock.now().getTime() + 320 * DAY) },
      reason,
      deadline: deadline(),
    });
    // aliceEc100, aliceOldCa, carolEc20, orgEc300 (EC, valid); bobRsa200 is RSA, bobRevoked revoked.
    expect(r.targets).toBe(4);
    const mails = await w.db.prisma.notification.findMany({ where: { template: "update-notice.ordered" }, orderBy: { dedupeKey: "asc" } });
    const recipients = mails.map((m) => m.userId).sort();
    expect(recipients).toEqual([w.users.alice!, w.users.carol!, w.users.orgAdmin!].sort());
    expect(mails.map((m) => m.dedupeKey).sort()).toEqual([w.users.alice, w.users.carol, w.users.orgAdmin].map((u) => `update-notice:${r.noticeId}:${u}`).sort());
    const aliceMail = mails.find((m) => m.userId === w.users.alice)!;
    expect(aliceMail.payload).toMatchObject({ noticeId: r.noticeId, reason, count: 2 });
    expect(String((aliceMail.payload as { serials: string }).serials).split(", ").sort()).toEqual([certs.aliceEc100!.serialHex, certs.aliceOldCa!.serialHex].sort());
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "update-notice.ordered", subjectId: r.noticeId } });
    expect(audit).toMatchObject({ actorId: w.users.admin, summary: { targets: 4, recipients: 3, reason } });

    const mine = await listMyUpdateNotices(w.as("alice"), {});
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ noticeId: r.noticeId, reason, overdue: false });
    expect(mine[0]!.certificates.map((c) => c.certificateId).sort()).toEqual(ids("aliceEc100", "aliceOldCa"));
    expect(await listMyUpdateNotices(w.as("bob"), {})).toEqual([]);
    // The organisation's certificate: its administrator and its agent with UPDATE/RENEW scope see it;
    // an agent authorised only to download, or one whose authorisation expired, does not.
    for (const who of ["orgAdmin", "agent", "agentRenewOnly"]) {
      const seen = await listMyUpdateNotices(w.as(who), {});
      expect(seen.flatMap((n) => n.certificates.map((c) => c.certificateId))).toEqual([certs.orgEc300!.id]);
      // The administrator starts the update on the certificate's renewal page; an agent on the agent's.
      expect(seen[0]!.certificates[0]!.updatePath).toBe(who === "orgAdmin" ? `/certificates/${certs.orgEc300!.id}/renew?kind=rekey` : `/agent/renew/${certs.orgEc300!.id}`);
    }
    expect(mine[0]!.certificates.every((c) => c.updatePath === `/certificates/${c.certificateId}/renew?kind=rekey`)).toBe(true);
    for (const who of ["agentDownload", "agentExpired", "agentRevoked", "officer"]) expect(await listMyUpdateNotices(w.as(who), {})).toEqual([]);
    // An agent whose letter the RA has not checked yet is not in force (the authority module's answer): nothing shown.
    const letters = await w.db.prisma.agentAuthorisation.findMany({ where: { agentUserId: w.users.agentRenewOnly! }, select: { id: true, verifiedAt: true } });
    await w.db.prisma.agentAuthorisation.updateMany({ where: { agentUserId: w.users.agentRenewOnly! }, data: { verifiedAt: null } });
    expect(await listMyUpdateNotices(w.as("agentRenewOnly"), {})).toEqual([]);
    for (const l of letters) await w.db.prisma.agentAuthorisation.update({ where: { id: l.id }, data: { verifiedAt: l.verifiedAt } });
    // carol holds carolEc20 herself; being named in the organisation's certificate does not make her act for it.
    expect((await listMyUpdateNotices(w.as("carol"), {})).flatMap((n) => n.certificates.map((c) => c.certificateId))).toEqual([certs.carolEc20!.id]);
  });

  it("the administrator sees who has and has not updated; progress moves when a replacement is accepted", async () => {
    const [notice] = await listUpdateNotices(w.as("admin"), {});
    const noticeId = notice!.id;
    expect(notice!.counts).toEqual({ total: 4, updated: 0, notUpdated: 4 });
    await expectCode(getUpdateNoticeProgress(w.as("alice"), { noticeId }), "FORBIDDEN");
    await expectCode(listUpdateNotices(w.as("officer"), {}), "FORBIDDEN");
    const before = await getUpdateNoticeProgress(w.as("auditor"), { noticeId });
    expect(before.counts).toEqual({ total: 4, updated: 0, pending: 4, lapsed: 0 });

    // Alice renews aliceEc100; the replacement is issued (not yet accepted): still pending.
    await acceptFor(w, "alice", "RENEW");
    const renewal = await requestRenewal(w.as("alice"), { certificateId: certs.aliceEc100!.id, kind: "RENEW" });
    const replacement = await certRow(w, { user: "alice" }, { accepted: false });
    await w.db.prisma.certificate.update({ where: { id: replacement.id }, data: { applicationId: null } });
    await w.db.prisma.certificate.update({ where: { id: replacement.id }, data: { applicationId: renewal.applicationId } });
    await w.db.prisma.application.update({ where: { id: renewal.applicationId }, data: { status: "ISSUED" } });
    expect(await w.db.prisma.$transaction((tx) => supersedePredecessorOnAcceptance(tx, replacement.id, w.clock.now()))).toBeNull();
    expect((await getUpdateNoticeProgress(w.as("admin"), { noticeId })).counts).toMatchObject({ updated: 0, pending: 4 });
    const old = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certs.aliceEc100!.id } });
    expect(old.revokedAt).toBeNull();

    // Accepted: the old certificate is superseded (revoked as SUPERSEDED) and the target resolved.
    w.clock.advance(3_600_000);
    const acceptedAt = w.clock.now();
    await w.db.prisma.certificate.update({ where: { id: replacement.id }, data: { acceptanceKind: "EXPLICIT", acceptedAt, status: "ACTIVE" } });
    const result = await w.db.prisma.$transaction((tx) => supersedePredecessorOnAcceptance(tx, replacement.id, acceptedAt));
    expect(result).toEqual({ oldCertificateId: certs.aliceEc100!.id, revoked: true, resolvedTargets: 1 });
    const superseded = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certs.aliceEc100!.id }, include: { revocation: true } });
    expect(superseded).toMatchObject({ supersededById: replacement.id, revocationReason: "SUPERSEDED", status: "REVOKED" });
    expect(superseded.revokedAt!.getTime()).toBe(acceptedAt.getTime());
    expect(superseded.revocation).toMatchObject({ reasonCode: "SUPERSEDED" });
    // Idempotent.
    expect(await w.db.prisma.$transaction((tx) => supersedePredecessorOnAcceptance(tx, replacement.id, w.clock.now()))).toEqual({
      oldCertificateId: certs.aliceEc100!.id,
      revoked: false,
      resolvedTargets: 0,
    });

    const after = await getUpdateNoticeProgress(w.as("admin"), { noticeId });
    expect(after.counts).toEqual({ total: 4, updated: 1, pending: 3, lapsed: 0 });
    expect(after.updated[0]).toMatchObject({ certificateId: certs.aliceEc100!.id, resolvedByCertificateId: replacement.id, resolvedBySerialHex: replacement.serialHex, subscriber: "alice@example.test" });
    expect(after.pending.map((t) => t.certificateId).sort()).toEqual(ids("aliceOldCa", "carolEc20", "orgEc300"));
    expect(after.pending.find((t) => t.certificateId === certs.orgEc300!.id)!.subscriber).toBe("示例科技有限公司");
    // The subscriber's page keeps the updated certificate, as done, beside the one still to do.
    const aliceNow = await listMyUpdateNotices(w.as("alice"), {});
    expect(aliceNow[0]!.progress).toEqual({ total: 2, updated: 1, open: 1, ended: 0 });
    expect(aliceNow[0]!.open.map((c) => c.certificateId)).toEqual([certs.aliceOldCa!.id]);
    const done = aliceNow[0]!.certificates.find((c) => c.certificateId === certs.aliceEc100!.id)!;
    expect(done).toMatchObject({ state: "UPDATED", resolvedByCertificateId: replacement.id, resolvedBySerialHex: replacement.serialHex, can: { startUpdate: { ok: false, reason: "UPDATE_TARGET_UPDATED" } } });
    expect(aliceNow[0]!.certificates.find((c) => c.certificateId === certs.aliceOldCa!.id)).toMatchObject({ state: "OPEN", can: { startUpdate: { ok: true } } });
    expect((await listUpdateNotices(w.as("admin"), {}))[0]!.counts).toEqual({ total: 4, updated: 1, notUpdated: 3 });
  });

  it("the supersession sweep resolves targets of an acceptance recorded without the hook, once", async () => {
    const noticeId = (await w.db.prisma.updateNotice.findFirstOrThrow()).id;
    await acceptFor(w, "carol", "RENEW");
    const renewal = await requestRenewal(w.as("carol"), { certificateId: certs.carolEc20!.id, kind: "REKEY" });
    const replacement = await certRow(w, { user: "carol" });
    await w.db.prisma.certificate.update({ where: { id: replacement.id }, data: { applicationId: renewal.applicationId } });
    const [a, b] = await Promise.all([sweepSupersession(w.db.prisma, w.clock, { publish: false }), sweepSupersession(w.db.prisma, w.clock, { publish: false })]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect((a.ran ? a : b).superseded).toEqual([certs.carolEc20!.id]);
    expect(await sweepSupersession(w.db.prisma, w.clock, { publish: false })).toMatchObject({ ran: true, superseded: [] });
    const progress = await getUpdateNoticeProgress(w.as("admin"), { noticeId });
    expect(progress.counts).toEqual({ total: 4, updated: 2, pending: 2, lapsed: 0 });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "certificate.superseded", subjectId: certs.carolEc20!.id } })).toBe(1);
    expect(await w.db.prisma.notification.count({ where: { template: "renewal.predecessor-superseded", userId: w.users.carol } })).toBe(1);
    const carols = await listMyUpdateNotices(w.as("carol"), {});
    expect(carols.map((n) => n.progress)).toEqual([{ total: 1, updated: 1, open: 0, ended: 0 }]);
    expect(carols[0]!.certificates[0]).toMatchObject({ certificateId: certs.carolEc20!.id, state: "UPDATED" });
  });

  it("a certificate revoked or expired without a replacement counts as lapsed, not pending", async () => {
    const noticeId = (await w.db.prisma.updateNotice.findFirstOrThrow()).id;
    await w.db.prisma.certificate.update({ where: { id: certs.aliceOldCa!.id }, data: { revokedAt: w.clock.now(), revocationReason: "CESSATION_OF_OPERATION", status: "REVOKED" } });
    const p = await getUpdateNoticeProgress(w.as("admin"), { noticeId });
    expect(p.counts).toEqual({ total: 4, updated: 2, pending: 1, lapsed: 1 });
    expect(p.lapsed[0]!.certificateId).toBe(certs.aliceOldCa!.id);
    // Nothing left to do for alice: one updated, one ended without an update (revoked otherwise).
    const alices = await listMyUpdateNotices(w.as("alice"), {});
    expect(alices.map((n) => n.progress)).toEqual([{ total: 2, updated: 1, open: 0, ended: 1 }]);
    expect(alices[0]!.certificates.find((c) => c.certificateId === certs.aliceOldCa!.id)).toMatchObject({ state: "ENDED", can: { startUpdate: { ok: false, reason: "UPDATE_TARGET_ENDED" } } });
    // Past the deadline the remaining notice is shown as overdue.
    w.clock.advance(31 * DAY);
    expect((await listMyUpdateNotices(w.as("orgAdmin"), {}))[0]).toMatchObject({ overdue: true });
  });

  it("leaves the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
