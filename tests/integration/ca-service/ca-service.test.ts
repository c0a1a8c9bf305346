import { statSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { getCaService } from "@/server/ca-service/ca-service";
import { ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { ensureCertificateProfiles } from "@/server/ca-service/ensure-certificate-profiles";
import { currentCrl, publishCrlShard } from "@/server/ca-service/crl-publisher";
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
    const ca = await getCaService(db.prisma);
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
    expect((await ensureCertificateProfiles(db.prisma, NOW, "http://pki.test.example")).length).toBe(4);
    expect(await ensureCertificateProfiles(db.prisma, NOW, "http://pki.test.example")).toEqual([]);
  });

  it("publishes CRL shards with growing numbers that openssl accepts", async () => {
    const ca = await getCaService(db.prisma);
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
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });
});
