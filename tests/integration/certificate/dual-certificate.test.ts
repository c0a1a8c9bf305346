// GM/T 0034 dual certificates (issue 17 item 4): issuing an individual-dual-sm2 application
// certifies the subscriber's SM2 signing key AND an encryption key the KMC makes, links the two,
// escrows the encryption key sealed and keeps the SM2EnvelopedKey that only the signing key opens;
// revoking either half revokes both. OpenSSL reads both certificates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrivateKey } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { sm2 as SM2 } from "sm-crypto-v2";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { sm2PrivateKeyHex, sm2PublicKeyHex } from "@/ca/keys/sm2";
import { openSm2EnvelopedKey } from "@/ca/kmc/sm2-enveloped-key";
import { verifyAuditChain } from "@/server/core/audit";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { getKeyEnvelope, unsealEscrowedKey } from "@/server/kmc";
import { revokeCertificate } from "@/server/revocation/revoke-certificate";
import { supersedePredecessorOnAcceptance } from "@/server/renewal/supersede-predecessor";
import { makeApplication, openWorld, sh, type World } from "./fixtures";
import { openssl, pem } from "./pki-helpers";

let w: World;
beforeAll(async () => {
  w = await openWorld(["ec", "sm2"]);
  w.clock.set(sh("2026-03-02 10:00"));
}, 120_000);
afterAll(async () => {
  await w?.close();
});

/** An SM2 key and CSR made by OpenSSL 3 with the portal's user ID (as a subscriber's tool would). */
function sm2Csr(name: string): { csrPem: string; keyFile: string } {
  const keyFile = w.tmp.file(`${name}.key`);
  const csrFile = w.tmp.file(`${name}.csr`);
  execFileSync("openssl", ["genpkey", "-algorithm", "SM2", "-out", keyFile], { stdio: "pipe" });
  execFileSync("openssl", ["req", "-new", "-key", keyFile, "-sm3", "-sigopt", "distid:1234567812345678", "-subj", "/CN=Mallory", "-out", csrFile], { stdio: "pipe" });
  return { csrPem: readFileSync(csrFile, "utf8"), keyFile };
}

async function issueDual(applicant = "alice") {
  const csr = sm2Csr(`dual-${Math.random().toString(36).slice(2)}`);
  const { applicationId } = await makeApplication(w, { applicant, profile: "individual-dual-sm2", csrPem: csr.csrPem });
  const r = await issueCertificate(w.as("officer"), { applicationId });
  return { ...r, applicationId, keyFile: csr.keyFile };
}

describe("issuing a dual pair", () => {
  it("stores the signing and the encryption certificate linked, same subject, issuer and validity, encryption usage on the KMC key", async () => {
    const r = await issueDual();
    expect(r.encryptionCertificateId).toBeTruthy();
    const signing = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: r.certificateId }, include: { encryptionCertificate: true } });
    const encryption = signing.encryptionCertificate!;
    expect(encryption.id).toBe(r.encryptionCertificateId);
    expect(signing.keyRole).toBe("SIGNING");
    expect(encryption).toMatchObject({ keyRole: "ENCRYPTION", signingCertificateId: signing.id, applicationId: null, subscriberUserId: w.users.alice!.id, issuerId: signing.issuerId, status: "ISSUED" });
    expect(encryption.notBefore).toEqual(signing.notBefore);
    expect(encryption.notAfter).toEqual(signing.notAfter);
    expect(Buffer.from(encryption.subjectDer).equals(Buffer.from(signing.subjectDer))).toBe(true);
    expect(encryption.publicKeySha256).not.toBe(signing.publicKeySha256);

    const text = (der: Uint8Array) => openssl(["x509", "-noout", "-text"], pem(der)).out;
    expect(text(signing.der)).toMatch(/Digital Signature, Non Repudiation/);
    expect(text(encryption.der)).toMatch(/Key Encipherment, Data Encipherment, Key Agreement/);
    expect(text(encryption.der)).not.toMatch(/Digital Signature/);
    expect(text(encryption.der)).toMatch(/SM2/i);

    const escrow = await w.db.prisma.escrowedKey.findUniqueOrThrow({ where: { certificateId: encryption.id } });
    expect(escrow).toMatchObject({ algorithm: "SM2", publicKeySha256: encryption.publicKeySha256, envelopeDeliveredAt: null });
    // Never in clear: the opened envelope's scalar does not appear in the sealed bytes or anywhere in the row.
    const opened = openSm2EnvelopedKey(escrow.envelope, sm2PrivateKeyHex(createPrivateKey(readFileSync(r.keyFile))));
    const scalar = Buffer.from(opened.privateKeyHex, "hex");
    for (const bytes of [escrow.sealedPrivateKey, escrow.envelope]) expect(Buffer.from(bytes).includes(scalar)).toBe(false);
    expect((await w.db.prisma.$transaction((tx) => unsealEscrowedKey(tx, escrow.id))).equals(scalar)).toBe(true);

    const actions = (await w.db.prisma.auditEvent.findMany({ where: { subjectId: { in: [signing.id, encryption.id, escrow.id] } }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["kmc.key-generated", "kmc.key-escrowed", "certificate.issued"]));
    expect(actions.filter((a) => a === "certificate.issued")).toHaveLength(2);
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });

  it("hands the subscriber the envelope: the signing key opens it to the encryption certificate's key; another subscriber gets NOT_FOUND", async () => {
    const r = await issueDual();
    const view = await getKeyEnvelope(w.as("alice"), { certificateId: r.certificateId });
    expect(view.encryptionCertificateId).toBe(r.encryptionCertificateId);
    expect(view.signingApplicationId).toBe(r.applicationId);
    const signingKey = sm2PrivateKeyHex(createPrivateKey(readFileSync(r.keyFile)));
    const pair = openSm2EnvelopedKey(Buffer.from(view.envelopeBase64, "base64"), signingKey);
    const certPoint = sm2PublicKeyHex(parseCertificate(Buffer.from(view.encryptionCertificatePem.replace(/-----[^-]+-----|\s/g, ""), "base64")).spki);
    expect(pair.publicKeyHex).toBe(certPoint);
    expect(SM2.getPublicKeyFromPrivateKey(pair.privateKeyHex)).toBe(certPoint);

    await expect(getKeyEnvelope(w.as("bob"), { certificateId: r.certificateId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await getKeyEnvelope(w.as("alice"), { certificateId: r.encryptionCertificateId! });
    const delivered = await w.db.prisma.auditEvent.findMany({ where: { action: "kmc.envelope-delivered", subjectId: r.encryptionCertificateId! }, orderBy: { seq: "asc" } });
    expect(delivered.map((e) => (e.summary as { first: boolean }).first)).toEqual([true, false]);
    expect((await w.db.prisma.escrowedKey.findUniqueOrThrow({ where: { certificateId: r.encryptionCertificateId! } })).envelopeDeliveredAt).toEqual(w.clock.now());
  });

  it("a single SM2 certificate has no envelope (NOT_FOUND)", async () => {
    const csr = sm2Csr("single");
    const { applicationId } = await makeApplication(w, { applicant: "alice", profile: "individual-signing-sm2", csrPem: csr.csrPem });
    const r = await issueCertificate(w.as("officer"), { applicationId });
    expect(r.encryptionCertificateId).toBeNull();
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: r.certificateId } })).keyRole).toBeNull();
    await expect(getKeyEnvelope(w.as("alice"), { certificateId: r.certificateId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an EC key in the dual SM2 profile is refused and nothing is stored", async () => {
    const before = { certs: await w.db.prisma.certificate.count(), escrow: await w.db.prisma.escrowedKey.count() };
    const { applicationId } = await makeApplication(w, { applicant: "alice", profile: "individual-dual-sm2" });
    await expect(issueCertificate(w.as("officer"), { applicationId })).rejects.toMatchObject({ code: "KEY_NOT_ACCEPTED" });
    expect({ certs: await w.db.prisma.certificate.count(), escrow: await w.db.prisma.escrowedKey.count() }).toEqual(before);
  });
});

describe("one life cycle", () => {
  it.each(["signing", "encryption"] as const)("revoking the %s half revokes both, in one transaction, with one reason", async (half) => {
    const r = await issueDual();
    const named = half === "signing" ? r.certificateId : r.encryptionCertificateId!;
    const other = half === "signing" ? r.encryptionCertificateId! : r.certificateId;
    const at = w.clock.now();
    const result = await w.db.prisma.$transaction((tx) => revokeCertificate(tx, { certificateId: named, reason: "AFFILIATION_CHANGED", at, revokedById: w.users.officer!.id }));
    expect(result.pairedCertificateId).toBe(other);
    expect(result.cascade.certificateIds).toEqual([other]);
    const rows = await w.db.prisma.certificate.findMany({ where: { id: { in: [named, other] } }, include: { revocation: true } });
    for (const c of rows) {
      expect(c).toMatchObject({ status: "REVOKED", revocationReason: "AFFILIATION_CHANGED", revokedAt: at });
      expect(c.revocation).toMatchObject({ reasonCode: "AFFILIATION_CHANGED", revokedAt: at });
    }
    // Again from the other end: nothing more happens.
    const again = await w.db.prisma.$transaction((tx) => revokeCertificate(tx, { certificateId: other, reason: "AFFILIATION_CHANGED", at, revokedById: w.users.officer!.id }));
    expect(again).toMatchObject({ alreadyRevoked: true, pairedCertificateId: named, cascade: { certificateIds: [] } });
  });
});

describe("renewed together", () => {
  it("a replacement of the signing certificate is a new pair on a new KMC key; its acceptance supersedes both old halves", async () => {
    const old = await issueDual();
    const csr = sm2Csr("renewal");
    const { applicationId } = await makeApplication(w, { applicant: "alice", profile: "individual-dual-sm2", csrPem: csr.csrPem, replacesCertificateId: old.certificateId });
    const renewed = await issueCertificate(w.as("officer"), { applicationId });
    const [oldEnc, newEnc] = await Promise.all([old.encryptionCertificateId!, renewed.encryptionCertificateId!].map((id) => w.db.prisma.certificate.findUniqueOrThrow({ where: { id } })));
    expect(newEnc!.signingCertificateId).toBe(renewed.certificateId);
    expect(newEnc!.publicKeySha256).not.toBe(oldEnc!.publicKeySha256);
    // Until the new pair is accepted the old one stays valid (the subscriber may still object).
    expect(oldEnc!.status).toBe("ISSUED");

    const now = w.clock.now();
    await w.db.prisma.certificate.update({ where: { id: renewed.certificateId }, data: { acceptanceKind: "EXPLICIT", acceptedAt: now, receiptAt: now, status: "ACTIVE" } });
    await w.db.prisma.$transaction((tx) => supersedePredecessorOnAcceptance(tx, renewed.certificateId, now));
    for (const id of [old.certificateId, old.encryptionCertificateId!]) {
      expect(await w.db.prisma.certificate.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REVOKED", revocationReason: "SUPERSEDED" });
    }
    for (const id of [renewed.certificateId, renewed.encryptionCertificateId!]) {
      expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    }
  });
});
