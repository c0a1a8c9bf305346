// Issue 15 item 5: the acceptance receipt as a page to read, beside its signed files: the same
// record under the same rules (the accepter's own by id; the certificate's holder by certificate),
// the hash of the exact JSON the files sign, and nothing signed or written to read it.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { getAcceptanceReceipt, getCertificateAcceptanceReceipt } from "@/server/certificate/get-acceptance-receipt";
import { getAcceptanceReceiptView, getCertificateAcceptanceReceiptView } from "@/server/certificate/get-acceptance-receipt-view";
import { acceptCurrentAgreement } from "@/testing/fixtures/accept-current-agreement";
import { issueCert, openWorld, type World } from "../revocation/fixtures";

let w: World;
const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
beforeAll(async () => {
  w = await openWorld(start);
  await seedDefaultAgreement(w.db.prisma, new Date(start.getTime() - 86_400_000), {});
});
afterAll(async () => {
  await w?.close();
});

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

describe("the readable acceptance receipt", () => {
  it("says what the signed JSON says, with its SHA-256; by id only the accepter's own, by certificate only its holder's", async () => {
    const { acceptanceId } = await acceptCurrentAgreement(w.as("alice"), "APPLY");
    w.clock.advance(1000);
    const cert = await issueCert(w, { user: "alice" });
    const profile = await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
    const app = await w.db.prisma.application.create({
      data: { kind: "NEW", status: "ISSUED", applicantId: w.users.alice!.id, subjectType: "INDIVIDUAL", profileId: profile.id, submittedAt: w.clock.now(), createdAt: new Date(w.clock.now().getTime() - 1000) },
    });
    await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { applicationId: app.id } });

    const audit = await w.db.prisma.auditEvent.count();
    const mine = await getAcceptanceReceiptView(w.as("alice"), { acceptanceId });
    const byCert = await getCertificateAcceptanceReceiptView(w.as("alice"), { certificateId: cert.id });
    expect(await w.db.prisma.auditEvent.count()).toBe(audit);

    const files = await getAcceptanceReceipt(w.as("alice"), { acceptanceId });
    expect(mine.sha256).toBe(sha256(files.json));
    expect(mine.document).toEqual(JSON.parse(files.json));
    expect(mine.document.acceptance).toMatchObject({ id: acceptanceId, context: "APPLY", acceptedBy: { userId: w.users.alice!.id } });
    expect(byCert.sha256).toBe(sha256((await getCertificateAcceptanceReceipt(w.as("alice"), { certificateId: cert.id })).json));
    expect(byCert.document.acceptance.id).toBe(acceptanceId);

    await expect(getAcceptanceReceiptView(w.as("bob"), { acceptanceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCertificateAcceptanceReceiptView(w.as("bob"), { certificateId: cert.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAcceptanceReceiptView(w.as("alice"), { acceptanceId: "x" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("an organisation's certificate: the named holder reads the administrator's acceptance without the accepter's address, network address or browser; an agent without the scope and staff do not, as for the files", async () => {
    const { acceptanceId } = await acceptCurrentAgreement(w.as("orgAdmin"), "APPLY", w.orgId);
    w.clock.advance(1000);
    const cert = await issueCert(w, { organisation: true, holder: "holder" });
    const profile = await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
    const app = await w.db.prisma.application.create({
      data: { kind: "NEW", status: "ISSUED", applicantId: w.users.orgAdmin!.id, organisationId: w.orgId, subjectType: "ORGANISATION", profileId: profile.id, submittedAt: w.clock.now(), createdAt: new Date(w.clock.now().getTime() - 1000) },
    });
    await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { applicationId: app.id } });

    const admin = await getCertificateAcceptanceReceiptView(w.as("orgAdmin"), { certificateId: cert.id });
    expect(admin.document.acceptance).toMatchObject({ id: acceptanceId, acceptedBy: { email: "orgAdmin@example.test" }, onBehalfOfOrganisation: { id: w.orgId } });
    const holder = await getCertificateAcceptanceReceiptView(w.as("holder"), { certificateId: cert.id });
    expect(holder.document.acceptance).toMatchObject({ id: acceptanceId, acceptedBy: { email: null }, ip: null, userAgent: null });
    expect(JSON.stringify(holder)).not.toContain("orgAdmin@example.test");
    expect(holder.sha256).toBe(sha256((await getCertificateAcceptanceReceipt(w.as("holder"), { certificateId: cert.id })).json));
    // By id, only the accepter's own.
    await expect(getAcceptanceReceiptView(w.as("holder"), { acceptanceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const who of ["agent", "agentNoRevoke", "officer", "admin"]) {
      await expect(getCertificateAcceptanceReceiptView(w.as(who), { certificateId: cert.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getCertificateAcceptanceReceipt(w.as(who), { certificateId: cert.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
