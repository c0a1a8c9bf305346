// CMS signatures of an SM2 signer (issue 17): signCms writes digestAlgorithm SM3, signatureAlgorithm
// SM3withSM2 (1.2.156.10197.1.501) and an ESS signingCertificateV2 over SM3 with its hashAlgorithm
// written; with a TSA the signature is stamped over SM3 by tsa-sm2. OpenSSL 3.0 cannot make SM2 CMS
// (`cms -sign` leaves signatureAlgorithm empty) and verifies only with its empty user ID: it refuses
// ours (ID 1234567812345678) and accepts the same structure signed with the empty ID, with either
// SM3withSM2 or GM/T 0010's sm2-1 as signatureAlgorithm (it verifies by key and digestAlgorithm).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NULL, children, contentOf, octetString, oid, raw, readOid, readRoot, seq, type Node } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import { fixedClock } from "@/ca/clock";
import { signCms } from "@/ca/cms/sign-cms";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { POLICY_ARC } from "@/ca/issuance/profiles";
import { sm2 as SM2 } from "sm-crypto-v2";
import * as X from "@/ca/asn1/extensions";
import { encodeName } from "@/ca/asn1/names";
import { randomSerial, signCertificate } from "@/ca/issuance/certificate-builder";
import { sm2Spki, sm2Verify, sm3 } from "@/ca/keys/sm2";
import { SM2_SIGN_OID } from "@/ca/verify/signature-algorithms";
import type { KeySigner } from "@/ca/keys/key-signer";
import { createTimestampAuthority } from "@/ca/tsa/timestamp-authority";
import { T0, demoHierarchy } from "./helpers/fixture";
import { TempDir, openssl } from "./helpers/openssl";
import { sm2SignedData } from "./helpers/sm2-signed-data";
import { pkeyutlSm2Verify, sm2Leaf } from "./helpers/sm2-status";

const NOW = new Date(T0.getTime() + 3600_000);
const CONTENT = Buffer.from("盖章文件 SM2 签名\n");
let h: Hierarchy;
let tmp: TempDir;
let leaf: { der: Buffer; signer: KeySigner };

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy();
  leaf = await sm2Leaf(h, NOW);
}, 120_000);
afterAll(() => tmp.cleanup());

function signerInfoOf(cms: Buffer) {
  const [, content] = children(cms, readRoot(cms));
  const sd = children(cms, children(cms, content!)[0]!);
  const si = children(cms, children(cms, sd[sd.length - 1]!)[0]!);
  const oidOf = (n: Node) => readOid(cms, children(cms, n)[0]);
  return { sd, si, oidOf };
}

describe("SM2 CMS", () => {
  it("signCms with an SM2 key: SM3 digest, SM3withSM2, ESS over SM3; the signature checks with pkeyutl and sm2Verify", async () => {
    const cms = await signCms({ signer: leaf.signer, certificate: leaf.der, chain: [h.issuing.sm2!.entity.certificate], content: CONTENT, detached: true, signingTime: NOW });
    const { sd, si, oidOf } = signerInfoOf(cms);
    expect(oidOf(children(cms, sd[1]!)[0]!)).toBe(OID.sm3);
    expect(oidOf(si[2]!)).toBe(OID.sm3);
    expect(oidOf(si[4]!)).toBe(OID.sm2WithSm3);
    const signedSet = Buffer.concat([Buffer.from([0x31]), raw(cms, si[3]!).subarray(1)]);
    expect(signedSet.includes(octetString(sm3(CONTENT)))).toBe(true); // messageDigest
    expect(signedSet.includes(Buffer.concat([seq(oid(OID.sm3), NULL), octetString(sm3(leaf.der))]))).toBe(true); // ESSCertIDv2
    const signature = Buffer.from(contentOf(cms, si[5]!));
    expect(sm2Verify(leaf.signer.spki, signedSet, signature)).toBe(true);
    expect(pkeyutlSm2Verify(tmp, leaf.der, signedSet, signature).stdout).toContain("Signature Verified Successfully");

    // OpenSSL 3.0 cannot be given the user ID when verifying CMS (-keyopt is for signing): it
    // checks with the empty ID and refuses the signature, whether or not the chain is checked.
    const data = tmp.file("data.txt", CONTENT);
    const v = openssl(["cms", "-verify", "-inform", "DER", "-in", tmp.file("sig.p7s", cms), "-content", data, "-binary", "-noverify", "-out", "/dev/null"]);
    expect(v.status).not.toBe(0);
    expect(v.stderr).toMatch(/CMS_SignerInfo_verify:verification failure/);
  });

  it("finding: OpenSSL 3.0 `cms -verify` accepts this shape (SM3 digest, SM3withSM2, or GM/T 0010's sm2-1) when signed with its own empty user ID", async () => {
    const priv = SM2.generateKeyPairHex();
    const emptyId = (data: Uint8Array | readonly Uint8Array[]) =>
      Buffer.from(SM2.doSignature(Buffer.concat(data instanceof Uint8Array ? [data] : (data as Uint8Array[])), priv.privateKey, { der: true, hash: true, userId: "", publicKey: priv.publicKey }), "hex");
    const key: KeySigner = { label: "empty-id", keyType: "sm2", spki: sm2Spki(priv.publicKey), sign: async (d) => emptyId(d) };
    const cert = await signCertificate(
      { serial: randomSerial(), issuerName: h.issuing.sm2!.parts.subjectName, subjectName: encodeName([{ type: "CN", value: "empty id" }]), notBefore: NOW, notAfter: new Date(NOW.getTime() + 86_400_000), spki: key.spki, extensions: [X.keyUsage(["digitalSignature"])] },
      h.issuing.sm2!.signer,
    );
    const data = tmp.file("data2.txt", CONTENT);
    const verify = (cms: Buffer) => openssl(["cms", "-verify", "-inform", "DER", "-in", tmp.file(`e-${Math.random()}.p7s`, cms), "-content", data, "-binary", "-noverify", "-out", "/dev/null"]);
    // signCms's own structure, only the user ID differs: OpenSSL accepts it.
    const ours = await signCms({ signer: key, certificate: cert, content: CONTENT, detached: true });
    expect(verify(ours).stderr).toContain("Verification successful");
    const sm2_1 = sm2SignedData({ certificate: cert, content: CONTENT, detached: true, sign: emptyId, signatureOid: SM2_SIGN_OID, essHashOid: OID.sm3 });
    // OpenSSL has no name for sm2-1 but verifies by the key and the digestAlgorithm, so it takes that too.
    expect(verify(sm2_1).stderr).toContain("Verification successful");
    // and its verdict can be no: the content changed
    const other = tmp.file("other.txt", "changed\n");
    expect(openssl(["cms", "-verify", "-inform", "DER", "-in", tmp.file("ours-empty.p7s", ours), "-content", other, "-binary", "-noverify", "-out", "/dev/null"]).status).not.toBe(0);
  });

  it("with a TSA, the signature value is stamped over SM3 by tsa-sm2", async () => {
    const tsa = createTimestampAuthority({ hierarchy: h, clock: fixedClock(NOW), policyOid: `${POLICY_ARC}.2.1` });
    const cms = await signCms({ signer: leaf.signer, certificate: leaf.der, content: CONTENT, detached: false, timestampAuthority: tsa });
    const { si } = signerInfoOf(cms);
    const unsigned = raw(cms, si[6]!);
    expect(unsigned.includes(oid(OID.timeStampToken))).toBe(true);
    expect(unsigned.includes(h.tsaSm2!.entity.certificate)).toBe(true);
    const signature = Buffer.from(contentOf(cms, si[5]!));
    expect(unsigned.includes(octetString(sm3(signature)))).toBe(true);
  });
});
