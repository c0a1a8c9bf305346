import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueWithServerKey } from "@/server/certificate/issue-with-server-key";
import { acceptFor, makeApplication, openWorld, sh, type World } from "./fixtures";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-02 10:00"));
});
afterAll(async () => {
  await w?.close();
});

describe("the PKCS#12 password rule is the use case's, not only the form's", () => {
  it.each([
    ["too short", "Ab1-short"],
    ["two classes only", "onlylowercase1234"],
    ["too long", `Aa1-${"x".repeat(125)}`],
    ["a control character", "Correct-Horse-42\u0007"],
  ])("refuses a password that is %s before any key is made, and issues nothing", async (_why, password) => {
    const { applicationId } = await makeApplication(w, { applicant: "bob", keyGeneration: "SERVER_PKCS12" });
    await expect(issueWithServerKey(w.as("bob"), { applicationId, pkcs12Password: password })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { issues: { pkcs12Password: ["PKCS12_PASSWORD_WEAK"] } },
    });
    expect(await w.db.prisma.certificate.count({ where: { applicationId } })).toBe(0);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "certificate.issued" } })).toBe(0);
  });

  it("accepts a password of exactly 12 characters from three classes, and an unknown algorithm is refused", async () => {
    const { applicationId } = await makeApplication(w, { applicant: "bob", keyGeneration: "SERVER_PKCS12" });
    await expect(issueWithServerKey(w.as("bob"), { applicationId, pkcs12Password: "Correct-Hors", keyAlgorithm: "DSA-1024" as never })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const r = await issueWithServerKey(w.as("bob"), { applicationId, pkcs12Password: "Correct-Hors" });
    expect(await w.db.prisma.certificate.count({ where: { id: r.certificateId, applicationId } })).toBe(1);
  });
});

describe("a held PKCS#12 is handed out only while the certificate may be used (issue 15: exportPkcs12)", () => {
  it("refuses the PKCS#12 of a revoked certificate, keeping it unread; the certificate itself still downloads", async () => {
    const { downloadCertificate } = await import("@/server/certificate/download-certificate");
    const { applicationId } = await makeApplication(w, { applicant: "bob", keyGeneration: "SERVER_PKCS12" });
    const { certificateId } = await issueWithServerKey(w.as("bob"), { applicationId, pkcs12Password: "Correct-Horse-42" });
    await w.db.prisma.certificate.update({ where: { id: certificateId }, data: { revokedAt: w.clock.now(), revocationReason: "KEY_COMPROMISE", status: "REVOKED" } });
    await acceptFor(w, "bob", "DOWNLOAD");
    await expect(downloadCertificate(w.as("bob"), { certificateId })).rejects.toMatchObject({ code: "CERT_REVOKED" });
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: { pkcs12: true } });
    expect(row.pkcs12).not.toBeNull();
    const plain = await downloadCertificate(w.as("bob"), { certificateId, deliverPkcs12: false });
    expect(plain.pkcs12).toBeNull();
    expect(plain.certificatePem).toContain("BEGIN CERTIFICATE");
  });
});
