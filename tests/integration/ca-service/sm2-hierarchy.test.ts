// The portal's CA and the SM2 family (issue 17): a first start makes it with the rest; a hierarchy
// made before it gets it added on start of the embedded demo (no existing CA touched), once; the
// loaded CA issues an SM2 request through issuing-sm2, and OpenSSL accepts the result with distid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCaService, registerCaConfig } from "@/server/ca-service/ca-service";
import { addSm2Hierarchy, ensureCaHierarchy } from "@/server/ca-service/ensure-ca-hierarchy";
import { verifyAuditChain } from "@/server/core/audit";
import { SM2_USER_ID } from "@/ca/keys/sm2";
import { openTestDb, type Database } from "../support/test-db";
import { TempDir, opensslOk } from "../../ca/helpers/openssl";
import { verifySm2Chain } from "../../ca/helpers/sm2-chain";

let db: Database;
let tmp: TempDir;
const NOW = new Date("2026-03-02T02:00:00Z");
const clock = { now: () => NOW };
const SM2_IDS = ["root-sm2", "issuing-sm2", "ocsp-sm2", "tsa-sm2"];

beforeAll(async () => {
  db = await openTestDb();
  tmp = new TempDir();
  // A hierarchy from before issue 17: the EC family only.
  expect(await ensureCaHierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: "http://pki.sm2.test", embeddedDefault: true, families: ["ec"], crlShards: 1, clock })).toEqual({ created: true });
});
afterAll(async () => {
  await db?.close();
  tmp?.cleanup();
});

describe("the SM2 family in the portal's CA", () => {
  it("a deployment (not the embedded demo) is not given new CA keys on start", async () => {
    const r = await ensureCaHierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: "http://pki.other.test", embeddedDefault: false, passphrase: "x".repeat(16), clock });
    expect(r).toEqual({ created: false });
    expect(await db.prisma.issuingCa.count({ where: { name: { in: SM2_IDS } } })).toBe(0);
  });

  it("the embedded demo adds it on start, beside the untouched existing CAs, once", async () => {
    const before = await db.prisma.issuingCa.findMany({ orderBy: { name: "asc" } });
    const r = await ensureCaHierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: "http://pki.other.test", embeddedDefault: true, crlShards: 1, clock });
    expect(r).toEqual({ created: false, addedSm2: SM2_IDS });
    const rows = await db.prisma.issuingCa.findMany({ include: { parent: true }, orderBy: { name: "asc" } });
    for (const b of before) expect(Buffer.from(rows.find((x) => x.name === b.name)!.certificateDer).equals(Buffer.from(b.certificateDer))).toBe(true);
    const sm2 = rows.filter((x) => SM2_IDS.includes(x.name));
    expect(sm2.map((x) => [x.name, x.role, x.algorithm, x.parent?.name ?? null]).sort()).toEqual([
      ["issuing-sm2", "ISSUING", "SM2", "root-sm2"],
      ["ocsp-sm2", "OCSP", "SM2", "issuing-sm2"],
      ["root-sm2", "ROOT", "SM2", null],
      ["tsa-sm2", "TSA", "SM2", "issuing-sm2"],
    ]);
    // The stored base URL, not the one of this start, is what the new certificates name.
    const issuing = opensslOk(["x509", "-inform", "DER", "-noout", "-text"], Buffer.from(sm2.find((x) => x.name === "issuing-sm2")!.certificateDer));
    expect(issuing).toContain("http://pki.sm2.test/pki/ca/root-sm2.cer");
    expect(await ensureCaHierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: "http://pki.sm2.test", embeddedDefault: true, crlShards: 1, clock })).toEqual({ created: false });
    expect(await addSm2Hierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: "http://pki.sm2.test", embeddedDefault: true, clock })).toEqual({ added: [] });
    const events = await db.prisma.auditEvent.findMany({ where: { action: "ca.hierarchy-created" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => (e.summary as { entities: string[] }).entities)).toEqual([["root", "issuing-ec", "ocsp-ec", "tsa"], SM2_IDS]);
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });

  it("the loaded CA has the SM2 family and issues an SM2 request through issuing-sm2; OpenSSL accepts it with distid", async () => {
    registerCaConfig(db.prisma, { dataDir: tmp.dir, baseUrl: "http://pki.sm2.test", embeddedDefault: true, clock });
    const ca = await getCaService(db.prisma);
    expect(ca.hierarchy.root.entity.id).toBe("root");
    expect(ca.hierarchy.issuing.sm2?.entity.id).toBe("issuing-sm2");
    expect(ca.hierarchy.tsaSm2?.entity.id).toBe("tsa-sm2");
    expect(ca.hierarchy.roots.map((r) => r.entity.id).sort()).toEqual(["root", "root-sm2"]);
    const key = tmp.file("sub-sm2.key");
    opensslOk(["genpkey", "-algorithm", "SM2", "-out", key]);
    const csr = opensslOk(["req", "-new", "-key", key, "-sm3", "-sigopt", `distid:${SM2_USER_ID}`, "-subj", "/CN=ignored"]);
    const issued = await db.prisma.$transaction((tx) => ca.issueFromCsr(tx, { profileCode: "individual-signing-sm2", subject: { country: "CN", fullName: "赵六" }, subscriberId: "sub-sm2", now: NOW, csr }));
    expect(issued.issuerId).toBe("issuing-sm2");
    expect(issued.issuerRowId).toBe((await db.prisma.issuingCa.findUniqueOrThrow({ where: { name: "issuing-sm2" } })).id);
    expect(ca.chainFor(issued.issuerRowId).length).toBe(2);
    expect(verifySm2Chain(tmp, [issued.certificate, ...ca.chainFor(issued.issuerRowId)], { at: NOW.getTime() / 1000 + 60 }).ok).toBe(true);
  });

  it("fail/add-sm2 with keys in PKCS#11 is refused with the reason", async () => {
    await expect(addSm2Hierarchy(db.prisma, { dataDir: tmp.dir, baseUrl: "http://pki.sm2.test", embeddedDefault: false, pkcs11: { module: "/nowhere.so", pin: "1234", tokenLabel: "x" } as never, clock })).rejects.toThrow(/PKCS#11.*no SM2/);
  });
});
