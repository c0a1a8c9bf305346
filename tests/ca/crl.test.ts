import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { encodeCrl, crlToBuffer, crlToPem, crlHttpHeaders } from "@/ca/crl/encode-crl";
import { issueFromCsr, type IssuanceDeps, type IssuedCertificate } from "@/ca/issuance/issue-certificate";
import { fixedClock } from "@/ca/clock";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { T0, demoHierarchy, memoryRegistry, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

let h: Hierarchy;
let tmp: TempDir;
let deps: IssuanceDeps;
const certs: IssuedCertificate[] = [];
const NOW = new Date(T0.getTime() + 3600_000);
const at = String(NOW.getTime() / 1000 + 600);

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy();
  const reg = memoryRegistry();
  deps = { hierarchy: h, clock: fixedClock(NOW), serials: reg.serials, keyOwnership: reg.keyOwnership };
  const key = tmp.file("k.pem");
  opensslOk(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
  const csr = opensslOk(["req", "-new", "-key", key, "-subj", "/CN=x"]);
  // enough certificates to land in both shards
  while (new Set(certs.map((c) => c.crlShard)).size < 2 || certs.length < 4) {
    certs.push(await issueFromCsr(deps, { csr, profileId: "individual-signing", subject: { country: "CN", fullName: "王五" }, subscriberId: "s", usageScope: { kind: "平台", name: "p" } }));
  }
});
afterAll(() => tmp.cleanup());

async function shardCrl(shard: number, revoked: IssuedCertificate[], extra: Array<{ serialHex: string }> = []) {
  const issuer = h.issuing.ec!;
  return encodeCrl({
    issuer,
    crlNumber: 7n,
    thisUpdate: NOW,
    nextUpdate: new Date(NOW.getTime() + 86_400_000),
    distributionPointUrl: h.urls.crl(issuer.entity.id, shard),
    entries: [
      ...revoked.map((c, i) => ({
        serialHex: c.serialHex,
        revokedAt: NOW,
        reason: (i % 2 ? "certificateHold" : "keyCompromise") as "certificateHold" | "keyCompromise",
        invalidityDate: i % 2 ? undefined : new Date(NOW.getTime() - 86_400_000),
      })),
      ...extra.map((e) => ({ ...e, revokedAt: NOW })),
    ],
  });
}

describe("CRL", () => {
  it("openssl crl -verify accepts it and shows number, AKI, IDP, reasons and invalidity date", async () => {
    const crl = await shardCrl(0, certs.filter((c) => c.crlShard === 0));
    const file = tmp.file("s0.crl", crlToPem(crl));
    const ca = tmp.file("ec.pem", pem(h.issuing.ec!.entity.certificate));
    const r = openssl(["crl", "-in", file, "-CAfile", ca, "-noout", "-verify"]);
    expect(r.stderr + r.stdout).toContain("verify OK");
    const text = opensslOk(["crl", "-in", file, "-noout", "-text"]);
    expect(text).toMatch(/X509v3 CRL Number:\s+7/);
    expect(text).toContain("X509v3 Authority Key Identifier");
    expect(text).toMatch(/Issuing Distribution Point: critical[\s\S]*pki\/crl\/issuing-ec\/0\.crl/);
    expect(text).toContain("Key Compromise");
    expect(text).toContain("Invalidity Date");
    expect(text).toContain("Next Update:");
    expect(crlToBuffer(crl).length).toBe(crl.byteLength);
  });

  it("ok/empty CRL omits revokedCertificates and verifies", async () => {
    const crl = await shardCrl(1, []);
    const file = tmp.file("empty.crl", crlToPem(crl));
    const ca = tmp.file("ec.pem", pem(h.issuing.ec!.entity.certificate));
    expect(openssl(["crl", "-in", file, "-CAfile", ca, "-noout", "-verify"]).stderr).toContain("verify OK");
    expect(opensslOk(["crl", "-in", file, "-noout", "-text"])).toContain("No Revoked Certificates");
  });

  it.each([
    ["fail/revoked certificate in its shard CRL", true, "certificate revoked"],
    ["ok/good certificate with its shard CRL", false, ": OK"],
  ])("%s under openssl verify -crl_check_all", async (_name, revoke, expected) => {
    const target = certs[0]!;
    const crl = await shardCrl(target.crlShard, revoke ? [target] : []);
    const root = h.root;
    const rootCrl = await encodeCrl({ issuer: root, crlNumber: 1n, thisUpdate: NOW, nextUpdate: new Date(NOW.getTime() + 86_400_000), entries: [] });
    const crls = tmp.file(`crls-${revoke}.pem`, crlToPem(crl) + crlToPem(rootCrl));
    const rootFile = tmp.file("root.pem", pem(root.entity.certificate));
    const inter = tmp.file("ec.pem", pem(h.issuing.ec!.entity.certificate));
    const leaf = tmp.file("leaf.pem", pem(target.certificate));
    const r = openssl(["verify", "-crl_check_all", "-CAfile", rootFile, "-untrusted", inter, "-CRLfile", crls, "-attime", at, leaf]);
    expect(r.stdout + r.stderr).toContain(expected);
  });

  it("fail/CRL of the wrong shard does not cover the certificate (openssl: unable to get CRL)", async () => {
    const target = certs.find((c) => c.crlShard === 1)!;
    const crl = await shardCrl(0, []);
    const crls = tmp.file("wrong.pem", crlToPem(crl));
    const r = openssl(["verify", "-crl_check", "-CAfile", tmp.file("root.pem", pem(h.root.entity.certificate)), "-untrusted", tmp.file("ec.pem", pem(h.issuing.ec!.entity.certificate)), "-CRLfile", crls, "-attime", at, tmp.file("l1.pem", pem(target.certificate))]);
    expect(r.stdout + r.stderr).toMatch(/unable to get certificate CRL|different CRL scope/);
  });

  it("ok/20,000 entries encode, verify and list correctly", async () => {
    const extra = Array.from({ length: 20_000 }, (_, i) => ({ serialHex: (0x80000000 + i * 7).toString(16) + "0a0b0c0d" }));
    const crl = await shardCrl(0, [], extra);
    expect(crl.entryCount).toBe(20_000);
    const file = tmp.file("big.crl", crlToBuffer(crl));
    const r = openssl(["crl", "-inform", "DER", "-in", file, "-CAfile", tmp.file("ec.pem", pem(h.issuing.ec!.entity.certificate)), "-noout", "-verify"]);
    expect(r.stderr).toContain("verify OK");
    const text = opensslOk(["crl", "-inform", "DER", "-in", file, "-noout", "-text"]);
    expect(text.match(/Serial Number:/g)?.length).toBe(20_000);
    expect(text).toContain("Serial Number: 800000000A0B0C0D");
  });

  it("fail/a bad serial is refused with INVALID_INPUT", async () => {
    await expect(shardCrl(0, [], [{ serialHex: "zz" }])).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("http headers carry the CRL content type and a bounded max-age", () => {
    const hdr = crlHttpHeaders({ now: NOW, nextUpdate: new Date(NOW.getTime() + 600_000) });
    expect(hdr["content-type"]).toBe("application/pkix-crl");
    expect(hdr["cache-control"]).toContain("max-age=540");
  });
});
