// Issue 13, item 3: the renewal window of the certificate's profile, as the renewal use case
// enforces it and the certificate page reads it (the same domain answer): too early with the
// opening date, too late once the window closed, an expired certificate renewable while it runs,
// a CA-ordered update free of it; every refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { listMyCertificates } from "@/server/certificate/list-my-certificates";
import { requestRenewal } from "@/server/renewal/request-renewal";
import { makeCsr } from "../certificate/pki-helpers";
import { DAY, acceptFor, certRow, expectCode, openWorld, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  await acceptFor(w, "alice", "RENEW");
  await acceptFor(w, "bob", "RENEW");
}, 120_000);
afterAll(async () => {
  await w?.close();
});

/** Everything a refused request could have written. */
const writes = async () => ({
  applications: await w.db.prisma.application.count(),
  audit: await w.db.prisma.auditEvent.count({ where: { action: "renewal.requested" } }),
});
const notAfterOf = async (id: string) => (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id } })).notAfter;

/** Received and accepted well before notAfter (certRow's times are relative to now, wrong for a certificate that expired). */
async function acceptedBeforeExpiry(certificateId: string) {
  const notAfter = await notAfterOf(certificateId);
  const receiptAt = new Date(notAfter.getTime() - 300 * DAY);
  await w.db.prisma.certificate.update({
    where: { id: certificateId },
    data: { notBefore: new Date(receiptAt.getTime() - DAY), receiptAt, testWindowDeadline: new Date(receiptAt.getTime() + 2 * DAY), acceptedAt: new Date(receiptAt.getTime() + DAY) },
  });
}

describe("the renewal window, enforced and shown alike", () => {
  it("a renewal of someone else's certificate is NOT_FOUND and writes nothing", async () => {
    const cert = await certRow(w, { user: "alice" });
    const before = await writes();
    await expectCode(requestRenewal(w.as("bob"), { certificateId: cert.id, kind: "RENEW" }), "NOT_FOUND");
    await expectCode(requestRenewal(w.as("bob"), { certificateId: cert.id, kind: "REKEY", csrPem: makeCsr(w.tmp, "stranger").csrPem }), "NOT_FOUND");
    await expectCode(getMyCertificate(w.as("bob"), { certificateId: cert.id }), "NOT_FOUND");
    expect(await writes()).toEqual(before);
  });

  it("too early: the certificate page and the use case both name the opening date (90 days before expiry); nothing is written", async () => {
    const cert = await certRow(w, { user: "alice" }, { expiresInDays: 200 });
    const opensAt = new Date((await notAfterOf(cert.id)).getTime() - 90 * DAY);
    const page = await getMyCertificate(w.as("alice"), { certificateId: cert.id });
    expect(page.can.renew).toEqual({ ok: false, reason: "CERT_RENEWAL_TOO_EARLY", at: opensAt });
    expect(page.can.rekey).toEqual({ ok: false, reason: "CERT_RENEWAL_TOO_EARLY", at: opensAt });
    expect(page.renewalWindow.opensAt).toEqual(opensAt);
    const before = await writes();
    expect(await expectCode(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" }), "CERT_RENEWAL_TOO_EARLY")).toEqual({ opensAt: opensAt.toISOString() });
    expect(await expectCode(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "REKEY", csrPem: makeCsr(w.tmp, "early").csrPem }), "CERT_RENEWAL_TOO_EARLY")).toEqual({ opensAt: opensAt.toISOString() });
    expect(await writes()).toEqual(before);
    // The day it opens, the same certificate is renewable.
    const t0 = w.clock.now();
    w.clock.set(opensAt);
    try {
      expect((await getMyCertificate(w.as("alice"), { certificateId: cert.id })).can.renew).toMatchObject({ ok: true });
      await expect(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" })).resolves.toMatchObject({ status: "DRAFT", kind: "RENEW" });
    } finally {
      w.clock.set(t0);
    }
  });

  it("expired 30 days ago: still renewable until 365 days after expiry; the dashboard lists the window's end; the draft replaces it", async () => {
    const cert = await certRow(w, { user: "alice" }, { expiresInDays: -30 });
    await acceptedBeforeExpiry(cert.id);
    const closesAt = new Date((await notAfterOf(cert.id)).getTime() + 365 * DAY);
    const page = await getMyCertificate(w.as("alice"), { certificateId: cert.id });
    expect(page.status).toBe("EXPIRED");
    expect(page.can.renew).toEqual({ ok: true, until: closesAt });
    const listed = (await listMyCertificates(w.as("alice"), {})).find((c) => c.id === cert.id)!;
    expect(listed.deadline).toEqual({ kind: "renewalWindow", at: closesAt });
    const r = await requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "REKEY", csrPem: makeCsr(w.tmp, "after-expiry").csrPem });
    expect(await w.db.prisma.application.findUniqueOrThrow({ where: { id: r.applicationId } })).toMatchObject({ kind: "REKEY", replacesCertificateId: cert.id, status: "DRAFT" });
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "renewal.requested", subjectId: r.applicationId } });
    expect(audit.summary).toMatchObject({ windowClosesAt: closesAt.toISOString(), updateOrdered: false });
    // The page now shows the replacement under way instead of offering a second one.
    expect((await getMyCertificate(w.as("alice"), { certificateId: cert.id })).openReplacement).toEqual({ id: r.applicationId, kind: "REKEY", mine: true });
  });

  it("too late: 366 days after expiry a new application is needed; nothing is written", async () => {
    const cert = await certRow(w, { user: "alice" }, { expiresInDays: -366 });
    await acceptedBeforeExpiry(cert.id);
    const closesAt = new Date((await notAfterOf(cert.id)).getTime() + 365 * DAY);
    expect((await getMyCertificate(w.as("alice"), { certificateId: cert.id })).can.renew).toEqual({ ok: false, reason: "CERT_RENEWAL_TOO_LATE", at: closesAt });
    expect((await listMyCertificates(w.as("alice"), {})).find((c) => c.id === cert.id)!.deadline).toBeNull();
    const before = await writes();
    expect(await expectCode(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" }), "CERT_RENEWAL_TOO_LATE")).toEqual({ closedAt: closesAt.toISOString() });
    expect(await writes()).toEqual(before);
  });

  it("an update notice naming the certificate lifts the window: the page offers the rekey and the use case starts it", async () => {
    const cert = await certRow(w, { user: "bob" }, { expiresInDays: 250 });
    expect((await getMyCertificate(w.as("bob"), { certificateId: cert.id })).can.rekey).toMatchObject({ ok: false, reason: "CERT_RENEWAL_TOO_EARLY" });
    const notice = await w.db.prisma.updateNotice.create({
      data: { createdById: w.users.admin!, reason: "e2e: algorithm change", deadline: new Date(w.clock.now().getTime() + 30 * DAY), selection: {}, targets: { create: { certificateId: cert.id } } },
    });
    const page = await getMyCertificate(w.as("bob"), { certificateId: cert.id });
    expect(page.can.rekey).toEqual({ ok: true });
    const r = await requestRenewal(w.as("bob"), { certificateId: cert.id, kind: "REKEY", csrPem: makeCsr(w.tmp, "ordered").csrPem });
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "renewal.requested", subjectId: r.applicationId } });
    expect(audit.summary).toMatchObject({ windowClosesAt: null, updateOrdered: true });
    // Resolved, the window applies again.
    await w.db.prisma.updateNoticeTarget.updateMany({ where: { noticeId: notice.id }, data: { resolvedAt: w.clock.now() } });
    expect((await getMyCertificate(w.as("bob"), { certificateId: cert.id })).can.rekey).toMatchObject({ ok: false, reason: "CERT_RENEWAL_TOO_EARLY" });
  });

  it("a profile's own window is read from the profile; the database refuses a window outside its bounds", async () => {
    const profileId = w.profiles["encryption"]!;
    await w.db.prisma.certificateProfile.update({ where: { id: profileId }, data: { renewalOpensDaysBefore: 30, renewalClosesDaysAfter: 0 } });
    try {
      const cert = await certRow(w, { user: "alice" }, { expiresInDays: 45, profile: "encryption" });
      const notAfter = await notAfterOf(cert.id);
      expect((await getMyCertificate(w.as("alice"), { certificateId: cert.id })).can.renew).toEqual({ ok: false, reason: "CERT_RENEWAL_TOO_EARLY", at: new Date(notAfter.getTime() - 30 * DAY) });
      for (const bad of [{ renewalOpensDaysBefore: 0 }, { renewalOpensDaysBefore: 366 }, { renewalClosesDaysAfter: -1 }, { renewalClosesDaysAfter: 366 }]) {
        await expect(w.db.prisma.certificateProfile.update({ where: { id: profileId }, data: bad })).rejects.toThrow(/CertificateProfile_renewal_window_check|23514/);
      }
    } finally {
      await w.db.prisma.certificateProfile.update({ where: { id: profileId }, data: { renewalOpensDaysBefore: 90, renewalClosesDaysAfter: 365 } });
    }
  });
});
