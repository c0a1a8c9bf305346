import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { createPrivateKey, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { issueFromCsr, type IssuedCertificate } from "@/ca/issuance/issue-certificate";
import { keyObjectSigner } from "@/ca/keys/file-key-custody";
import { signCms } from "@/ca/cms/sign-cms";
import { createTimestampAuthority, type TimestampAuthority } from "@/ca/tsa/timestamp-authority";
import { verifyCms } from "@/ca/verify/verify-cms";
import { verifyCertificate, type VerificationContext } from "@/ca/verify/verify-certificate";
import { verifyTimestampToken } from "@/ca/verify/verify-timestamp";
import type { CertStatus } from "@/ca/ocsp/ocsp-response";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import type { Clock } from "@/ca/clock";
import { POLICY_ARC } from "@/ca/issuance/profiles";
import { T0, demoHierarchy, memoryRegistry, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

let h: Hierarchy;
let tmp: TempDir;
let leaf: IssuedCertificate;
let tsa: TimestampAuthority;
let ctx: VerificationContext;
const SIGN_TIME = new Date(T0.getTime() + 86_400_000);
const clock: Clock = { now: () => SIGN_TIME };
const statuses = new Map<string, CertStatus>();
const DATA = Buffer.from("采购合同 purchase contract v1\n");

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy({ now: () => T0 });
  const reg = memoryRegistry();
  const key = tmp.file("leaf.key");
  opensslOk(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
  const csr = opensslOk(["req", "-new", "-key", key, "-subj", "/CN=x"]);
  leaf = await issueFromCsr({ hierarchy: h, clock: { now: () => new Date(T0.getTime() + 3600_000) }, serials: reg.serials, keyOwnership: reg.keyOwnership }, { csr, profileId: "individual-signing", subject: { country: "CN", fullName: "孙七", email: "sun@example.cn" }, subscriberId: "s", usageScope: { kind: "项目", name: "x" } });
  tsa = createTimestampAuthority({ hierarchy: h, clock, policyOid: `${POLICY_ARC}.2.1` });
  ctx = {
    anchors: h.record.entities.filter((e) => e.role === "root" || e.role === "issuing").map((e) => ({ id: e.id, certificate: e.certificate })),
    status: { statusOf: async (issuerId, serial) => statuses.get(`${issuerId}/${serial}`) ?? { status: "good" } },
  };
  tmp.file("data.bin", DATA);
  tmp.file("leaf.pem", pem(leaf.certificate));
  tmp.file("root.pem", pem(h.root.entity.certificate));
  tmp.file("chain.pem", leaf.chain.map(pem).join(""));
});
afterAll(() => tmp.cleanup());

const signer = () => keyObjectSigner("leaf", createPrivateKey(readFileSync(tmp.file("leaf.key"))));
const at = () => String(Math.floor(SIGN_TIME.getTime() / 1000));
const outcome = (v: { checks: Array<{ id: string; outcome: string; reason: string }> }, id: string) => v.checks.filter((c) => c.id === id).map((c) => `${c.outcome}:${c.reason}`).join(" ");

describe("CMS: openssl-signed, verified by the engine", () => {
  it.each([
    ["ok/detached", ["-binary"], true, "valid"],
    ["ok/attached", ["-binary", "-nodetach"], false, "valid"],
    ["ok/attached, no signed attributes", ["-binary", "-nodetach", "-noattr"], false, "valid"],
  ])("%s", async (_n, args, detached, expected) => {
    const out = tmp.file("o.p7s");
    opensslOk(["cms", "-sign", ...args, "-in", tmp.file("data.bin"), "-signer", tmp.file("leaf.pem"), "-inkey", tmp.file("leaf.key"), "-certfile", tmp.file("chain.pem"), "-outform", "DER", "-out", out]);
    const v = await verifyCms({ cms: readFileSync(out), content: detached ? DATA : undefined, at: SIGN_TIME }, ctx);
    expect(v.overall, JSON.stringify(v.checks)).toBe(expected);
    expect(v.signingTime?.source).toBe("verification_time");
    expect(outcome(v, "timestamp")).toBe("cannot_tell:no_timestamp");
    expect(v.signer?.serialHex).toBe(leaf.serialHex);
  });

  it("fail/tampered content gives digest_mismatch; missing detached content cannot tell", async () => {
    const out = tmp.file("d.p7s");
    opensslOk(["cms", "-sign", "-binary", "-in", tmp.file("data.bin"), "-signer", tmp.file("leaf.pem"), "-inkey", tmp.file("leaf.key"), "-outform", "DER", "-out", out]);
    const bad = await verifyCms({ cms: readFileSync(out), content: Buffer.from("采购合同 purchase contract v2\n"), at: SIGN_TIME }, ctx);
    expect(bad.overall).toBe("invalid");
    expect(outcome(bad, "signature")).toBe("fail:digest_mismatch");
    const none = await verifyCms({ cms: readFileSync(out), at: SIGN_TIME }, ctx);
    expect(none.overall).toBe("indeterminate");
    expect(outcome(none, "signature")).toBe("cannot_tell:no_content");
  });

  it("fail/a signer outside our hierarchy is untrusted", async () => {
    const k = tmp.file("self.key");
    const c = tmp.file("self.pem");
    opensslOk(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", k, "-out", c, "-subj", "/CN=self", "-days", "3650"]);
    const out = tmp.file("self.p7s");
    opensslOk(["cms", "-sign", "-binary", "-nodetach", "-in", tmp.file("data.bin"), "-signer", c, "-inkey", k, "-outform", "DER", "-out", out]);
    const v = await verifyCms({ cms: readFileSync(out), at: SIGN_TIME }, ctx);
    expect(v.overall).toBe("invalid");
    expect(outcome(v, "chain")).toBe("fail:untrusted");
  });

  it.each([["random bytes", randomBytes(300)], ["truncated", Buffer.from("3082ffff0609", "hex")], ["PEM junk", "-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n"]])("fail/%s gives a structure failure, never a crash", async (_n, bytes) => {
    const v = await verifyCms({ cms: bytes, at: SIGN_TIME }, ctx);
    expect(v.overall).toBe("invalid");
    expect(outcome(v, "structure")).toBe("fail:malformed");
  });
});

describe("CMS: engine-signed, verified by openssl and by the engine", () => {
  it.each([
    ["ok/detached", true, false],
    ["ok/attached", false, false],
    ["ok/detached with embedded timestamp", true, true],
  ])("%s", async (_n, detached, withTs) => {
    const cms = await signCms({ signer: signer(), certificate: leaf.certificate, chain: leaf.chain, content: DATA, detached, signingTime: SIGN_TIME, timestampAuthority: withTs ? tsa : undefined });
    const file = tmp.file("ours.p7s", cms);
    const args = ["cms", "-verify", "-binary", "-inform", "DER", "-in", file, "-CAfile", tmp.file("root.pem"), "-purpose", "any", "-attime", at(), "-out", tmp.file("out.bin")];
    const r = openssl(detached ? [...args, "-content", tmp.file("data.bin")] : args);
    expect(r.stderr).toContain("Verification successful");
    if (!detached) expect(readFileSync(tmp.file("out.bin")).equals(DATA)).toBe(true);
    const v = await verifyCms({ cms, content: detached ? DATA : undefined, at: new Date(SIGN_TIME.getTime() + 400 * 86_400_000) }, ctx);
    if (withTs) {
      // verified a year later, after the certificate expired: the timestamp proves it was valid when signed
      expect(v.overall, JSON.stringify(v.checks)).toBe("valid");
      expect(v.signingTime).toEqual({ value: SIGN_TIME, source: "timestamp" });
      expect(v.timestamp?.overall).toBe("valid");
    } else {
      expect(v.overall).toBe("invalid");
      expect(outcome(v, "validity")).toBe("fail:expired");
    }
  });

  it("revocation at the signing time: revoked before the timestamp fails, after it passes", async () => {
    const cms = await signCms({ signer: signer(), certificate: leaf.certificate, chain: leaf.chain, content: DATA, detached: true, timestampAuthority: tsa });
    const key = `${leaf.issuerId}/${leaf.serialHex}`;
    statuses.set(key, { status: "revoked", revokedAt: new Date(SIGN_TIME.getTime() + 60_000), reason: "keyCompromise" });
    const later = await verifyCms({ cms, content: DATA, at: new Date(SIGN_TIME.getTime() + 86_400_000) }, ctx);
    expect(outcome(later, "revocation")).toBe("pass:ok");
    statuses.set(key, { status: "revoked", revokedAt: new Date(SIGN_TIME.getTime() - 60_000), reason: "certificateHold" });
    const before = await verifyCms({ cms, content: DATA, at: new Date(SIGN_TIME.getTime() + 86_400_000) }, ctx);
    expect(before.overall).toBe("invalid");
    expect(outcome(before, "revocation")).toBe("fail:on_hold");
    statuses.delete(key);
  });
});

describe("certificate and timestamp verification", () => {
  it.each([
    ["ok/valid now", () => SIGN_TIME, undefined, "valid", "validity", "pass:ok"],
    ["fail/expired", () => new Date(SIGN_TIME.getTime() + 400 * 86_400_000), undefined, "invalid", "validity", "fail:expired"],
    ["fail/not yet valid", () => T0, undefined, "invalid", "validity", "fail:not_yet_valid"],
    ["fail/revoked", () => SIGN_TIME, { status: "revoked", revokedAt: T0, reason: "keyCompromise" }, "invalid", "revocation", "fail:revoked"],
    ["fail/unknown to the CA", () => SIGN_TIME, { status: "unknown" }, "invalid", "revocation", "fail:status_unknown"],
  ] as const)("%s", async (_n, when, status, overall, id, expected) => {
    const key = `${leaf.issuerId}/${leaf.serialHex}`;
    if (status) statuses.set(key, status as CertStatus);
    const v = await verifyCertificate({ certificate: leaf.certificate, at: when() }, ctx);
    statuses.delete(key);
    expect(v.overall).toBe(overall);
    expect(outcome(v, id)).toBe(expected);
    expect(v.checks.every((c) => c.zh.length > 0 && c.en.length > 0)).toBe(true);
  });

  it("a revoked certificate's check carries its facts as data, for pages to put in words", async () => {
    const key = `${leaf.issuerId}/${leaf.serialHex}`;
    statuses.set(key, { status: "revoked", revokedAt: T0, reason: "keyCompromise" });
    const v = await verifyCertificate({ certificate: leaf.certificate, at: SIGN_TIME }, ctx);
    statuses.delete(key);
    expect(v.checks.find((c) => c.id === "revocation")?.facts).toEqual({ revokedAt: T0.toISOString(), revocationReason: "keyCompromise" });
    expect(v.checks.find((c) => c.id === "validity")?.facts).toEqual({ at: SIGN_TIME.toISOString() });
  });

  it("cannot tell revocation without a status source; garbage is malformed", async () => {
    const v = await verifyCertificate({ certificate: pem(leaf.certificate), at: SIGN_TIME }, { anchors: ctx.anchors });
    expect(v.overall).toBe("indeterminate");
    expect(outcome(v, "revocation")).toBe("cannot_tell:no_status_source");
    expect((await verifyCertificate({ certificate: randomBytes(50), at: SIGN_TIME }, ctx)).checks[0]?.outcome).toBe("fail");
  });

  it("RFC 3161 token vs data: ok for the data, fail for other data (token from an openssl query)", async () => {
    const req = tmp.file("q.tsq");
    opensslOk(["ts", "-query", "-data", tmp.file("data.bin"), "-sha256", "-cert", "-out", req]);
    const resp = await tsa.handleTimestampRequest(readFileSync(req));
    const ok = await verifyTimestampToken(resp.body, { data: DATA }, ctx);
    expect(ok.overall, JSON.stringify(ok.checks)).toBe("valid");
    expect(ok.genTime).toEqual(SIGN_TIME);
    const bad = await verifyTimestampToken(resp.body, { data: Buffer.from("other") }, ctx);
    expect(outcome(bad, "message_imprint")).toBe("fail:digest_mismatch");
    expect((await verifyTimestampToken(randomBytes(40), { data: DATA }, ctx)).overall).toBe("invalid");
  });
});
