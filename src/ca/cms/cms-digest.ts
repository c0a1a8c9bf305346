// The two digests CMS structures of the engine use: SHA-256 (RSA, P-256) and SM3 (SM2). Node's
// createHash("sm3") comes from OpenSSL and is not in every build: sm3() of keys/sm2.ts is the
// pure-JS one the SM2 signatures already rely on, so nothing here depends on the OpenSSL build.
import { createHash } from "node:crypto";
import { NULL, oid, seq } from "../asn1/der";
import { OID } from "../asn1/oids";
import { sm3 } from "../keys/sm2";

export type CmsDigest = "sha256" | "sm3";

export const CMS_DIGEST_OID: Record<CmsDigest, string> = { sha256: OID.sha256, sm3: OID.sm3 };

export function digestOf(hash: CmsDigest, data: Uint8Array): Buffer {
  return hash === "sm3" ? sm3(data) : createHash("sha256").update(data).digest();
}

/** AlgorithmIdentifier with NULL parameters, as OpenSSL writes both (`openssl ts -query -sm3` does too). */
export const digestAlgorithmId = (hash: CmsDigest): Buffer => seq(oid(CMS_DIGEST_OID[hash]), NULL);
