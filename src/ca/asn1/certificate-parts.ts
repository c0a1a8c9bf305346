// Splits a certificate into the raw parts the engine needs (names byte for byte, SPKI, serial),
// without re-encoding anything.
import { CaError } from "../errors";
import { children, contentOf, expectTag, integerHex, parseTime, raw, readOid, readRoot, type Node } from "./der";
import { INPUT_SIZE_LIMITS, STRUCTURE_LIMITS } from "./limits";

export interface CertificateParts {
  der: Buffer;
  tbs: Buffer;
  serialHex: string;
  issuerName: Buffer;
  subjectName: Buffer;
  spki: Buffer;
  notBefore: Date;
  notAfter: Date;
  signatureAlgorithm: string;
  signature: Buffer;
  extensions: Map<string, { critical: boolean; value: Buffer }>;
}

export function parseCertificate(input: Uint8Array): CertificateParts {
  const der = Buffer.from(input);
  if (der.length > INPUT_SIZE_LIMITS.certificate) throw new CaError("CERT_MALFORMED", `certificate larger than ${INPUT_SIZE_LIMITS.certificate} bytes`);
  try {
    const root = readRoot(der, STRUCTURE_LIMITS.certificate);
    const [tbsNode, algNode, sigNode] = children(der, expectTag(root, 0x30, "Certificate"));
    const tbsKids = children(der, expectTag(tbsNode, 0x30, "TBSCertificate"));
    let i = tbsKids[0]?.tag === 0xa0 ? 1 : 0;
    const serialHex = integerHex(der, tbsKids[i++]);
    i++; // signature algorithm inside TBS
    const issuer = expectTag(tbsKids[i++], 0x30, "issuer");
    const validity = children(der, expectTag(tbsKids[i++], 0x30, "validity"));
    const subject = expectTag(tbsKids[i++], 0x30, "subject");
    const spki = expectTag(tbsKids[i++], 0x30, "subjectPublicKeyInfo");
    const extensions = new Map<string, { critical: boolean; value: Buffer }>();
    const extWrapper = tbsKids.find((n) => n.tag === 0xa3);
    if (extWrapper) {
      const [list] = children(der, extWrapper);
      for (const ext of children(der, expectTag(list, 0x30, "Extensions"))) {
        const parts = children(der, ext);
        const critical = parts.length === 3 && contentOf(der, parts[1]!)[0] !== 0;
        extensions.set(readOid(der, parts[0]), { critical, value: Buffer.from(contentOf(der, expectTag(parts[parts.length - 1], 0x04, "extnValue"))) });
      }
    }
    const sigContent = contentOf(der, expectTag(sigNode, 0x03, "signature"));
    return {
      der,
      tbs: raw(der, tbsNode!),
      serialHex,
      issuerName: raw(der, issuer),
      subjectName: raw(der, subject),
      spki: raw(der, spki),
      notBefore: parseTime(der, validity[0] as Node),
      notAfter: parseTime(der, validity[1] as Node),
      signatureAlgorithm: readOid(der, children(der, expectTag(algNode, 0x30, "AlgorithmIdentifier"))[0]),
      signature: Buffer.from(sigContent.subarray(1)),
      extensions,
    };
  } catch (e) {
    throw new CaError("CERT_MALFORMED", e instanceof CaError ? e.message : undefined);
  }
}

export function pemToDer(input: string | Uint8Array, label?: string): Buffer {
  if (typeof input !== "string") {
    const asText = Buffer.from(input).subarray(0, 11).toString("latin1");
    if (!asText.startsWith("-----BEGIN")) return Buffer.from(input);
    input = Buffer.from(input).toString("latin1");
  }
  const re = label ? new RegExp(`-----BEGIN ${label}-----([^-]*)-----END ${label}-----`) : /-----BEGIN [A-Z0-9 #]+-----([^-]*)-----END [A-Z0-9 #]+-----/;
  const m = re.exec(input);
  if (!m) throw new CaError("DER_MALFORMED", `no PEM block${label ? ` labelled ${label}` : ""}`);
  return Buffer.from(m[1]!.replace(/\s+/g, ""), "base64");
}

export function derToPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString("base64");
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, "$&\n")}-----END ${label}-----\n`;
}
