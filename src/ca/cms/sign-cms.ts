// CMS signatures made by the engine (evidence reports, test vectors): detached or attached,
// optionally with an RFC 3161 timestamp over the signature value (id-aa-timeStampToken). The
// timestamp's imprint uses the signer's digest, so an SM2 signature is stamped over SM3 by the
// SM2 TSA and an RSA or P-256 one over SHA-256 by the international TSA (the TSA picks by imprint).
import { digestAlgorithmFor, type KeySigner } from "../keys/key-signer";
import { OID } from "../asn1/oids";
import type { TimestampAuthority } from "../tsa/timestamp-authority";
import { CMS_DIGEST_OID, digestOf } from "./cms-digest";
import { attribute, buildSignedData } from "./signed-data";

export interface SignCmsInput {
  signer: KeySigner;
  certificate: Buffer;
  chain?: readonly Buffer[];
  content: Buffer;
  detached: boolean;
  signingTime?: Date;
  timestampAuthority?: TimestampAuthority;
}

export function signCms(i: SignCmsInput): Promise<Buffer> {
  const tsa = i.timestampAuthority;
  const hash = digestAlgorithmFor(i.signer.keyType);
  return buildSignedData({
    ...i,
    eContentType: OID.data,
    unsignedAttributes: tsa
      ? async (signature) => [attribute(OID.timeStampToken, await tsa.timestampDigest(CMS_DIGEST_OID[hash], digestOf(hash, signature)))]
      : undefined,
  });
}
