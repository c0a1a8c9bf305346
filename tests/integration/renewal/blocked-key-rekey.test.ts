// Issue 14 item 4: a rekey (or change) with a new CSR is one of issuance's doors: a key on the
// blocked list is refused there with KEY_BLOCKED and its evidence, and no application is opened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsr } from "@/ca";
import { requestRenewal } from "@/server/renewal/request-renewal";
import { makeCsr } from "../certificate/pki-helpers";
import { DAY, acceptFor, certRow, openWorld, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  await acceptFor(w, "alice", "RENEW");
}, 120_000);
afterAll(async () => {
  await w?.close();
});

describe("rekey with a blocked key", () => {
  it("is refused with KEY_BLOCKED, audited, nothing opened; another key opens the rekey", async () => {
    // Expired 30 days ago, accepted in its time: renewable (the renewal window's own tests cover why).
    const cert = await certRow(w, { user: "alice" }, { expiresInDays: -30 });
    const notAfter = (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).notAfter;
    const receiptAt = new Date(notAfter.getTime() - 300 * DAY);
    await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { notBefore: new Date(receiptAt.getTime() - DAY), receiptAt, testWindowDeadline: new Date(receiptAt.getTime() + 2 * DAY), acceptedAt: new Date(receiptAt.getTime() + DAY) } });

    const { csrPem } = makeCsr(w.tmp, "blocked-rekey");
    const spkiSha256 = parseCsr(csrPem).spkiSha256;
    await w.db.prisma.blockedKey.create({ data: { spkiSha256, blockedAt: w.clock.now(), reason: "KEY_COMPROMISE", source: "PROBLEM_REPORT" } });
    const applications = await w.db.prisma.application.count();

    await expect(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "REKEY", csrPem })).rejects.toMatchObject({ code: "KEY_BLOCKED", details: { field: "csrPem" } });
    expect(await w.db.prisma.application.count()).toBe(applications);
    const refused = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "certificate.blocked-key-refused", subjectId: cert.id } });
    expect(refused.summary).toMatchObject({ door: "REKEY", spkiSha256, certificateId: cert.id });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "renewal.requested" } })).toBe(0);

    await expect(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "REKEY", csrPem: makeCsr(w.tmp, "fresh-rekey").csrPem })).resolves.toMatchObject({ status: "DRAFT", kind: "REKEY" });
  });
});
