// The verifier against what the engine itself makes on SM2 (issue 17 item 2): the demo hierarchy's
// SM2 family, a leaf signed by issuing-sm2, signCms with an SM2 signer and a timestamp from tsa-sm2,
// and the TSA's answer to an SM3 request that `openssl ts -query -sm3` wrote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { signCms } from "@/ca/cms/sign-cms";
import { encodeName } from "@/ca/asn1/names";
import * as X from "@/ca/asn1/extensions";
import { memoryKeyCustody } from "@/ca/keys/memory-key-custody";
import type { KeySigner } from "@/ca/keys/key-signer";
import { randomSerial, signCertificate } from "@/ca/issuance/certificate-builder";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { createTimestampAuthority, type TimestampAuthority } from "@/ca/tsa/timestamp-authority";
import { POLICY_ARC } from "@/ca/issuance/profiles";
import { verifyCertificate, type VerificationContext } from "@/ca/verify/verify-certificate";
import { verifyCms } from "@/ca/verify/verify-cms";
import { verifyTimestampToken } from "@/ca/verify/verify-timestamp";
import { T0, demoHierarchy } from "./helpers/fixture";
import { TempDir, opensslOk } from "./helpers/openssl";

let h: Hierarchy;
let tmp: TempDir;
let ctx: VerificationContext;
let tsa: TimestampAuthority;
let leafSigner: KeySigner;
let leafCert: Buffer;
const AT = new Date(T0.getTime() + 86_400_000);
const DATA = Buffer.from("国密签名 SM2 signed by the engine\n");
const outcome = (v: { checks: Array<{ id: string; outcome: string; reason: string }> }, id: string) =>
  v.checks.filter((c) => c.id === id).map((c) => `${c.outcome}:${c.reason}`).join(" ");

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy({ now: () => T0 });
  // the trust list as the server builds it (verification-context.ts): every root and issuing CA
  ctx = {
    anchors: h.record.entities.filter((e) => e.role === "root" || e.role === "issuing").map((e) => ({ id: e.id, certificate: e.certificate })),
    status: { statusOf: async () => ({ status: "good" }) },
  };
  tsa = createTimestampAuthority({ hierarchy: h, clock: { now: () => AT }, policyOid: `${POLICY_ARC}.2.1` });
  const issuing = h.issuing.sm2!;
  leafSigner = await memoryKeyCustody().generate("sm2-leaf", { type: "sm2" });
  leafCert = await signCertificate(
    {
      serial: randomSerial(),
      issuerName: issuing.parts.subjectName,
      subjectName: encodeName([{ type: "C", value: "CN" }, { type: "CN", value: "周八" }]),
      notBefore: T0,
      notAfter: new Date(T0.getTime() + 30 * 86_400_000),
      spki: leafSigner.spki,
      extensions: [X.basicConstraints(false), X.keyUsage(["digitalSignature", "nonRepudiation"]), X.authorityKeyIdentifier(issuing.keyId)],
    },
    issuing.signer,
  );
}, 120_000);
afterAll(() => tmp.cleanup());

describe("the engine's SM2 output, verified", () => {
  it("the trust list holds root-sm2 and issuing-sm2; each SM2 CA certificate verifies, the root's self-signature included", async () => {
    expect(ctx.anchors.map((a) => a.id)).toEqual(expect.arrayContaining(["root-sm2", "issuing-sm2"]));
    for (const id of ["root-sm2", "issuing-sm2", "ocsp-sm2", "tsa-sm2"]) {
      const v = await verifyCertificate({ certificate: h.byId.get(id)!.entity.certificate, at: AT }, ctx);
      expect(v.overall, `${id}: ${JSON.stringify(v.checks)}`).toBe("valid");
      expect(v.checks[0]?.facts).toEqual({ keyAlgorithm: "SM2", signatureAlgorithm: "SM3withSM2" });
    }
  });

  it("a leaf signed by issuing-sm2 is valid and its issuer is issuing-sm2", async () => {
    const v = await verifyCertificate({ certificate: leafCert, at: AT }, ctx);
    expect(v.overall, JSON.stringify(v.checks)).toBe("valid");
    expect(v.issuerId).toBe("issuing-sm2");
  });

  it("signCms with the SM2 key and a timestamp from tsa-sm2: valid, signing time from the token, a year later too", async () => {
    const chain = [h.issuing.sm2!.entity.certificate];
    const cms = await signCms({ signer: leafSigner, certificate: leafCert, chain, content: DATA, detached: true, timestampAuthority: tsa });
    const later = new Date(AT.getTime() + 400 * 86_400_000); // the leaf has expired by then
    const v = await verifyCms({ cms, content: DATA, at: later }, ctx);
    expect(v.overall, JSON.stringify(v.checks)).toBe("valid");
    expect(v.signingTime).toEqual({ value: AT, source: "timestamp" });
    expect(v.checks.find((c) => c.id === "signature")?.facts?.signatureAlgorithm).toBe("SM3withSM2");
    expect(v.timestamp?.tsaCertificate?.serialHex).toBe(h.tsaSm2!.parts.serialHex);
    expect(outcome(await verifyCms({ cms, content: Buffer.from("changed"), at: AT }, ctx), "signature")).toBe("fail:digest_mismatch");
  });

  it("the TSA's answer to an `openssl ts -query -sm3` request verifies over the data, and not over other data", async () => {
    const data = tmp.file("data.bin", DATA);
    const query = tmp.file("q.tsq");
    opensslOk(["ts", "-query", "-data", data, "-sm3", "-cert", "-out", query]);
    const resp = await tsa.handleTimestampRequest(readFileSync(query));
    expect(resp.status).toBe(200);
    const ok = await verifyTimestampToken(resp.body, { data: DATA }, ctx);
    expect(ok.overall, JSON.stringify(ok.checks)).toBe("valid");
    expect(ok.tsaCertificate?.serialHex).toBe(h.tsaSm2!.parts.serialHex);
    expect(outcome(await verifyTimestampToken(resp.body, { data: Buffer.from("other") }, ctx), "message_imprint")).toBe("fail:digest_mismatch");
    // a SHA-256 request still gets the international TSA's token, which still verifies
    const q2 = tmp.file("q2.tsq");
    opensslOk(["ts", "-query", "-data", data, "-sha256", "-cert", "-out", q2]);
    const sha = await verifyTimestampToken((await tsa.handleTimestampRequest(readFileSync(q2))).body, { data: DATA }, ctx);
    expect(sha.overall, JSON.stringify(sha.checks)).toBe("valid");
  });
});
