import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import { verifySealTest } from "@/server/certificate/verify-seal-test";
import { acceptFor, makeApplication, openWorld, sh, type World } from "./fixtures";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-16 09:00"));
  await acceptFor(w, "alice", "DOWNLOAD");
});
afterAll(async () => {
  await w?.close();
});

const SEAL_PNG = Buffer.from("a seal image, bytes as uploaded");
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const signWith = (keyFile: string, text: string) => execFileSync("openssl", ["dgst", "-sha256", "-sign", keyFile], { input: Buffer.from(text, "utf8") }).toString("base64");

let orgCount = 0;
/** An issued certificate of `profile` for alice; with a SEAL_IMAGE document on the application when asked. */
async function issued(profile: "organization-seal" | "individual-signing", withSeal: boolean) {
  orgCount += 1;
  const org =
    profile === "organization-seal"
      ? await w.db.prisma.organisation.create({ data: { name: `示例科技有限公司${orgCount}`, unifiedSocialCreditCode: `91350100M0001${String(orgCount).padStart(4, "0")}Y` } })
      : null;
  const { applicationId, keyFile } = await makeApplication(w, {
    applicant: "alice",
    profile,
    organisationId: org?.id,
    subjectDetails: org ? { usageScope: { kind: "系统", name: "电子印章系统" }, sealName: `${org.name}合同专用章` } : undefined,
  });
  if (withSeal) {
    await w.db.prisma.document.create({
      data: {
        applicationId,
        ownerUserId: w.users.alice!.id,
        kind: "SEAL_IMAGE",
        fileName: "seal.png",
        sniffedType: "image/png",
        size: SEAL_PNG.length,
        sha256: sha256(SEAL_PNG),
        encrypted: new Uint8Array([1, 2, 3]),
        iv: new Uint8Array(12),
        tag: new Uint8Array(16),
        keyId: "k1",
      },
    });
  }
  const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
  await recordHandOver(w.as("officer"), { certificateId, method: "IN_PERSON", collectedBy: "李爱丽" });
  const cert = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
  return { certificateId, serial: cert.serialHex, keyFile: keyFile! };
}

const sample = (serial: string, imageHash: string, sealSource: "application" | "placeholder" = "application") =>
  JSON.stringify({ type: "seal-test-sample", certificateSerial: serial, sealImageSha256: imageHash, sealSource, text: "印章测试样本文件" });

describe("seal test (clause 1.8 test 3): the server verifies the signature and the seal binding", () => {
  it("passes when the signed sample names the application's seal image and the certificate's key signed it", async () => {
    const c = await issued("organization-seal", true);
    const document = sample(c.serial, sha256(SEAL_PNG));
    const r = await verifySealTest(w.as("alice"), { certificateId: c.certificateId, document, signature: signWith(c.keyFile, document) });
    expect(r).toMatchObject({ passed: true, serverCheck: "SIGNED_AND_BOUND" });
    const row = await w.db.prisma.certificateTestResult.findUniqueOrThrow({ where: { id: r.testResultId } });
    expect(row).toMatchObject({ kind: "SEAL", passed: true, certificateId: c.certificateId });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "certificate.test-recorded", subjectId: c.certificateId } })).toBe(1);

    // The same signature over a changed document, a different seal image, another key: all fail, each recorded.
    const tampered = document.replace("样本", "样品");
    expect(await verifySealTest(w.as("alice"), { certificateId: c.certificateId, document: tampered, signature: signWith(c.keyFile, document) })).toMatchObject({
      passed: false,
      serverCheck: "SIGNATURE_INVALID",
    });
    const otherImage = sample(c.serial, sha256("another picture"));
    expect(await verifySealTest(w.as("alice"), { certificateId: c.certificateId, document: otherImage, signature: signWith(c.keyFile, otherImage) })).toMatchObject({
      passed: false,
      serverCheck: "SEAL_MISMATCH",
    });
    const other = await issued("individual-signing", false);
    expect(await verifySealTest(w.as("alice"), { certificateId: c.certificateId, document, signature: signWith(other.keyFile, document) })).toMatchObject({
      passed: false,
      serverCheck: "SIGNATURE_INVALID",
    });
    const otherSerial = sample(other.serial, sha256(SEAL_PNG));
    expect(await verifySealTest(w.as("alice"), { certificateId: c.certificateId, document: otherSerial, signature: signWith(c.keyFile, otherSerial) })).toMatchObject({
      passed: false,
      serverCheck: "WRONG_CERTIFICATE",
    });
    expect(await w.db.prisma.certificateTestResult.count({ where: { certificateId: c.certificateId, kind: "SEAL", passed: false } })).toBe(4);
  });

  it("with no seal document on file, a placeholder is signed but the test does not pass; a non-seal certificate is refused the seal test", async () => {
    const c = await issued("organization-seal", false);
    const document = sample(c.serial, sha256("placeholder"), "placeholder");
    expect(await verifySealTest(w.as("alice"), { certificateId: c.certificateId, document, signature: signWith(c.keyFile, document) })).toMatchObject({
      passed: false,
      serverCheck: "PLACEHOLDER_SEAL",
    });
    const p = await issued("individual-signing", false);
    const doc2 = sample(p.serial, sha256(SEAL_PNG));
    expect(await verifySealTest(w.as("alice"), { certificateId: p.certificateId, document: doc2, signature: signWith(p.keyFile, doc2) })).toMatchObject({
      passed: false,
      serverCheck: "NOT_SEAL_CERTIFICATE",
    });
    expect(await verifySealTest(w.as("alice"), { certificateId: c.certificateId, document: "not json", signature: "AAAA" })).toMatchObject({ serverCheck: "DOCUMENT_MALFORMED" });
  });

  it("only the holder may run it", async () => {
    const c = await issued("organization-seal", true);
    const document = sample(c.serial, sha256(SEAL_PNG));
    await expect(verifySealTest(w.as("bob"), { certificateId: c.certificateId, document, signature: signWith(c.keyFile, document) })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
