// The dashboard's reads (issue 6): each certificate's next deadline is the nearest of the test
// window, a running 24-hour revocation clock (clause 1.4), an open update notice (clause 4) and
// expiry, with its kind; notifications are listed by their mail subject in the reader's language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadCertificate } from "@/server/certificate/download-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { listMyCertificates } from "@/server/certificate/list-my-certificates";
import { listMyNotifications } from "@/server/account/list-my-notifications";
import { acceptFor, makeApplication, openWorld, sh, type World } from "../certificate/fixtures";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-01 09:00"));
  await acceptFor(w, "alice", "DOWNLOAD");
}, 120_000);
afterAll(async () => w?.close());

/** A certificate for alice issued at `issuedLocal`; downloaded (received) at `receivedLocal` when given. */
async function certificate(issuedLocal: string, receivedLocal?: string) {
  w.clock.set(sh(issuedLocal));
  const { applicationId } = await makeApplication(w, { applicant: "alice" });
  const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
  if (receivedLocal) {
    w.clock.set(sh(receivedLocal));
    await downloadCertificate(w.as("alice"), { certificateId });
  }
  return certificateId;
}

async function revocationRequest(certificateId: string, o: { kind: "LOSS_REPORT" | "REVOCATION"; status: "RECEIVED" | "COMPLIANT" | "DONE" | "REJECTED"; compliantLocal?: string; withDueAt?: boolean }) {
  const compliantAt = o.compliantLocal ? sh(o.compliantLocal) : null;
  await w.db.prisma.revocationRequest.create({
    data: {
      certificateId,
      requestedById: w.users.alice!.id,
      kind: o.kind,
      reasonCode: o.kind === "LOSS_REPORT" ? "KEY_COMPROMISE" : "UNSPECIFIED",
      status: o.status,
      receivedAt: compliantAt ?? sh("2026-03-02 08:00"),
      compliantAt,
      dueAt: compliantAt && o.withDueAt !== false ? new Date(compliantAt.getTime() + 86_400_000) : null,
    },
  });
}

async function updateNotice(certificateIds: string[], deadlineLocal: string, resolved = false) {
  const notice = await w.db.prisma.updateNotice.create({
    data: { createdById: w.users.admin!.id, reason: "算法升级", deadline: sh(deadlineLocal), selection: { profileCodes: ["individual-signing"] } },
  });
  for (const certificateId of certificateIds) {
    await w.db.prisma.updateNoticeTarget.create({ data: { noticeId: notice.id, certificateId, resolvedAt: resolved ? sh("2026-03-02 09:00") : null } });
  }
}

const deadlineOf = async (certificateId: string, local: string, who = "alice") => {
  w.clock.set(sh(local));
  const list = await listMyCertificates(w.as(who), {});
  return list.find((c) => c.id === certificateId)?.deadline;
};

describe("the next deadline of each certificate", () => {
  it("is the test window while it runs, then the nearer running revocation clock, then a nearer open update notice", async () => {
    // Received Monday 2026-03-02: the window ends at 24:00 of the 2nd working day after (Thursday 00:00).
    const id = await certificate("2026-03-02 09:00", "2026-03-02 10:00");
    expect(await deadlineOf(id, "2026-03-02 12:00")).toEqual({ kind: "testWindow", at: sh("2026-03-05 00:00") });

    // Requests that are not running (received only, done, rejected) change nothing.
    await revocationRequest(id, { kind: "REVOCATION", status: "RECEIVED" });
    await revocationRequest(id, { kind: "REVOCATION", status: "REJECTED" });
    await revocationRequest(id, { kind: "REVOCATION", status: "DONE", compliantLocal: "2026-03-01 10:00" });
    expect(await deadlineOf(id, "2026-03-02 12:00")).toEqual({ kind: "testWindow", at: sh("2026-03-05 00:00") });

    // Confirmed compliant at 13:00: due 24 hours later, before the window ends.
    await revocationRequest(id, { kind: "REVOCATION", status: "COMPLIANT", compliantLocal: "2026-03-02 13:00" });
    expect(await deadlineOf(id, "2026-03-02 14:00")).toEqual({ kind: "revocation", at: sh("2026-03-03 13:00") });

    // A resolved update notice does not count; an open one with an earlier deadline wins.
    await updateNotice([id], "2026-03-02 18:00", true);
    expect(await deadlineOf(id, "2026-03-02 14:00")).toEqual({ kind: "revocation", at: sh("2026-03-03 13:00") });
    await updateNotice([id], "2026-03-02 20:00");
    expect(await deadlineOf(id, "2026-03-02 14:00")).toEqual({ kind: "updateNotice", at: sh("2026-03-02 20:00") });
  });

  it("counts a loss report's 24 hours from the compliance time even on a suspended certificate, where expiry no longer applies", async () => {
    const id = await certificate("2026-03-03 09:00", "2026-03-03 10:00");
    await w.db.prisma.certificate.update({ where: { id }, data: { holdAt: sh("2026-03-03 11:00") } });
    await revocationRequest(id, { kind: "LOSS_REPORT", status: "COMPLIANT", compliantLocal: "2026-03-03 11:30", withDueAt: false });
    const list = await (async () => {
      w.clock.set(sh("2026-03-03 12:00"));
      return listMyCertificates(w.as("alice"), {});
    })();
    const c = list.find((x) => x.id === id)!;
    expect(c.status).toBe("SUSPENDED");
    expect(c.deadline).toEqual({ kind: "revocation", at: sh("2026-03-04 11:30") });
  });

  it("is expiry for a usable certificate with nothing nearer, an update notice once that is nearer, and none once revoked", async () => {
    const id = await certificate("2026-03-04 09:00");
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id } });
    // Issue 15: while it waits to be downloaded, the download is what matters (`next`), not a year-away expiry.
    expect(await deadlineOf(id, "2026-03-04 10:00")).toBeNull();
    expect((await listMyCertificates(w.as("alice"), {})).find((c) => c.id === id)?.next).toEqual({ step: "DOWNLOAD", actor: "APPLICANT", certificateId: id });
    await w.db.prisma.certificate.update({ where: { id }, data: { receiptAt: sh("2026-03-04 09:30"), acceptanceKind: "EXPLICIT", acceptedAt: sh("2026-03-04 09:40"), status: "ACTIVE" } });
    expect(await deadlineOf(id, "2026-03-04 10:00")).toEqual({ kind: "expiry", at: row.notAfter });
    const afterExpiry = new Date(row.notAfter.getTime() + 86_400_000);
    await w.db.prisma.updateNotice.create({
      data: { createdById: w.users.admin!.id, reason: "late", deadline: afterExpiry, selection: {}, targets: { create: [{ certificateId: id }] } },
    });
    expect(await deadlineOf(id, "2026-03-04 10:00")).toEqual({ kind: "expiry", at: row.notAfter });
    await updateNotice([id], "2026-04-01 00:00");
    expect(await deadlineOf(id, "2026-03-04 10:00")).toEqual({ kind: "updateNotice", at: sh("2026-04-01 00:00") });
    await w.db.prisma.certificate.update({ where: { id }, data: { revokedAt: sh("2026-03-04 11:00"), revocationReason: "UNSPECIFIED", status: "REVOKED" } });
    expect(await deadlineOf(id, "2026-03-04 12:00")).toBeNull();
  });

  it("lists only the reader's own certificates", async () => {
    w.clock.set(sh("2026-03-04 12:00"));
    expect(await listMyCertificates(w.as("bob"), {})).toEqual([]);
    expect((await listMyCertificates(w.as("alice"), {})).length).toBe(3);
  });
});

describe("the reader's notifications", () => {
  it("carry the mail's subject in the language asked for, a null subject for an unknown template, and only the reader's", async () => {
    const base = { toAddress: "alice@example.test", locale: "zh-CN", nextAttemptAt: sh("2026-03-05 09:00") };
    await w.db.prisma.notification.create({ data: { ...base, userId: w.users.alice!.id, template: "application.approved", payload: { applicationId: "a1", path: "/applications/a1" }, dedupeKey: "t1", createdAt: sh("2026-03-05 09:00") } });
    await w.db.prisma.notification.create({ data: { ...base, userId: w.users.alice!.id, template: "revocation.revoked", payload: { serialHex: "ABCD01" }, dedupeKey: "t2", status: "SENT", sentAt: sh("2026-03-05 10:01"), createdAt: sh("2026-03-05 10:00") } });
    await w.db.prisma.notification.create({ data: { ...base, userId: w.users.alice!.id, template: "no.such.template", payload: {}, dedupeKey: "t3", createdAt: sh("2026-03-05 11:00") } });
    await w.db.prisma.notification.create({ data: { ...base, userId: w.users.bob!.id, template: "application.approved", payload: {}, dedupeKey: "t4", createdAt: sh("2026-03-05 12:00") } });

    const en = (await listMyNotifications(w.as("alice"), { locale: "en" })).filter((n) => n.createdAt >= sh("2026-03-05 09:00"));
    expect(en.map((n) => [n.template, n.subject, n.status])).toEqual([
      ["no.such.template", null, "PENDING"],
      ["revocation.revoked", "Certificate revoked (serial ABCD01)", "SENT"],
      ["application.approved", "[Certificate Portal] Your certificate application was approved", "PENDING"],
    ]);
    expect(en[1]!.sentAt).toEqual(sh("2026-03-05 10:01"));
    const zh = (await listMyNotifications(w.as("alice"), { locale: "zh-CN" })).filter((n) => n.template === "application.approved");
    expect(zh.map((n) => n.subject)).toEqual(["【数字证书服务】您的证书申请已通过审核"]);
    expect(zh[0]).not.toHaveProperty("payload");
  });
});
