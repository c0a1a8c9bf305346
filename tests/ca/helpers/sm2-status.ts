// Helpers for the SM2 status-and-time tests (CRL, OCSP, TSA, CMS): leaf certificates signed by
// issuing-sm2 directly (the SM2 profiles are tested with issuance; here only a serial under the
// SM2 CA matters), and OpenSSL's pkeyutl as the judge of an SM2 signature over a TBS structure,
// which is what OpenSSL 3.0 can check where its crl/ocsp/ts commands give no user ID.
import { children, contentOf, raw, readRoot } from "@/ca/asn1/der";
import * as X from "@/ca/asn1/extensions";
import { encodeName } from "@/ca/asn1/names";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { randomSerial, signCertificate } from "@/ca/issuance/certificate-builder";
import { SM2_USER_ID } from "@/ca/keys/sm2";
import type { KeySigner } from "@/ca/keys/key-signer";
import { memoryKeyCustody } from "@/ca/keys/memory-key-custody";
import { pem } from "./fixture";
import { openssl, opensslOk, type OpensslResult, type TempDir } from "./openssl";

/** An SM2 end-entity certificate under issuing-sm2, with its OCSP URL and CRL distribution point. */
export async function sm2Leaf(h: Hierarchy, now: Date, cn = "SM2 测试用户"): Promise<{ der: Buffer; serialHex: string; signer: KeySigner }> {
  const issuer = h.issuing.sm2!;
  const key = await memoryKeyCustody().generate("leaf", { type: "sm2" });
  const serial = randomSerial();
  const der = await signCertificate(
    {
      serial,
      issuerName: issuer.parts.subjectName,
      subjectName: encodeName([{ type: "C", value: "CN" }, { type: "CN", value: cn }]),
      notBefore: now,
      notAfter: new Date(now.getTime() + 365 * 86_400_000),
      spki: key.spki,
      extensions: [
        X.basicConstraints(false),
        X.keyUsage(["digitalSignature", "nonRepudiation"]),
        X.authorityKeyIdentifier(issuer.keyId),
        X.crlDistributionPoints(h.urls.crl(issuer.entity.id, 0)),
        X.authorityInfoAccess(h.urls.ocsp, h.urls.caCertificate(issuer.entity.id)),
      ],
    },
    issuer.signer,
  );
  return { der, serialHex: parseCertificate(der).serialHex, signer: key };
}

/** The first element (TBSCertList, tbsResponseData, ...) and the signature BIT STRING's bytes of a signed structure. */
export function tbsAndSignature(der: Uint8Array): { tbs: Buffer; signature: Buffer; algorithm: Buffer } {
  const kids = children(der, readRoot(der));
  return { tbs: raw(der, kids[0]!), algorithm: raw(der, kids[1]!), signature: Buffer.from(contentOf(der, kids[2]!).subarray(1)) };
}

/** `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:…` with the public key of `certificate`. */
export function pkeyutlSm2Verify(tmp: TempDir, certificate: Buffer, tbs: Buffer, signature: Buffer, distid: string = SM2_USER_ID): OpensslResult {
  const tag = Math.random().toString(36).slice(2);
  const pub = tmp.file(`pub-${tag}.pem`, opensslOk(["x509", "-pubkey", "-noout"], pem(certificate)));
  return openssl([
    "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-inkey", pub,
    "-pkeyopt", `distid:${distid}`,
    "-in", tmp.file(`tbs-${tag}.der`, tbs), "-sigfile", tmp.file(`sig-${tag}.der`, signature),
  ]);
}
