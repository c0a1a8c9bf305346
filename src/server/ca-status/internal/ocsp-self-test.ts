import { createHash, createPublicKey, randomBytes, verify } from "node:crypto";
import { children, contentOf, expectTag, NULL, octetString, oid, parseTime, raw, readOid, readRoot, seq, unsignedInteger } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import { sm2Verify } from "@/ca/keys/sm2";
import type { PrismaClient } from "@/generated/prisma/client";
import { caOf, serveOcsp } from "@/server/ca-service";

/** Node verifies these; SM3withSM2 goes to sm2Verify (Node's crypto cannot check SM2, and the user ID is the portal's). */
const SIGNATURE_HASH: Record<string, string> = {
  [OID.ecdsaSha256]: "sha256",
  [OID.ecdsaSha384]: "sha384",
  [OID.ecdsaSha512]: "sha512",
  [OID.sha256WithRSA]: "sha256",
  [OID.sha384WithRSA]: "sha384",
};
const CERT_STATUS = { 0x80: "good", 0xa1: "revoked", 0x82: "unknown" } as const;

export type OcspProbe =
  | { issuer: string; signer: string; answered: true; ok: boolean; certStatus: "good" | "revoked" | "unknown" | null; signatureValid: boolean; producedAt: string | null; elapsedMs: number }
  | { issuer: string; signer: string; answered: false; problem: "unavailable" | "refused" | "malformed"; responseStatus: number | null; elapsedMs: number };

/** An OCSPRequest for one serial under an issuing CA (CertID with SHA-256, no nonce), as a relying party sends it. */
function probeRequest(issuerName: Buffer, issuerSpki: Buffer, serial: Buffer): Buffer {
  const keyBits = contentOf(issuerSpki, children(issuerSpki, readRoot(issuerSpki))[1]!).subarray(1);
  const certId = seq(seq(oid(OID.sha256), NULL), octetString(createHash("sha256").update(issuerName).digest()), octetString(createHash("sha256").update(keyBits).digest()), unsignedInteger(serial));
  return seq(seq(seq(seq(certId))));
}

interface ParsedBasic {
  responseStatus: number;
  tbs?: Buffer;
  signatureOid?: string;
  signature?: Buffer;
  producedAt?: Date;
  certStatus?: "good" | "revoked" | "unknown";
}

/** Reads what the probe checks from an OCSPResponse with the engine's DER reader. */
function parseResponse(der: Buffer): ParsedBasic {
  const [statusNode, bytesNode] = children(der, expectTag(readRoot(der), 0x30, "OCSPResponse"));
  const responseStatus = contentOf(der, expectTag(statusNode, 0x0a, "responseStatus"))[0] ?? -1;
  if (responseStatus !== 0) return { responseStatus };
  const [responseBytes] = children(der, expectTag(bytesNode, 0xa0, "responseBytes"));
  const [, octets] = children(der, expectTag(responseBytes, 0x30, "ResponseBytes"));
  const basic = contentOf(der, expectTag(octets, 0x04, "response"));
  const [tbs, alg, sig] = children(basic, expectTag(readRoot(basic), 0x30, "BasicOCSPResponse"));
  const tbsKids = children(basic, expectTag(tbs, 0x30, "ResponseData"));
  const producedIdx = tbsKids.findIndex((n) => n.tag === 0x18);
  const responses = expectTag(tbsKids[producedIdx + 1], 0x30, "responses");
  const single = children(basic, expectTag(children(basic, responses)[0], 0x30, "SingleResponse"));
  const statusTag = single[1]?.tag as keyof typeof CERT_STATUS | undefined;
  return {
    responseStatus,
    tbs: raw(basic, tbs!),
    signatureOid: readOid(basic, children(basic, expectTag(alg, 0x30, "signatureAlgorithm"))[0]),
    signature: contentOf(basic, expectTag(sig, 0x03, "signature")).subarray(1),
    producedAt: parseTime(basic, tbsKids[producedIdx]!),
    certStatus: statusTag !== undefined ? CERT_STATUS[statusTag] : undefined,
  };
}

/**
 * Asks the OCSP responder, through the same code path as POST /pki/ocsp (serveOcsp), about a
 * random serial under each issuing CA that has a delegated signer. The right answer is a
 * response signed by that signer saying "unknown" (this CA never issued it): that proves the
 * responder is up, holds its key, and does not claim certificates it never issued. Unknown
 * serials are not cached, so nothing is stored.
 */
export async function ocspSelfTest(db: PrismaClient): Promise<OcspProbe[]> {
  let ca;
  try {
    ca = await caOf(db)();
  } catch {
    return [{ issuer: "", signer: "", answered: false, problem: "unavailable", responseStatus: null, elapsedMs: 0 }];
  }
  const probes: OcspProbe[] = [];
  for (const [issuerId, signer] of ca.hierarchy.ocspSigners) {
    const issuer = ca.hierarchy.byId.get(issuerId);
    if (!issuer) continue;
    const serial = randomBytes(16);
    serial[0] = (serial[0]! & 0x3f) | 0x10;
    const who = { issuer: issuerId, signer: signer.entity.id };
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let body: Buffer;
    try {
      body = Buffer.from((await serveOcsp(db, probeRequest(issuer.parts.subjectName, issuer.parts.spki, serial))).body);
    } catch {
      probes.push({ ...who, answered: false, problem: "unavailable", responseStatus: null, elapsedMs: elapsed() });
      continue;
    }
    const elapsedMs = elapsed();
    let parsed: ParsedBasic;
    try {
      parsed = parseResponse(body);
    } catch {
      probes.push({ ...who, answered: false, problem: "malformed", responseStatus: null, elapsedMs });
      continue;
    }
    if (parsed.responseStatus !== 0) {
      probes.push({ ...who, answered: false, problem: "refused", responseStatus: parsed.responseStatus, elapsedMs });
      continue;
    }
    const hash = parsed.signatureOid ? SIGNATURE_HASH[parsed.signatureOid] : undefined;
    let signatureValid = false;
    try {
      signatureValid =
        parsed.signatureOid === OID.sm2WithSm3
          ? sm2Verify(signer.parts.spki, parsed.tbs!, parsed.signature!)
          : !!hash && verify(hash, parsed.tbs!, createPublicKey({ key: signer.parts.spki, format: "der", type: "spki" }), parsed.signature!);
    } catch {
      signatureValid = false;
    }
    probes.push({
      ...who,
      answered: true,
      ok: signatureValid && parsed.certStatus === "unknown",
      certStatus: parsed.certStatus ?? null,
      signatureValid,
      producedAt: parsed.producedAt?.toISOString() ?? null,
      elapsedMs,
    });
  }
  return probes;
}
