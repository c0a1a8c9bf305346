// The public verification service on SM2 (issue 17 item 2): a certificate issued by the CA service
// under issuing-sm2 from an `openssl req -sm3 -sigopt distid:1234567812345678` CSR is reported
// valid, by the names SM2 / SM3withSM2; its revocation comes from the records; a changed byte fails
// with its reason and nothing is stored; SM2 CMS signatures and SM3 timestamps from tsa-sm2 verify.
import { execFileSync } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derToPem, parseCertificate } from "@/ca/asn1/certificate-parts";
import { OID } from "@/ca/asn1/oids";
import { signCms } from "@/ca/cms/sign-cms";
import { keyObjectSigner } from "@/ca/keys/file-key-custody";
import { sm3, SM2_USER_ID } from "@/ca/keys/sm2";
import { ensureCertificateProfiles } from "@/server/application/ensure-certificate-profiles";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { caOf } from "@/server/ca-service/wire-context";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { renderEvidenceReportHtml } from "@/server/verification/render-evidence-report";
import { verifyCertificateFile } from "@/server/verification/verify-certificate-file";
import { verifySignature } from "@/server/verification/verify-signature";
import { verifyTimestamp } from "@/server/verification/verify-timestamp";
import { openTestDb, type Database } from "../support/test-db";

const T0 = new Date("2026-03-02T02:00:00Z");
const BASE_URL = "http://pki.test.example";
const clock = fixedClock(T0);
let db: Database;
let dir: string;
let userId: string;
let leaf: { id: string; der: Buffer; keyFile: string; chain: Buffer[] };
let ip = 0;
const anon = (): ServiceContext => ({ db: db.prisma, ca: caOf(db.prisma), clock, actor: null, meta: { ip: `192.0.2.${++ip}`, userAgent: "vitest" } });
const outcomes = (checks: { id: string; outcome: string; reason: string }[]) => Object.fromEntries(checks.map((c) => [c.id, `${c.outcome}:${c.reason}`]));

/** An SM2 key and CSR made by OpenSSL 3.0 with the portal's user ID, certified by the CA service and stored as a Certificate row. */
async function issueSm2Certificate() {
  const keyFile = path.join(dir, "sm2.key");
  const csrFile = path.join(dir, "sm2.csr");
  const cnf = path.join(dir, "req.cnf");
  writeFileSync(cnf, "[req]\ndistinguished_name=dn\n[dn]\n");
  execFileSync("openssl", ["genpkey", "-algorithm", "SM2", "-out", keyFile], { stdio: "pipe" });
  execFileSync("openssl", ["req", "-new", "-sm3", "-sigopt", `distid:${SM2_USER_ID}`, "-key", keyFile, "-subj", "/CN=x", "-config", cnf, "-out", csrFile], { stdio: "pipe" });
  const ca = await caOf(db.prisma)();
  const profile = await db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing-sm2" } });
  return db.prisma.$transaction(async (tx) => {
    const issued = await ca.issueFromCsr(tx, {
      profileCode: profile.code,
      subject: { country: "CN", fullName: "周八", email: "zhou@example.test" },
      subscriberId: userId,
      usageScope: { kind: "平台", name: "电子政务平台" },
      now: T0,
      csr: readFileSync(csrFile, "utf8"),
    });
    const row = await tx.certificate.create({
      data: {
        issuerId: issued.issuerRowId,
        serialHex: issued.serialHex,
        subjectDn: "CN=周八,C=CN",
        subjectDer: Uint8Array.from(parseCertificate(issued.certificate).subjectName),
        publicKeySha256: issued.spkiSha256,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
        der: Uint8Array.from(issued.certificate),
        status: "ISSUED",
        subscriberUserId: userId,
        profileId: profile.id,
        keyGeneration: "CLIENT_CSR",
        receiptAt: T0,
        deliveredAt: T0,
        deliveryMethod: "ONLINE",
      },
    });
    return { id: row.id, der: issued.certificate, keyFile, chain: issued.chain };
  });
}

beforeAll(async () => {
  db = await openTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "sm2-verify-it-"));
  await ensureCaHierarchy(db.prisma, { dataDir: dir, baseUrl: BASE_URL, embeddedDefault: true, families: ["ec", "sm2"], crlShards: 1, clock });
  await ensureCertificateProfiles(db.prisma, T0, BASE_URL);
  userId = (await db.prisma.user.create({ data: { email: "zhou@example.test", passwordHash: "x", roles: ["SUBSCRIBER"], emailVerifiedAt: T0, displayName: "zhou", phone: "13800000000" } })).id;
  leaf = await issueSm2Certificate();
}, 180_000);
afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("verification service on SM2", () => {
  it("reports an SM2 certificate of ours valid, issued by issuing-sm2, naming SM2 and SM3withSM2 (in the report too)", async () => {
    const v = await verifyCertificateFile(anon(), { certificate: derToPem(leaf.der, "CERTIFICATE") });
    expect(v.verdict.overall, JSON.stringify(v.verdict.checks)).toBe("valid");
    expect(v.verdict.issuerId).toBe("issuing-sm2");
    expect(v.verdict.checks[0]?.facts).toEqual({ keyAlgorithm: "SM2", signatureAlgorithm: "SM3withSM2" });
    const zh = renderEvidenceReportHtml(v.report, "zh");
    expect(zh).toContain("签名算法: SM3withSM2");
    expect(zh).toContain("公钥算法: SM2");
  });

  it("a byte changed in its signature: invalid with the reason, never a 500, and nothing stored", async () => {
    const before = await db.prisma.certificate.count();
    const changed = Buffer.from(leaf.der);
    changed[changed.length - 1]! ^= 0x01;
    const v = await verifyCertificateFile(anon(), { certificate: changed });
    expect(v.verdict.overall).toBe("invalid");
    expect(outcomes(v.verdict.checks).chain).toBe("fail:certificate_signature_invalid");
    expect(await db.prisma.certificate.count()).toBe(before);
  });

  it("an SM2 CMS signature by that certificate verifies, timestamped by tsa-sm2 (SM3 imprint)", async () => {
    const ca = await caOf(db.prisma)();
    const signer = keyObjectSigner("sm2", createPrivateKey(readFileSync(leaf.keyFile)));
    const data = Buffer.from("国密 signed file\n");
    const cms = await signCms({ signer, certificate: leaf.der, chain: leaf.chain, content: data, detached: true, timestampAuthority: ca.timestampAuthority(clock) });
    const v = await verifySignature(anon(), { signature: cms, signedData: data });
    expect(v.verdict.overall, JSON.stringify(v.verdict.checks)).toBe("valid");
    expect(v.verdict.signingTime?.source).toBe("timestamp");
    const bad = await verifySignature(anon(), { signature: cms, signedData: Buffer.from("国密 signed file!\n") });
    expect(outcomes(bad.verdict.checks).signature).toBe("fail:digest_mismatch");
  });

  it("an SM3 timestamp token from tsa-sm2 verifies against its data and fails against other data", async () => {
    const ca = await caOf(db.prisma)();
    const data = Buffer.from("evidence bytes\n");
    const token = await ca.timestampAuthority(clock).timestampDigest(OID.sm3, sm3(data));
    const ok = await verifyTimestamp(anon(), { timestampToken: token, signedData: data });
    expect(ok.verdict.overall, JSON.stringify(ok.verdict.checks)).toBe("valid");
    const bad = await verifyTimestamp(anon(), { timestampToken: token, signedData: Buffer.from("other\n") });
    expect(outcomes(bad.verdict.checks).message_imprint).toBe("fail:digest_mismatch");
  });

  it("after revocation in the records the same certificate is reported revoked", async () => {
    await db.prisma.certificate.update({ where: { id: leaf.id }, data: { revokedAt: new Date(T0.getTime() - 1000), revocationReason: "KEY_COMPROMISE", status: "REVOKED" } });
    const v = await verifyCertificateFile(anon(), { certificate: leaf.der });
    expect(v.verdict.overall).toBe("invalid");
    expect(outcomes(v.verdict.checks).revocation).toBe("fail:revoked");
  });
});
