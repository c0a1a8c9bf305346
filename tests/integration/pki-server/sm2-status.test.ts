// SM2 status and time served by the portal (issue 17): a certificate issued by issuing-sm2 (from an
// OpenSSL SM2 CSR, the real CA service) has its status answered at /pki/ocsp by ocsp-sm2 and its
// revocation listed at /pki/crl/issuing-sm2/<n>.crl, both signed SM3withSM2; root-sm2 publishes its
// ARL; an SM3 imprint at /pki/tsa is stamped and recorded by tsa-sm2; the administrators' OCSP
// self-test checks the SM2 signer's answer. Everything through servePki, as the routes call it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { children, contentOf, raw, readRoot } from "@/ca/asn1/der";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { OID } from "@/ca/asn1/oids";
import { SM2_USER_ID, sm2Verify } from "@/ca/keys/sm2";
import { bytes, subjectDnOf } from "@/server/ca-service/ca-records";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { publishStatusChange } from "@/server/ca-service/crl-publisher";
import { caOf } from "@/server/ca-service/wire-context";
import { ensureCertificateProfiles } from "@/server/application/ensure-certificate-profiles";
import { ocspSelfTest } from "@/server/ca-status/internal/ocsp-self-test";
import { fixedClock } from "@/server/core/context";
import { openTestDb, type Database } from "../support/test-db";
import { TempDir, openssl, pem } from "../certificate/pki-helpers";

const holder = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<object>()), getDatabase: async () => holder.db }));
const { servePki } = await import("@/server/ca-service/pki-http");

const BASE_URL = "http://pki.test.example";
// openssl ocsp checks thisUpdate against the real clock: the world runs at real time.
const clock = fixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
let db: Database;
let tmp: TempDir;
let cert: { id: string; serialHex: string; der: Buffer; file: string; crlShard: number };
const files: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDb();
  holder.db = db;
  tmp = new TempDir();
  await ensureCaHierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: BASE_URL, embeddedDefault: true, families: ["ec", "sm2"], crlShards: 2, clock });
  await ensureCertificateProfiles(db.prisma, clock.now(), BASE_URL);
  const ca = await caOf(db.prisma)();
  const key = tmp.file("sm2.key");
  execFileSync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", key]);
  const csr = execFileSync("openssl", ["req", "-new", "-key", key, "-sm3", "-sigopt", `distid:${SM2_USER_ID}`, "-subj", "/CN=SM2 subscriber"]).toString();
  const user = await db.prisma.user.create({ data: { email: "sm2@example.test", passwordHash: "x", roles: ["SUBSCRIBER"], emailVerifiedAt: clock.now() } });
  const profile = await db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing-sm2" } });
  const now = clock.now();
  cert = await db.prisma.$transaction(async (tx) => {
    const issued = await ca.issueFromCsr(tx, { profileCode: "individual-signing-sm2", subject: { country: "CN", fullName: "国密用户" }, subscriberId: user.id, usageScope: { kind: "平台", name: "电子政务平台" }, now, csr });
    const row = await tx.certificate.create({
      data: {
        issuerId: issued.issuerRowId,
        serialHex: issued.serialHex,
        subjectDn: subjectDnOf(issued.certificate),
        subjectDer: bytes(parseCertificate(issued.certificate).subjectName),
        publicKeySha256: issued.spkiSha256,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
        der: bytes(issued.certificate),
        status: "ACTIVE",
        subscriberUserId: user.id,
        profileId: profile.id,
        crlShard: issued.crlShard,
        keyGeneration: "CLIENT_CSR",
        receiptAt: now,
        acceptanceKind: "EXPLICIT",
        acceptedAt: now,
      },
    });
    expect(issued.issuerId).toBe("issuing-sm2");
    return { id: row.id, serialHex: issued.serialHex, der: issued.certificate, file: tmp.file("leaf.pem", pem(issued.certificate)), crlShard: issued.crlShard };
  });
  files.issuer = tmp.file("issuing-sm2.pem", pem(ca.hierarchy.issuing.sm2!.entity.certificate));
}, 240_000);
afterAll(async () => {
  await (await caOf(db.prisma)()).flushOcspRecords();
  await db?.close();
  tmp?.cleanup();
});

/** tbs and signature of a signed structure whose first three elements are tbs, algorithm, BIT STRING. */
function signedParts(der: Uint8Array) {
  const k = children(der, readRoot(der));
  return { tbs: raw(der, k[0]!), signature: Buffer.from(contentOf(der, k[2]!).subarray(1)) };
}
function basicOf(der: Uint8Array): Buffer {
  const [, bytesNode] = children(der, readRoot(der));
  const [, octets] = children(der, children(der, bytesNode!)[0]!);
  return Buffer.from(contentOf(der, octets!));
}

async function ocspStatus(hashFlag: "-sha1" | "-sm3"): Promise<{ text: string; body: Buffer }> {
  const reqFile = tmp.file(`req${hashFlag}.der`);
  execFileSync("openssl", ["ocsp", "-issuer", files.issuer!, hashFlag, "-cert", cert.file, "-no_nonce", "-reqout", reqFile]);
  const r = await servePki({ kind: "ocsp", request: readFileSync(reqFile) });
  expect(r.status).toBe(200);
  const body = Buffer.from(r.body);
  const text = openssl(["ocsp", "-respin", tmp.file(`resp${hashFlag}.der`, body), "-resp_text", "-noverify"]).out;
  const ca = await caOf(db.prisma)();
  const { tbs, signature } = signedParts(basicOf(body));
  expect(sm2Verify(ca.hierarchy.ocspSigners.get("issuing-sm2")!.parts.spki, tbs, signature)).toBe(true);
  return { text, body };
}

async function crl(caId: string, shard: number): Promise<{ text: string; der: Buffer }> {
  const r = await servePki({ kind: "crl", caId, file: `${shard}.crl` });
  expect(r.status).toBe(200);
  expect(r.headers["content-type"]).toBe("application/pkix-crl");
  const der = Buffer.from(r.body);
  return { der, text: openssl(["crl", "-in", tmp.file(`${caId}-${shard}.crl`, der), "-inform", "DER", "-noout", "-text"]).out };
}

describe("SM2 status and time through servePki", () => {
  it("/pki/ocsp answers good for the SM2 certificate, SHA-1 and SM3 CertIDs, signed SM3withSM2 by ocsp-sm2", async () => {
    for (const flag of ["-sha1", "-sm3"] as const) {
      const { text } = await ocspStatus(flag);
      expect(text).toContain("Cert Status: good");
      expect(text).toContain("Signature Algorithm: SM2-with-SM3");
      expect(text).toContain("Demo OCSP Responder SM2 1");
    }
  });

  it("after a revocation, /pki/ocsp says revoked and /pki/crl/issuing-sm2/<shard>.crl lists the serial, signed by issuing-sm2", async () => {
    const now = clock.now();
    await db.prisma.certificate.update({ where: { id: cert.id }, data: { status: "REVOKED", revokedAt: now, revocationReason: "KEY_COMPROMISE" } });
    await db.prisma.revocation.create({ data: { certificateId: cert.id, reasonCode: "KEY_COMPROMISE", revokedAt: now } });
    await publishStatusChange(db.prisma, await caOf(db.prisma)(), cert.id, now);
    for (const flag of ["-sha1", "-sm3"] as const) expect((await ocspStatus(flag)).text).toMatch(/Cert Status: revoked[\s\S]*Revocation Reason: keyCompromise/);

    const { der, text } = await crl("issuing-sm2", cert.crlShard);
    expect(text).toContain("Signature Algorithm: SM2-with-SM3");
    expect(text).toContain(`Serial Number: ${cert.serialHex.toUpperCase()}`);
    expect(text).toContain(`${BASE_URL}/pki/crl/issuing-sm2/${cert.crlShard}.crl`);
    const ca = await caOf(db.prisma)();
    const { tbs, signature } = signedParts(der);
    expect(sm2Verify(ca.hierarchy.issuing.sm2!.parts.spki, tbs, signature)).toBe(true);
  });

  it("root-sm2's ARL is served at /pki/crl/root-sm2/0.crl, signed by the SM2 root; the other shard of issuing-sm2 is empty", async () => {
    const ca = await caOf(db.prisma)();
    const arl = await crl("root-sm2", 0);
    expect(arl.text).toContain("Demo Root CA SM2");
    const { tbs, signature } = signedParts(arl.der);
    expect(sm2Verify(ca.hierarchy.byId.get("root-sm2")!.parts.spki, tbs, signature)).toBe(true);
    const other = await crl("issuing-sm2", 1 - cert.crlShard);
    expect(other.text).toContain("No Revoked Certificates.");
    expect((await servePki({ kind: "crl", caId: "issuing-sm2", file: "2.crl" })).status).toBe(404);
  });

  it("/pki/tsa stamps an SM3 imprint with tsa-sm2 and records it under tsa-sm2; SHA-256 stays with tsa", async () => {
    const data = tmp.file("data.txt", "国密时间戳\n");
    for (const [flag, entity, hashOid] of [["-sm3", "tsa-sm2", OID.sm3], ["-sha256", "tsa", OID.sha256]] as const) {
      const query = execFileSync("openssl", ["ts", "-query", "-data", data, flag, "-cert"]);
      const r = await servePki({ kind: "tsa", body: query, contentType: "application/timestamp-query" });
      expect(r.status).toBe(200);
      const text = openssl(["ts", "-reply", "-in", tmp.file(`r${flag}.tsr`, Buffer.from(r.body)), "-text"]).out;
      expect(text).toContain("Status: Granted.");
      const token = await db.prisma.timestampToken.findFirstOrThrow({ where: { hashOid }, include: { tsa: true } });
      expect(token.tsa.name).toBe(entity);
    }
  });

  it("the OCSP self-test probes ocsp-sm2 too and finds its SM3withSM2 signature valid", async () => {
    const probes = await ocspSelfTest(db.prisma);
    const sm2 = probes.find((p) => p.signer === "ocsp-sm2");
    expect(sm2).toMatchObject({ issuer: "issuing-sm2", answered: true, ok: true, certStatus: "unknown", signatureValid: true });
    expect(probes.every((p) => p.answered && p.ok)).toBe(true);
  });
});
