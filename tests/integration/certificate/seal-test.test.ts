import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pemToDer } from "@/ca/asn1/certificate-parts";
import { signSealPdf, timestampRequest } from "@/client/pdf-seal-sign";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import { sealSamplePdf, verifySealTest } from "@/server/certificate/verify-seal-test";
import { readSealImage } from "@/server/certificate/read-seal-image";
import { storeDocument } from "@/server/document/store-document";
import { acceptFor, makeApplication, openWorld, sh, type World } from "./fixtures";
import { byteRangeOf, p256Signer, pdfimagesList, pdfsig, sealPng, tsaOf, withoutTimestamp } from "./seal-pdf-helpers";

// Clause 1.8 test 3 with a real PDF (issue 17 item 5): the server's sample PDF, signed as PAdES
// B-T by the page's own code with the certificate's key and our TSA, verified by the server and
// by pdfsig (poppler on NSS, trusting our root); every bad file is refused with its reason and
// nothing is recorded.

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-16 09:00"));
  await acceptFor(w, "alice", "DOWNLOAD");
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const SEAL = sealPng();

let orgCount = 0;
/** An issued certificate of `profile` for alice; with a real SEAL_IMAGE document on the application when asked. */
async function issued(profile: "organization-seal" | "individual-signing", withSeal: boolean) {
  orgCount += 1;
  const org =
    profile === "organization-seal"
      ? await w.db.prisma.organisation.create({ data: { name: `示例科技有限公司${orgCount}`, unifiedSocialCreditCode: `91350100M0002${String(orgCount).padStart(4, "0")}Y` } })
      : null;
  const { applicationId, keyFile } = await makeApplication(w, {
    applicant: "alice",
    profile,
    organisationId: org?.id,
    subjectDetails: org ? { usageScope: { kind: "系统", name: "电子印章系统" }, sealName: `${org.name}合同专用章` } : undefined,
  });
  if (withSeal) {
    await w.db.prisma.$transaction((tx) =>
      storeDocument(tx, { ownerUserId: w.users.alice!.id, kind: "SEAL_IMAGE", file: { fileName: "seal.png", bytes: SEAL }, applicationId, now: w.clock.now() }),
    );
  }
  const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
  await recordHandOver(w.as("officer"), { certificateId, method: "IN_PERSON", collectedBy: "李爱丽" });
  const mine = await getMyCertificate(w.as("alice"), { certificateId });
  return { certificateId, serial: mine.serialHex, der: pemToDer(mine.certificatePem), chain: mine.chainPems.map((p) => pemToDer(p)), keyFile: keyFile! };
}

type Issued = Awaited<ReturnType<typeof issued>>;

/** What the test page does: the server's sample for the certificate, signed with `keyOf`'s key and certificate. */
async function signedSample(c: Issued, keyOf: Issued = c): Promise<Buffer> {
  const seal = await readSealImage(w.as("alice"), { certificateId: c.certificateId });
  const prepared = await sealSamplePdf({
    certificateDer: c.der,
    serialHex: c.serial,
    preparedAt: w.clock.now(),
    image: seal ? { contentType: seal.contentType, bytes: Buffer.from(seal.base64, "base64") } : null,
  });
  return Buffer.from(await signSealPdf(prepared, keyOf.der, keyOf.chain, await p256Signer(keyOf.keyFile), tsaOf(w.db.prisma, w.clock)));
}

const send = (certificateId: string, pdf: Buffer) => verifySealTest(w.as("alice"), { certificateId, pdf: pdf.toString("base64") });
const results = (certificateId: string) => w.db.prisma.certificateTestResult.count({ where: { certificateId } });
const refusedFor = (rule: string) => ({ code: "SEAL_PDF_REFUSED", details: expect.objectContaining({ rule }) });

describe("seal test with a signed PDF (clause 1.8 test 3; PAdES B-T)", () => {
  let c: Issued;
  let signed: Buffer;
  beforeAll(async () => {
    c = await issued("organization-seal", true);
    signed = await signedSample(c);
  }, 60_000);

  it("passes: the server verifies the signature, the timestamp and that the file is its sample with the application's seal; pdfsig agrees and finds the seal image", async () => {
    const r = await send(c.certificateId, signed);
    expect(r).toMatchObject({ passed: true, serverCheck: "SIGNED_AND_BOUND" });
    const row = await w.db.prisma.certificateTestResult.findUniqueOrThrow({ where: { id: r.testResultId } });
    expect(row).toMatchObject({ kind: "SEAL", passed: true, certificateId: c.certificateId });
    expect(row.details).toMatchObject({ format: "PAdES-B-T", serverCheck: "SIGNED_AND_BOUND", timestampedAt: w.clock.now().toISOString() });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "certificate.test-recorded", subjectId: c.certificateId } })).toBe(1);

    const file = w.tmp.file("signed.pdf", signed);
    const judged = pdfsig(w.tmp, file, c.chain);
    expect(judged).toContain("Signature Type: ETSI.CAdES.detached");
    expect(judged).toContain("Signature Validation: Signature is Valid.");
    expect(judged).toContain("Total document signed");
    expect(judged).toContain("Signing Hash Algorithm: SHA-256");
    expect(judged).toContain(`Signer full Distinguished Name: CN=示例科技有限公司${orgCount}合同专用章,`);
    // The certificate line: poppler asks NSS for the e-mail-signer usage, and the seal profile's
    // only extended key usage, id-kp-documentSigning (RFC 9336), is not one NSS knows for it, so
    // NSS says "Unknown issue" for a seal certificate whatever its chain. The same pdfsig and NSS
    // database trust a PDF signed the same way with a signing certificate (emailProtection among
    // its usages): the test below asserts "Certificate is Trusted." there.
    expect(judged).toContain("Certificate Validation: Unknown issue with Certificate or corrupted data.");
    // The seal image is drawn on page 1 (with its transparency as a soft mask).
    expect(pdfimagesList(file)).toMatch(/^\s+1\s+0\s+image\s+96\s+96\s+rgb/m);
  });

  it("one byte changed inside the signed range: pdfsig says invalid, the server refuses it and records nothing", async () => {
    const [, b, c2] = byteRangeOf(signed);
    const changed = Buffer.from(signed);
    // One hex digit of the signature dictionary's /Reason: still a well-formed PDF, but not the signed one.
    const at = changed.indexOf("/Reason <", 0, "latin1") + "/Reason <FEFF".length;
    expect(at).toBeGreaterThan(20);
    expect(at < b || at >= c2).toBe(true);
    changed[at] = changed[at] === 0x30 ? 0x31 : 0x30;
    const judged = pdfsig(w.tmp, w.tmp.file("changed.pdf", changed), c.chain);
    expect(judged).toContain("Signature Validation: Digest Mismatch.");
    const before = await results(c.certificateId);
    await expect(send(c.certificateId, changed)).rejects.toMatchObject(refusedFor("DIGEST_MISMATCH"));
    expect(await results(c.certificateId)).toBe(before);
  });

  it("a broken /ByteRange, an appended update, no timestamp, a foreign timestamp, not a PDF: each refused with its reason, nothing recorded", async () => {
    const before = await results(c.certificateId);
    const text = signed.toString("latin1");
    const [, b, cc, d] = byteRangeOf(signed);
    const range = `[0 ${b} ${cc} ${d}]`;
    const broken = Buffer.from(text.replace(range, `[0 ${b} ${cc} ${d - 1}]`.padEnd(range.length, " ")), "latin1");
    await expect(send(c.certificateId, broken)).rejects.toMatchObject(refusedFor("BYTE_RANGE_INVALID"));
    const shifted = Buffer.from(text.replace(range, `[0 ${b - 1} ${cc} ${d}]`.padEnd(range.length, " ")), "latin1");
    await expect(send(c.certificateId, shifted)).rejects.toMatchObject(refusedFor("BYTE_RANGE_INVALID"));
    const appended = Buffer.concat([signed, Buffer.from("\n% an incremental update the signature does not cover\n%%EOF\n")]);
    await expect(send(c.certificateId, appended)).rejects.toMatchObject(refusedFor("BYTE_RANGE_INVALID"));
    await expect(send(c.certificateId, withoutTimestamp(signed))).rejects.toMatchObject(refusedFor("TIMESTAMP_MISSING"));
    // A token of our TSA, but over other data than this signature.
    const prepared = await sealSamplePdf({ certificateDer: c.der, serialHex: c.serial, preparedAt: w.clock.now(), image: { contentType: "image/png", bytes: SEAL } });
    const tsa = tsaOf(w.db.prisma, w.clock);
    const foreign = Buffer.from(await signSealPdf(prepared, c.der, c.chain, await p256Signer(c.keyFile), () => tsa(timestampRequest(new Uint8Array(32), Uint8Array.of(1)))));
    await expect(send(c.certificateId, foreign)).rejects.toMatchObject(refusedFor("TIMESTAMP_INVALID"));
    await expect(send(c.certificateId, Buffer.from("GIF89a not a pdf"))).rejects.toMatchObject(refusedFor("NOT_A_PDF"));
    const unsigned = Buffer.from(prepared);
    await expect(send(c.certificateId, unsigned)).rejects.toMatchObject(refusedFor("SIGNATURE_MISSING"));
    await expect(verifySealTest(w.as("alice"), { certificateId: c.certificateId, pdf: "A".repeat(1_000_000) })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await results(c.certificateId)).toBe(before);
  });

  it("signed with another certificate's key: refused as the wrong certificate, nothing recorded", async () => {
    const other = await issued("individual-signing", false);
    const before = await results(c.certificateId);
    await expect(send(c.certificateId, await signedSample(c, other))).rejects.toMatchObject(refusedFor("WRONG_CERTIFICATE"));
    expect(await results(c.certificateId)).toBe(before);
  });

  it("a sample older than a day is refused; only the holder may send one", async () => {
    const old = await signedSample(c);
    w.clock.set(new Date(w.clock.now().getTime() + 25 * 3600_000));
    try {
      await expect(send(c.certificateId, old)).rejects.toMatchObject(refusedFor("SAMPLE_EXPIRED"));
    } finally {
      w.clock.set(sh("2026-03-16 09:00"));
    }
    await expect(verifySealTest(w.as("bob"), { certificateId: c.certificateId, pdf: signed.toString("base64") })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("seal test without a seal image, and on a certificate that is not a seal certificate", () => {
  it("the placeholder sample verifies but does not pass; a non-seal certificate is recorded as such, and pdfsig trusts its signature", async () => {
    const c = await issued("organization-seal", false);
    expect(await send(c.certificateId, await signedSample(c))).toMatchObject({ passed: false, serverCheck: "PLACEHOLDER_SEAL" });
    const p = await issued("individual-signing", false);
    const signed = await signedSample(p);
    expect(await send(p.certificateId, signed)).toMatchObject({ passed: false, serverCheck: "NOT_SEAL_CERTIFICATE" });
    const judged = pdfsig(w.tmp, w.tmp.file("signing-profile.pdf", signed), p.chain);
    expect(judged).toContain("Signature Validation: Signature is Valid.");
    expect(judged).toContain("Certificate Validation: Certificate is Trusted.");
    expect(judged).toContain("Total document signed");
  });

  it("a validly signed file that is not the server's sample (another seal picture) is recorded as a seal mismatch", async () => {
    const c = await issued("organization-seal", true);
    const prepared = await sealSamplePdf({ certificateDer: c.der, serialHex: c.serial, preparedAt: w.clock.now(), image: null });
    const signed = Buffer.from(await signSealPdf(prepared, c.der, c.chain, await p256Signer(c.keyFile), tsaOf(w.db.prisma, w.clock)));
    expect(await send(c.certificateId, signed)).toMatchObject({ passed: false, serverCheck: "SEAL_MISMATCH" });
  });
});
