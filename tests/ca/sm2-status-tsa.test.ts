// SM2 timestamps (issue 17): a request whose messageImprint is SM3 (`openssl ts -query -sm3`) is
// answered by tsa-sm2: SignedData with digestAlgorithm SM3, signatureAlgorithm SM3withSM2 (user ID
// 1234567812345678) and ESSCertIDv2 over SM3 with its hashAlgorithm written; SHA-256 imprints keep
// going to the international TSA. OpenSSL 3.0 prints the SM2 token (`ts -reply -text`); whether
// `ts -verify` can check it is asserted below (it cannot give the user ID); the signature is judged
// by pkeyutl over the signed attributes and by sm2Verify.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { NULL, bool, children, contentOf, integer, octetString, oid, raw, readOid, readRoot, seq, type Node } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import { fixedClock } from "@/ca/clock";
import { chainOf, type Hierarchy } from "@/ca/hierarchy/hierarchy";
import { POLICY_ARC } from "@/ca/issuance/profiles";
import { sm2Verify, sm3 } from "@/ca/keys/sm2";
import { createTimestampAuthority, type IssuedTokenRecord, type TimestampAuthority } from "@/ca/tsa/timestamp-authority";
import { T0, demoHierarchy, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";
import { pkeyutlSm2Verify } from "./helpers/sm2-status";

const POLICY = `${POLICY_ARC}.2.1`;
const NOW = new Date(T0.getTime() + 3600_000);
let h: Hierarchy;
let tmp: TempDir;
let tsa: TimestampAuthority;
const records: IssuedTokenRecord[] = [];

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy();
  tsa = createTimestampAuthority({ hierarchy: h, clock: fixedClock(NOW), policyOid: POLICY, recordToken: async (t) => void records.push(t) });
  tmp.file("data.txt", "电子合同 SM3 时间戳\n");
  tmp.file("root-sm2.pem", pem(h.byId.get("root-sm2")!.entity.certificate));
  tmp.file("chain-sm2.pem", chainOf(h, "tsa-sm2").slice(0, -1).map(pem).join(""));
}, 120_000);
afterAll(() => tmp.cleanup());

async function stamp(args: string[]) {
  const reqFile = tmp.file(`req-${records.length}.tsq`);
  opensslOk(["ts", "-query", "-data", tmp.file("data.txt"), ...args, "-out", reqFile]);
  const res = await tsa.handleTimestampRequest(readFileSync(reqFile));
  return { res, reqFile, respFile: tmp.file(`resp-${records.length}.tsr`, res.body) };
}

/** The SignerInfo of a granted TimeStampResp, and the SignedData's fields. */
function signedDataOf(resp: Buffer) {
  const [, token] = children(resp, readRoot(resp));
  const [, content] = children(resp, token!);
  const sd = children(resp, children(resp, content!)[0]!);
  const signerInfo = children(resp, children(resp, sd[sd.length - 1]!)[0]!);
  const oidOf = (n: Node) => readOid(resp, children(resp, n)[0]);
  return { resp, sd, signerInfo, oidOf };
}

describe("SM2 TSA", () => {
  it("an SM3 imprint is answered by tsa-sm2: SM3 digest, SM3withSM2 signature, SM3 ESSCertIDv2; openssl prints it", async () => {
    const { res, respFile } = await stamp(["-sm3", "-cert"]);
    expect(res.status).toBe(200);
    const text = opensslOk(["ts", "-reply", "-in", respFile, "-text"]);
    expect(text).toContain("Status: Granted.");
    expect(text).toContain("Hash Algorithm: sm3");
    expect(text).toContain(`Policy OID: ${POLICY}`);
    expect(text).toContain(`Message data:`);
    expect(text.replace(/\s/g, "")).toContain(sm3(readFileSync(tmp.file("data.txt"))).toString("hex").slice(0, 8));

    const { sd, signerInfo, oidOf } = signedDataOf(res.body);
    expect(oidOf(children(res.body, sd[1]!)[0]!)).toBe(OID.sm3); // SignedData.digestAlgorithms
    expect(oidOf(signerInfo[2]!)).toBe(OID.sm3);
    expect(oidOf(signerInfo[4]!)).toBe(OID.sm2WithSm3);
    // signed attributes: [0] IMPLICIT SET, signed as an explicit SET OF
    const attrs = raw(res.body, signerInfo[3]!);
    const signedSet = Buffer.concat([Buffer.from([0x31]), attrs.subarray(1)]);
    const signature = Buffer.from(contentOf(res.body, signerInfo[5]!));
    const tsaSm2 = h.tsaSm2!;
    expect(sm2Verify(tsaSm2.parts.spki, signedSet, signature)).toBe(true);
    expect(pkeyutlSm2Verify(tmp, tsaSm2.entity.certificate, signedSet, signature).stdout).toContain("Signature Verified Successfully");
    // ESSCertIDv2 names SM3 and carries SM3 of the TSA certificate
    expect(signedSet.includes(Buffer.concat([seq(oid(OID.sm3), NULL), octetString(sm3(tsaSm2.entity.certificate))]))).toBe(true);
    expect(records.at(-1)).toMatchObject({ tsaEntityId: "tsa-sm2", hashOid: OID.sm3 });
  });

  it("OpenSSL 3.0 `ts -verify` cannot check the SM2 token (no -vfyopt: the empty user ID fails the certificate step): finding", async () => {
    const { reqFile, respFile } = await stamp(["-sm3", "-cert"]);
    const at = String(NOW.getTime() / 1000 + 60);
    const help = openssl(["ts", "-help"]);
    expect(help.stdout + help.stderr).not.toContain("-vfyopt");
    const v = openssl(["ts", "-verify", "-queryfile", reqFile, "-in", respFile, "-CAfile", tmp.file("root-sm2.pem"), "-untrusted", tmp.file("chain-sm2.pem"), "-attime", at]);
    expect(v.stdout).toContain("Verification: FAILED");
    expect(v.stderr).toMatch(/ts_verify_cert:certificate verify error.*certificate signature failure/);
    // Trusting the TSA certificate itself (-partial_chain) does not get past it either.
    const leafOnly = tmp.file("tsa-sm2.pem", pem(h.tsaSm2!.entity.certificate));
    const p = openssl(["ts", "-verify", "-queryfile", reqFile, "-in", respFile, "-CAfile", leafOnly, "-partial_chain", "-attime", at]);
    expect(p.stdout).toContain("Verification: FAILED");
    expect(p.stderr).toMatch(/certificate signature failure/);
  });

  it("a SHA-256 imprint still goes to the international TSA", async () => {
    const { res } = await stamp(["-sha256", "-cert"]);
    const { signerInfo, oidOf } = signedDataOf(res.body);
    expect(oidOf(signerInfo[2]!)).toBe(OID.sha256);
    expect(oidOf(signerInfo[4]!)).toBe(OID.ecdsaSha256);
    expect(records.at(-1)).toMatchObject({ tsaEntityId: "tsa", hashOid: OID.sha256 });
  });

  it("an SM3 imprint of the wrong length is badDataFormat; without an SM2 TSA an SM3 imprint is badAlg", async () => {
    const query = (hashed: Buffer) => seq(integer(1), seq(seq(oid(OID.sm3), NULL), octetString(hashed)), bool(true));
    const failure = (body: Buffer) => opensslOk(["ts", "-reply", "-in", tmp.file(`fail-${Math.random()}.tsr`, body), "-text"]);
    const short = await tsa.handleTimestampRequest(query(Buffer.alloc(20, 1)));
    expect(failure(short.body)).toContain("Failure info: the data submitted has the wrong format");
    const withoutSm2 = createTimestampAuthority({ hierarchy: { ...h, tsaSm2: undefined }, clock: fixedClock(NOW), policyOid: POLICY });
    const refused = await withoutSm2.handleTimestampRequest(query(sm3(Buffer.from("x"))));
    expect(failure(refused.body)).toContain("Failure info: unrecognized or unsupported algorithm identifier");
    // and the international TSA still answers SHA-256 there
    const sha = await withoutSm2.handleTimestampRequest(seq(integer(1), seq(seq(oid(OID.sha256), NULL), octetString(Buffer.alloc(32, 2)))));
    expect(failure(sha.body)).toContain("Status: Granted.");
  });

  it("timestampDigest with SM3 (signCms of an SM2 signer) is stamped by tsa-sm2", async () => {
    const token = await tsa.timestampDigest(OID.sm3, sm3(Buffer.from("签名值")));
    const [, content] = children(token, readRoot(token));
    const sd = children(token, children(token, content!)[0]!);
    const certs = raw(token, sd[3]!);
    expect(certs.includes(h.tsaSm2!.entity.certificate)).toBe(true);
    expect(certs.includes(h.tsa!.entity.certificate)).toBe(false);
  });
});
