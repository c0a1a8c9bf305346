// OCSP request parsing (RFC 6960 4.1) with the engine's DER reader: only the fields the
// responder needs, each CertID kept as its raw bytes so the response can echo it exactly.
import { children, contentOf, expectTag, integerHex, raw, readOid, readRoot, type Node } from "../asn1/der";
import { OID } from "../asn1/oids";
import { CaError } from "../errors";

export interface RequestedCertId {
  /** raw CertID DER, echoed in the response */
  raw: Buffer;
  hashOid: string;
  nameHash: Buffer;
  keyHash: Buffer;
  serialHex: string;
}

export interface ParsedOcspRequest {
  certIds: RequestedCertId[];
  /** raw extnValue of the nonce extension, echoed when nonces are enabled */
  nonce?: Buffer;
}

export function parseOcspRequest(der: Buffer): ParsedOcspRequest {
  try {
    const root = readRoot(der);
    const [tbs] = children(der, expectTag(root, 0x30, "OCSPRequest"));
    const parts = children(der, expectTag(tbs, 0x30, "TBSRequest"));
    const list = parts.find((n) => n.tag === 0x30);
    const certIds = children(der, expectTag(list, 0x30, "requestList")).map((req) => {
      const [certId] = children(der, expectTag(req, 0x30, "Request"));
      const [alg, nameHash, keyHash, serial] = children(der, expectTag(certId, 0x30, "CertID"));
      return {
        raw: raw(der, certId!),
        hashOid: readOid(der, children(der, expectTag(alg, 0x30, "hashAlgorithm"))[0]),
        nameHash: contentOf(der, expectTag(nameHash, 0x04, "issuerNameHash")),
        keyHash: contentOf(der, expectTag(keyHash, 0x04, "issuerKeyHash")),
        serialHex: integerHex(der, serial),
      };
    });
    if (certIds.length === 0) throw new CaError("DER_MALFORMED", "empty requestList");
    let nonce: Buffer | undefined;
    const extWrapper = parts.find((n) => n.tag === 0xa2);
    if (extWrapper) {
      for (const ext of children(der, expectTag(children(der, extWrapper)[0], 0x30, "Extensions"))) {
        const fields = children(der, ext);
        if (readOid(der, fields[0]) === OID.ocspNonce) nonce = Buffer.from(contentOf(der, expectTag(fields[fields.length - 1] as Node, 0x04, "extnValue")));
      }
    }
    return { certIds, nonce };
  } catch (e) {
    if (e instanceof CaError) throw e;
    throw new CaError("DER_MALFORMED", "OCSP request cannot be parsed");
  }
}
