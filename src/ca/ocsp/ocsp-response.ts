// OCSP response encoding (RFC 6960 4.2): a BasicOCSPResponse signed by the delegated OCSP
// signer, responder ID by key hash, the signer certificate included.
import { bitString, explicit, generalizedTime, implicitPrimitive, octetString, oid, seq, tlv } from "../asn1/der";
import { extension } from "../asn1/extensions";
import { OID } from "../asn1/oids";
import { REASON_CODES, type RevocationReason } from "../crl/revocation-reasons";
import type { LoadedEntity } from "../hierarchy/hierarchy";
import { signatureAlgorithmFor } from "../keys/key-signer";

export type CertStatus =
  | { status: "good" }
  | { status: "revoked"; revokedAt: Date; reason?: RevocationReason }
  | { status: "unknown" };

export const OCSP_STATUS = { successful: 0, malformedRequest: 1, internalError: 2, tryLater: 3, sigRequired: 5, unauthorized: 6 } as const;
export type OcspResponseStatus = keyof typeof OCSP_STATUS;

/** An OCSPResponse without responseBytes (every status but successful). */
export const ocspErrorResponse = (status: Exclude<OcspResponseStatus, "successful">) => seq(tlv(0x0a, Buffer.from([OCSP_STATUS[status]])));

export interface SingleResponseInput {
  certIdRaw: Buffer;
  status: CertStatus;
  thisUpdate: Date;
  nextUpdate: Date;
}

function certStatus(s: CertStatus): Buffer {
  if (s.status === "good") return implicitPrimitive(0, Buffer.alloc(0));
  if (s.status === "unknown") return implicitPrimitive(2, Buffer.alloc(0));
  const parts = [generalizedTime(s.revokedAt)];
  if (s.reason && s.reason !== "unspecified") parts.push(explicit(0, tlv(0x0a, Buffer.from([REASON_CODES[s.reason]]))));
  return tlv(0xa1, ...parts);
}

export async function signOcspResponse(signer: LoadedEntity, producedAt: Date, responses: readonly SingleResponseInput[], nonce?: Buffer): Promise<Buffer> {
  const single = responses.map((r) => seq(r.certIdRaw, certStatus(r.status), generalizedTime(r.thisUpdate), explicit(0, generalizedTime(r.nextUpdate))));
  const dataParts = [explicit(2, octetString(signer.keyId)), generalizedTime(producedAt), seq(...single)];
  if (nonce) dataParts.push(explicit(1, seq(extension(OID.ocspNonce, false, nonce))));
  const responseData = seq(...dataParts);
  const alg = signatureAlgorithmFor(signer.signer.keyType);
  const signature = await signer.signer.sign(responseData);
  const basic = seq(responseData, alg, bitString(signature), explicit(0, seq(signer.entity.certificate)));
  return seq(tlv(0x0a, Buffer.from([0])), explicit(0, seq(oid(OID.ocspBasic), octetString(basic))));
}
