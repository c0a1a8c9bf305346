import { statSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { caOf } from "@/server/ca-service/wire-context";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { ensureCertificateProfiles } from "@/server/application/ensure-certificate-profiles";
import { currentCrl, publishCrlShard, refreshStaleCrls } from "@/server/ca-service/crl-publisher";
import { serveCaCertificate, serveCrl, serveOcsp, serveTimestamp } from "@/server/ca-service/pki-http";
import { openTestDb, type Database } from "../support/test-db";
import { TempDir, makeCsr, openssl, opensslVerify, pem } from "../certificate/pki-helpers";

let db: Database;
let tmp: TempDir;
const NOW = new Date("2026-03-02T02:00:00Z");
const clock = { now: () => NOW };
const config = () => ({ dataDir: tmp.dir, baseUrl: "http://pki.test.example", embeddedDefault: true, families: ["ec" as const], crlShards: 2, clock });

beforeAll(async () => {
  db = await openTestDb();
  tmp = new TempDir();
  expect(await ensureCaHierarchy(db.prisma, config())).toEqual({ created: true });
});
afterAll(async () => {
  await db?.close();
  tmp?.cleanup();
});

describe("CA hierarchy on first start", () => {
  it("is created once; a second start finds it", async () => {
    expect(await ensureCaHierarchy(db.prisma, config())).toEqual({ created: false });
    const rows = await db.prisma.issuingCa.findMany({ include: { parent: true } });
    expect(rows.map((r) => r.name).sort()).toEqual(["issuing-ec", "ocsp-ec", "root", "tsa"]);
    expect(rows.find((r) => r.name === "issuing-ec")!.parent!.name).toBe("root");
    expect(rows.find((r) => r.name === "root")!.algorithm).toBe("RSA-3072");
    expect(rows.find((r) => r.name === "issuing-ec")!.algorithm).toBe("EC-P256");
  });

  it("stores key references, never key material; key files are encrypted and the passphrase file is 0600", async () => {
    const rows = await db.prisma.issuingCa.findMany();
    for (const r of rows) {
      expect(r.keyRef.startsWith(path.join(tmp.dir, "ca", "keys"))).toBe(true);
      expect(r.keyRef).not.toMatch(/BEGIN/);
      expect(readFileSync(r.keyRef, "utf8")).toContain("BEGIN ENCRYPTED PRIVATE KEY");
    }
    const pass = path.join(tmp.dir, "ca", "key-passphrase");
    expect(statSync(pass).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.join(tmp.dir, "ca", "keys")).length).toBe(4);
    const passphrase = readFileSync(pass, "utf8").trim();
    const audit = await db.prisma.auditEvent.findMany();
    expect(JSON.stringify(audit)).not.toContain(passphrase);
  });

  it("refuses to generate a passphrase outside the embedded default", async () => {
    const other = await openTestDb();
    try {
      await expect(ensureCaHierarchy(other.prisma, { ...config(), embeddedDefault: false })).rejects.toThrow(/CA_KEY_PASSPHRASE/);
    } finally {
      await other.close();
    }
  });

  it("issues from a CSR with the verified subject; openssl verifies the chain", async () => {
    const ca = await caOf(db.prisma)();
    const { csrPem } = makeCsr(tmp, "a");
    const issued = await db.prisma.$transaction((tx) =>
      ca.issueFromCsr(tx, {
        profileCode: "individual-signing",
        subject: { country: "CN", fullName: "张三" },
        subscriberId: "u1",
        usageScope: { kind: "平台", name: "测试平台" },
        now: NOW,
        csr: csrPem,
      }),
    );
    expect(issued.issuerRowId).toBe(ca.rowIdOf("issuing-ec"));
    expect(opensslVerify(tmp, issued.certificate, issued.chain, NOW)).toContain(": OK");
    const text = openssl(["x509", "-noout", "-subject", "-nameopt", "utf8"], pem(issued.certificate)).out;
    expect(text).toContain("张三");
    expect(text).not.toContain("Mallory");
  });

  it("seeds one profile row per engine profile, once", async () => {
    expect((await ensureCertificateProfiles(db.prisma, NOW, "http://pki.test.example")).length).toBe(7); // four international, three SM2
    expect(await ensureCertificateProfiles(db.prisma, NOW, "http://pki.test.example")).toEqual([]);
  });

  it("publishes CRL shards with growing numbers that openssl accepts", async () => {
    const ca = await caOf(db.prisma)();
    const first = await publishCrlShard(db.prisma, ca, "issuing-ec", 1, NOW);
    const again = await currentCrl(db.prisma, ca, "issuing-ec", 1, new Date(NOW.getTime() + 60_000));
    expect(again.crlNumber).toBe(first.crlNumber);
    const later = await currentCrl(db.prisma, ca, "issuing-ec", 1, new Date(NOW.getTime() + 2 * 3_600_000));
    expect(later.crlNumber).toBe(first.crlNumber + 1);
    expect(later.headers["content-type"]).toBe("application/pkix-crl");
    const issuer = tmp.file("issuer.pem", pem(ca.hierarchy.issuing.ec!.entity.certificate));
    const r = openssl(["crl", "-inform", "DER", "-noout", "-CAfile", issuer, "-text"], later.der);
    expect(r.out).toContain("verify OK");
    expect(r.out).toMatch(/X509v3 CRL Number:\s*\n\s*2/);
    // The periodic refresh signs every shard not yet fresh (root 0, issuing-ec 0; shard 1 is fresh).
    const laterStill = new Date(NOW.getTime() + 2 * 3_600_000 + 60_000);
    expect(await refreshStaleCrls(db.prisma, ca, laterStill)).toBe(2);
    expect(await refreshStaleCrls(db.prisma, ca, laterStill)).toBe(0);
  });

  it("serves CA certificates, CRL shards, OCSP (POST and GET) and timestamps for the route handlers", async () => {
    const ca = await caOf(db.prisma)();
    const cer = await serveCaCertificate(db.prisma, "issuing-ec.cer");
    expect(cer).toMatchObject({ status: 200, headers: { "content-type": "application/pkix-cert" } });
    expect(Buffer.from(cer.body).equals(ca.hierarchy.issuing.ec!.entity.certificate)).toBe(true);
    expect((await serveCaCertificate(db.prisma, "tsa.cer")).status).toBe(404);
    expect((await serveCaCertificate(db.prisma, "../etc/passwd.cer")).status).toBe(404);
    expect((await serveCrl(db.prisma, "issuing-ec", "5.crl", clock)).status).toBe(404);
    const crl = await serveCrl(db.prisma, "issuing-ec", "0.crl", clock);
    expect(crl.headers["content-type"]).toBe("application/pkix-crl");
    expect(crl.headers["cache-control"]).toMatch(/^public, max-age=\d+/);
    const root = await serveCrl(db.prisma, "root", "0.crl", clock);
    const rootPem = tmp.file("root-ca.pem", pem(ca.hierarchy.root.entity.certificate));
    expect(openssl(["crl", "-inform", "DER", "-noout", "-CAfile", rootPem], root.body).out).toContain("verify OK");

    // OCSP for the certificate issued above: a request made by openssl, answered over POST and GET.
    const issued = await db.prisma.$transaction((tx) =>
      ca.issueFromCsr(tx, { profileCode: "individual-signing", subject: { country: "CN", fullName: "李四" }, subscriberId: "u2", usageScope: { kind: "项目", name: "测试" }, now: NOW, csr: makeCsr(tmp, "o").csrPem }),
    );
    await db.prisma.certificate.create({
      data: {
        issuerId: issued.issuerRowId, serialHex: issued.serialHex, subjectDn: "CN=李四", subjectDer: Uint8Array.from(Buffer.alloc(2)), publicKeySha256: issued.spkiSha256,
        notBefore: issued.notBefore, notAfter: issued.notAfter, der: Uint8Array.from(issued.certificate), profileId: (await db.prisma.certificateProfile.findFirstOrThrow()).id, keyGeneration: "CLIENT_CSR", crlShard: issued.crlShard,
      },
    });
    const issuerPem = tmp.file("ocsp-issuer.pem", pem(ca.hierarchy.issuing.ec!.entity.certificate));
    const leafPem = tmp.file("ocsp-leaf.pem", pem(issued.certificate));
    const reqFile = tmp.file("ocsp-req.der");
    openssl(["ocsp", "-issuer", issuerPem, "-cert", leafPem, "-reqout", reqFile, "-no_nonce"]);
    const req = readFileSync(reqFile);
    const post = await serveOcsp(db.prisma, req);
    expect(post.headers["content-type"]).toBe("application/ocsp-response");
    const chainPem = tmp.file("ocsp-chain.pem", pem(ca.hierarchy.issuing.ec!.entity.certificate) + pem(ca.hierarchy.root.entity.certificate));
    const check = (body: Uint8Array) => openssl(["ocsp", "-respin", tmp.file("ocsp-resp.der", body), "-issuer", issuerPem, "-cert", leafPem, "-CAfile", chainPem, "-no_cert_verify"]).out;
    expect(check(post.body)).toMatch(/(ocsp-leaf\.pem: |\n)good\n/);
    const get = await serveOcsp(db.prisma, encodeURIComponent(req.toString("base64")));
    expect(check(get.body)).toMatch(/(ocsp-leaf\.pem: |\n)good\n/);
    expect((await serveOcsp(db.prisma, Buffer.from("not an ocsp request"))).body.length).toBeLessThan(10);

    const dataFile = tmp.file("ts-data.txt", "日志摘要 2026-03-02");
    const tsq = tmp.file("ts.tsq");
    openssl(["ts", "-query", "-data", dataFile, "-sha256", "-cert", "-out", tsq]);
    expect((await serveTimestamp(db.prisma, readFileSync(tsq), "text/plain", clock)).status).toBe(415);
    const tsr = await serveTimestamp(db.prisma, readFileSync(tsq), "application/timestamp-query", clock);
    expect(tsr.headers["content-type"]).toBe("application/timestamp-reply");
    const tsrFile = tmp.file("ts.tsr", tsr.body);
    const v = openssl(["ts", "-verify", "-queryfile", tsq, "-in", tsrFile, "-CAfile", rootPem, "-untrusted", tmp.file("ts-chain.pem", pem(ca.hierarchy.issuing.ec!.entity.certificate))]);
    expect(v.out).toContain("Verification: OK");
  });

  it("picks up a revocation made by another instance at the next OCSP refresh", async () => {
    const ca = await caOf(db.prisma)();
    const issued = await db.prisma.$transaction((tx) =>
      ca.issueFromCsr(tx, { profileCode: "individual-signing", subject: { country: "CN", fullName: "王五" }, subscriberId: "u3", usageScope: { kind: "项目", name: "测试" }, now: NOW, csr: makeCsr(tmp, "r").csrPem }),
    );
    const row = await db.prisma.certificate.create({
      data: {
        issuerId: issued.issuerRowId, serialHex: issued.serialHex, subjectDn: "CN=王五", subjectDer: Uint8Array.from(Buffer.alloc(2)), publicKeySha256: issued.spkiSha256,
        notBefore: issued.notBefore, notAfter: issued.notAfter, der: Uint8Array.from(issued.certificate), profileId: (await db.prisma.certificateProfile.findFirstOrThrow()).id, keyGeneration: "CLIENT_CSR", crlShard: issued.crlShard,
      },
    });
    const issuerPem = tmp.file("r-issuer.pem", pem(ca.hierarchy.issuing.ec!.entity.certificate));
    const leafPem = tmp.file("r-leaf.pem", pem(issued.certificate));
    const reqFile = tmp.file("r-req.der");
    openssl(["ocsp", "-issuer", issuerPem, "-cert", leafPem, "-reqout", reqFile, "-no_nonce"]);
    const ask = async () => {
      const resp = await serveOcsp(db.prisma, readFileSync(reqFile));
      return openssl(["ocsp", "-respin", tmp.file("r-resp.der", resp.body), "-issuer", issuerPem, "-cert", leafPem, "-noverify"]).out;
    };
    expect(await ask()).toMatch(/(r-leaf\.pem: |\n)good\n/);
    // Another instance revokes: the rows change, this process's pre-signed answer does not know yet.
    await db.prisma.certificate.update({ where: { id: row.id }, data: { status: "REVOKED", revokedAt: NOW, revocationReason: "KEY_COMPROMISE" } });
    await db.prisma.revocation.create({ data: { certificateId: row.id, reasonCode: "KEY_COMPROMISE", revokedAt: NOW } });
    expect(await ask()).toMatch(/(r-leaf\.pem: |\n)good\n/);
    expect(await ca.refreshOcspCache()).toBeGreaterThanOrEqual(1);
    expect(await ask()).toMatch(/(r-leaf\.pem: |\n)revoked\n/);
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });
});
