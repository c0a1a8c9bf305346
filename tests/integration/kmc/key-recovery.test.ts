// Judicial recovery of an escrowed SM2 encryption key (issue 17 item 4): one CA administrator
// requests it with the legal basis and the recipient's SM2 key, the same administrator cannot
// approve, a second one's approval envelopes the key to the recipient; the stored result and the
// download hold only the envelope, which the recipient's private key opens to the encryption
// certificate's key. A single certificate or a non-SM2 recipient key is refused, nothing stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { sm2 as SM2 } from "sm-crypto-v2";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { sm2PrivateKeyHex, sm2PublicKeyHex } from "@/ca/keys/sm2";
import { openSm2EnvelopedKey } from "@/ca/kmc/sm2-enveloped-key";
import type { Role } from "@/generated/prisma/client";
import { approveRequest, getApproval, getRecoveredKeyEnvelope, requestApproval } from "@/server/approval";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { verifyAuditChain } from "@/server/core/audit";
import type { ServiceContext } from "@/server/core";
import { recoverEscrowedKey } from "@/server/kmc";
import { makeApplication, openWorld, sh, type World } from "../certificate/fixtures";
import { approvedAs } from "../support/approval";

let w: World;
const admins: Record<string, { id: string; roles: Role[] }> = {};
const as = (name: string): ServiceContext => ({ ...w.as("admin"), actor: { userId: admins[name]!.id, roles: admins[name]!.roles, secondFactor: true } });

beforeAll(async () => {
  w = await openWorld(["ec", "sm2"]);
  w.clock.set(sh("2026-03-02 10:00"));
  admins.admin = w.users.admin!;
  const u = await w.db.prisma.user.create({ data: { email: "admin2@example.test", passwordHash: "x", roles: ["CA_ADMIN"], emailVerifiedAt: w.clock.now() } });
  admins.admin2 = { id: u.id, roles: ["CA_ADMIN"] };
}, 120_000);
afterAll(async () => {
  await w?.close();
});

function sm2Csr(name: string): string {
  const keyFile = w.tmp.file(`${name}.key`);
  const csrFile = w.tmp.file(`${name}.csr`);
  execFileSync("openssl", ["genpkey", "-algorithm", "SM2", "-out", keyFile], { stdio: "pipe" });
  execFileSync("openssl", ["req", "-new", "-key", keyFile, "-sm3", "-sigopt", "distid:1234567812345678", "-subj", "/CN=Alice", "-out", csrFile], { stdio: "pipe" });
  return readFileSync(csrFile, "utf8");
}

async function issue(profile: "individual-dual-sm2" | "individual-signing-sm2") {
  const { applicationId } = await makeApplication(w, { applicant: "alice", profile, csrPem: sm2Csr(`${profile}-${Math.random().toString(36).slice(2)}`) });
  return issueCertificate(w.as("officer"), { applicationId });
}

/** The court's key: an SM2 key made by OpenSSL; its public key as PEM SPKI. */
function recipientKey(): { privateKeyHex: string; publicPem: string } {
  const keyFile = w.tmp.file(`court-${Math.random().toString(36).slice(2)}.key`);
  execFileSync("openssl", ["genpkey", "-algorithm", "SM2", "-out", keyFile], { stdio: "pipe" });
  const key = createPrivateKey(readFileSync(keyFile));
  return { privateKeyHex: sm2PrivateKeyHex(key), publicPem: createPublicKey(key).export({ type: "spki", format: "pem" }).toString() };
}

const LEGAL_BASIS = "（2026）京0105刑初123号 协助执行通知书";
const counts = async () => ({ requests: await w.db.prisma.approvalRequest.count(), recovered: await w.db.prisma.auditEvent.count({ where: { action: "kmc.key-recovered" } }) });

describe("judicial key recovery", () => {
  it("requested by one administrator, refused to the same one, approved by a second: only the envelope leaves, and the recipient opens it", async () => {
    const r = await issue("individual-dual-sm2");
    const court = recipientKey();
    // Asked with the signing half's id: either half names the pair.
    const asked = await requestApproval(as("admin"), { kind: "KEY_RECOVERY", payload: { certificateId: r.certificateId, legalBasis: LEGAL_BASIS, recipientPublicKey: court.publicPem } });
    expect(asked.status).toBe("PENDING");
    const view = await getApproval(as("admin2"), { id: asked.id });
    expect(view.summary.facts).toMatchObject({ certificateId: r.encryptionCertificateId, legalBasis: LEGAL_BASIS });
    expect(view.summary.facts.recipientKeySha256).toMatch(/^[0-9a-f]{64}$/);

    await expect(approveRequest(as("admin"), { requestId: asked.id })).rejects.toMatchObject({ code: "APPROVAL_OWN_REQUEST" });
    await expect(getRecoveredKeyEnvelope(as("admin"), { id: asked.id })).rejects.toMatchObject({ code: "KEY_RECOVERY_NOT_AVAILABLE" });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "kmc.key-recovered" } })).toBe(0);

    expect(await approveRequest(as("admin2"), { requestId: asked.id })).toMatchObject({ status: "EXECUTED", failure: null });
    const row = await w.db.prisma.approvalRequest.findUniqueOrThrow({ where: { id: asked.id } });
    const result = row.result as { envelopeBase64: string; encryptionCertificateId: string; recipientKeySha256: string };
    expect(result.encryptionCertificateId).toBe(r.encryptionCertificateId);
    expect(result.recipientKeySha256).toBe(view.summary.facts.recipientKeySha256);

    // The envelope opens with the recipient's private key to the encryption certificate's key.
    const encryption = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: r.encryptionCertificateId! } });
    const certPoint = sm2PublicKeyHex(parseCertificate(encryption.der).spki);
    const pair = openSm2EnvelopedKey(Buffer.from(result.envelopeBase64, "base64"), court.privateKeyHex);
    expect(pair.publicKeyHex).toBe(certPoint);
    expect(SM2.getPublicKeyFromPrivateKey(pair.privateKeyHex)).toBe(certPoint);
    // Never in clear: not in the stored result, not in any audit event.
    const scalar = pair.privateKeyHex;
    expect(JSON.stringify(row.result)).not.toContain(scalar);
    expect(Buffer.from(result.envelopeBase64, "base64").includes(Buffer.from(scalar, "hex"))).toBe(false);
    const events = await w.db.prisma.auditEvent.findMany({ where: { OR: [{ subjectId: asked.id }, { subjectId: encryption.id }] }, orderBy: { seq: "asc" } });
    for (const e of events) {
      expect(JSON.stringify(e.summary)).not.toContain(scalar);
      expect(JSON.stringify(e.summary)).not.toContain(result.envelopeBase64);
    }
    const recovered = events.find((e) => e.action === "kmc.key-recovered")!;
    expect(recovered).toMatchObject({ subjectType: "Certificate", subjectId: encryption.id, actorId: admins.admin!.id });
    expect(recovered.summary).toMatchObject({ approvalId: asked.id, legalBasis: LEGAL_BASIS, recipientKeySha256: result.recipientKeySha256 });

    // The requester downloads the envelope (audited); the approver may not.
    const download = await getRecoveredKeyEnvelope(as("admin"), { id: asked.id });
    expect(download.der.equals(Buffer.from(result.envelopeBase64, "base64"))).toBe(true);
    await expect(getRecoveredKeyEnvelope(as("admin2"), { id: asked.id })).rejects.toMatchObject({ code: "KEY_RECOVERY_NOT_AVAILABLE" });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "kmc.recovered-envelope-downloaded", subjectId: asked.id } })).toBe(1);
    expect((await getApproval(as("admin"), { id: asked.id })).canDownloadRecoveredKey).toBe(true);
    expect((await getApproval(as("admin2"), { id: asked.id })).canDownloadRecoveredKey).toBe(false);
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });

  it("a certificate that is not a dual pair's is refused at request time, nothing stored", async () => {
    const single = await issue("individual-signing-sm2");
    const before = await counts();
    await expect(
      requestApproval(as("admin"), { kind: "KEY_RECOVERY", payload: { certificateId: single.certificateId, legalBasis: LEGAL_BASIS, recipientPublicKey: recipientKey().publicPem } }),
    ).rejects.toMatchObject({ code: "KEY_RECOVERY_NOT_ESCROWED" });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["an RSA key", () => generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString()],
    ["a P-256 key", () => generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString()],
    ["no PEM at all", () => "not a key"],
  ])("%s as the recipient is refused at request time, nothing stored", async (_what, make) => {
    const r = await issue("individual-dual-sm2");
    const before = await counts();
    await expect(requestApproval(as("admin"), { kind: "KEY_RECOVERY", payload: { certificateId: r.certificateId, legalBasis: LEGAL_BASIS, recipientPublicKey: make() } })).rejects.toMatchObject({
      code: "KEY_RECOVERY_RECIPIENT_INVALID",
    });
    expect(await counts()).toEqual(before);
  });

  it("an over-long legal basis or recipient key is a validation error; the use case never runs on one administrator's word", async () => {
    const r = await issue("individual-dual-sm2");
    const pem = recipientKey().publicPem;
    await expect(requestApproval(as("admin"), { kind: "KEY_RECOVERY", payload: { certificateId: r.certificateId, legalBasis: "x".repeat(501), recipientPublicKey: pem } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(requestApproval(as("admin"), { kind: "KEY_RECOVERY", payload: { certificateId: r.certificateId, legalBasis: LEGAL_BASIS, recipientPublicKey: "A".repeat(9000) } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(recoverEscrowedKey(as("admin"), { certificateId: r.certificateId, legalBasis: LEGAL_BASIS, recipientPublicKey: pem })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Run as the executor would (approved): a recipient certificate PEM is accepted too.
    const signing = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: r.certificateId } });
    const certPem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(signing.der).toString("base64")}\n-----END CERTIFICATE-----\n`;
    const out = await recoverEscrowedKey(approvedAs(as("admin"), "KEY_RECOVERY"), { certificateId: r.encryptionCertificateId!, legalBasis: LEGAL_BASIS, recipientPublicKey: certPem });
    expect(out.recipientKeySha256).toBe(signing.publicKeySha256);
  });
});
