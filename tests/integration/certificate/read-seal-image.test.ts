// The seal test's picture (clause 1.8 test 3): the holder of a seal certificate gets the seal
// image of its application, decrypted and checked against its recorded hash; every read is
// audited; nobody else gets it; an altered stored image is refused, not shown.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { readSealImage } from "@/server/certificate/read-seal-image";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import { verifyAuditChain } from "@/server/core/audit";
import { sealDocument } from "@/server/document/document-crypto";
import { makeDocumentKeyRing, setDocumentKeyRing, type DocumentKeyRing } from "@/server/document/document-keys";
import { pngBytes } from "../application/fixtures";
import { acceptFor, makeApplication, openWorld, sh, type World } from "./fixtures";

let w: World;
let ring: DocumentKeyRing;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-16 09:00"));
  ring = makeDocumentKeyRing(randomBytes(32));
  setDocumentKeyRing(ring);
  await acceptFor(w, "alice", "DOWNLOAD");
}, 120_000);
afterAll(async () => {
  setDocumentKeyRing(null);
  await w?.close();
});

let n = 0;
async function sealCertificate(image?: { bytes: Buffer; type: string }) {
  n += 1;
  const org = await w.db.prisma.organisation.create({ data: { name: `印章测试有限公司${n}`, unifiedSocialCreditCode: `91350100M0002${String(n).padStart(4, "0")}Y` } });
  const { applicationId } = await makeApplication(w, {
    applicant: "alice",
    profile: "organization-seal",
    organisationId: org.id,
    subjectDetails: { usageScope: { kind: "系统", name: "电子印章系统" }, sealName: `${org.name}合同专用章` },
  });
  let documentId: string | null = null;
  if (image) {
    const doc = await w.db.prisma.document.create({
      data: { applicationId, ownerUserId: w.users.alice!.id, kind: "SEAL_IMAGE", fileName: "seal", sniffedType: image.type, size: image.bytes.length, sha256: createHash("sha256").update(image.bytes).digest("hex"), keyId: "pending" },
    });
    const sealed = sealDocument(ring, doc.id, image.bytes);
    await w.db.prisma.document.update({ where: { id: doc.id }, data: { encrypted: Uint8Array.from(sealed.encrypted), iv: Uint8Array.from(sealed.iv), tag: Uint8Array.from(sealed.tag), keyId: sealed.keyId } });
    documentId = doc.id;
  }
  const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
  await recordHandOver(w.as("officer"), { certificateId, method: "IN_PERSON", collectedBy: "李爱丽" });
  return { certificateId, documentId };
}

describe("read the seal image for the seal test", () => {
  it("gives the holder the decrypted image with its hash, and audits the read", async () => {
    const png = pngBytes();
    const c = await sealCertificate({ bytes: png, type: "image/png" });
    const r = await readSealImage(w.as("alice"), { certificateId: c.certificateId });
    expect(r).toEqual({ contentType: "image/png", sha256: createHash("sha256").update(png).digest("hex"), base64: png.toString("base64") });
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "document.read", subjectId: c.documentId! } });
    expect(event.summary).toMatchObject({ via: "CERTIFICATE_HOLDER_SEAL_TEST", certificateId: c.certificateId });
  });

  it("says there is none when the application has no seal picture, and records the look-up", async () => {
    const c = await sealCertificate();
    expect(await readSealImage(w.as("alice"), { certificateId: c.certificateId })).toBeNull();
    expect(await w.db.prisma.auditEvent.count({ where: { action: "document.seal-image-looked-up", subjectId: c.certificateId } })).toBe(1);
  });

  it("refuses others, and refuses an image whose stored bytes no longer match", async () => {
    const c = await sealCertificate({ bytes: pngBytes(), type: "image/png" });
    await expect(readSealImage(w.as("bob"), { certificateId: c.certificateId })).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) });
    await expect(readSealImage(w.as("officer"), { certificateId: c.certificateId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const reads = await w.db.prisma.auditEvent.count({ where: { action: "document.read", subjectId: c.documentId! } });
    // The stored ciphertext replaced by a valid encryption of other content: the recorded hash stops it.
    const other = sealDocument(ring, c.documentId!, Buffer.from("not the seal"));
    await w.db.prisma.document.update({ where: { id: c.documentId! }, data: { encrypted: Uint8Array.from(other.encrypted), iv: Uint8Array.from(other.iv), tag: Uint8Array.from(other.tag) } });
    await expect(readSealImage(w.as("alice"), { certificateId: c.certificateId })).rejects.toMatchObject({ code: "DOCUMENT_INTEGRITY" });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "document.read", subjectId: c.documentId! } })).toBe(reads);
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
  });
});
