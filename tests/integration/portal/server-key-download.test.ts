// The portal's download route asks for the server-made PKCS#12 only with format p12: a
// certificate-only download (deliverPkcs12: false) must leave the held file alone, so the
// subscriber cannot lose the key by fetching the PEM first; the p12 download hands it out once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadCertificate } from "@/server/certificate/download-certificate";
import { issueWithServerKey } from "@/server/certificate/issue-with-server-key";
import { acceptFor, makeApplication, openWorld, sh, type World } from "../certificate/fixtures";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-02 10:00"));
  await acceptFor(w, "alice", "DOWNLOAD");
}, 120_000);
afterAll(async () => w?.close());

describe("downloading a certificate whose key the server made", () => {
  it("keeps the PKCS#12 through certificate-only downloads and erases it at the one PKCS#12 download", async () => {
    const { applicationId } = await makeApplication(w, { applicant: "alice", keyGeneration: "SERVER_PKCS12" });
    const { certificateId } = await issueWithServerKey(w.as("alice"), { applicationId, pkcs12Password: "Correct-Horse 2026", keyAlgorithm: "EC-P256" });
    const held = async () => (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } })).pkcs12 !== null;

    const receiptAt = async () => (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } })).receiptAt;

    const pem = await downloadCertificate(w.as("alice"), { certificateId, deliverPkcs12: false });
    expect(pem.pkcs12).toBeNull();
    // Without the key the certificate is not received yet: no receipt, no test window.
    expect(pem.receipt).toBeNull();
    expect(await receiptAt()).toBeNull();
    expect(await held()).toBe(true);

    w.clock.advance(60_000);
    const p12 = await downloadCertificate(w.as("alice"), { certificateId, deliverPkcs12: true });
    expect(p12.pkcs12?.length).toBeGreaterThan(500);
    expect(p12.receipt?.receiptAt).toEqual(w.clock.now());
    expect(await receiptAt()).toEqual(w.clock.now());
    expect(await held()).toBe(false);

    expect((await downloadCertificate(w.as("alice"), { certificateId, deliverPkcs12: true })).pkcs12).toBeNull();
    const events = await w.db.prisma.auditEvent.findMany({ where: { subjectId: certificateId, action: { startsWith: "certificate." } }, orderBy: { seq: "asc" } });
    const downloads = events.filter((e) => e.action !== "certificate.issued");
    expect(downloads.map((e) => [e.action, (e.summary as { pkcs12Delivered?: boolean }).pkcs12Delivered])).toEqual([
      ["certificate.downloaded", false],
      ["certificate.received-by-download", true],
      ["certificate.downloaded", false],
    ]);
  });
});
