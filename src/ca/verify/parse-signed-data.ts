// Reads a CMS ContentInfo/SignedData (RFC 5652) into the parts verification needs, keeping
// signed attributes as raw bytes (their DER is what was signed).
import { children, contentOf, expectTag, integerHex, raw, readOid, readRoot, type Node } from "../asn1/der";
import { CMS_LIMITS, STRUCTURE_LIMITS } from "../asn1/limits";
import { OID } from "../asn1/oids";
import { CaError } from "../errors";

export interface ParsedSignerInfo {
  sidIssuer?: Buffer;
  sidSerialHex?: string;
  sidKeyId?: Buffer;
  digestOid: string;
  /** the signed attributes re-tagged as SET OF, i.e. the bytes the signature covers */
  signedAttrsDer?: Buffer;
  signedAttrs: Map<string, Buffer[]>;
  signatureOid: string;
  signature: Buffer;
  unsignedAttrs: Map<string, Buffer[]>;
}
export interface ParsedSignedData {
  eContentType: string;
  eContent?: Buffer;
  certificates: Buffer[];
  signers: ParsedSignerInfo[];
}

function octets(der: Buffer, node: Node): Buffer {
  if (node.tag === 0x04) return Buffer.from(contentOf(der, node));
  if (node.tag === 0x24) return Buffer.concat(children(der, node).map((c) => octets(der, c))); // BER constructed form
  throw new CaError("CMS_MALFORMED", "expected OCTET STRING");
}

/** Refuses a list longer than its limit before any of its elements is decoded. */
function atMost<T>(items: T[], max: number, what: string): T[] {
  if (items.length > max) throw new CaError("CMS_MALFORMED", `more than ${max} ${what}`);
  return items;
}

function attributes(der: Buffer, node: Node): Map<string, Buffer[]> {
  const out = new Map<string, Buffer[]>();
  for (const attr of atMost(children(der, node), CMS_LIMITS.maxAttributes, "attributes")) {
    const [type, values] = children(der, attr);
    const valueNodes = atMost(children(der, expectTag(values, 0x31, "attribute values")), CMS_LIMITS.maxAttributeValues, "attribute values");
    out.set(readOid(der, type), valueNodes.map((v) => raw(der, v)));
  }
  return out;
}

export function parseSignedData(input: Uint8Array): ParsedSignedData {
  const der = Buffer.from(input);
  try {
    const root = readRoot(der, STRUCTURE_LIMITS.cms);
    const [type, wrapped] = children(der, expectTag(root, 0x30, "ContentInfo"));
    if (readOid(der, type) !== OID.signedData) throw new CaError("CMS_MALFORMED", "not a SignedData");
    const [sd] = children(der, expectTag(wrapped, 0xa0, "content"));
    // version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos
    const kids = atMost(children(der, expectTag(sd, 0x30, "SignedData")), 6, "SignedData fields");
    const encap = atMost(children(der, expectTag(kids[2], 0x30, "encapContentInfo")), 2, "encapContentInfo fields");
    const eContentType = readOid(der, encap[0]);
    const eContent = encap[1] ? octets(der, children(der, expectTag(encap[1], 0xa0, "eContent"))[0]!) : undefined;
    // counted before anything embedded is parsed: buildChain parses and may signature-check each
    const certificates = atMost(
      kids.filter((k) => k.tag === 0xa0).flatMap((k) => children(der, k).filter((c) => c.tag === 0x30).map((c) => raw(der, c))),
      CMS_LIMITS.maxCertificates,
      "embedded certificates",
    );
    atMost(kids.filter((k) => k.tag === 0xa1).flatMap((k) => children(der, k)), CMS_LIMITS.maxCrls, "embedded CRLs");
    const signerSet = kids[kids.length - 1]!;
    const signers = atMost(children(der, expectTag(signerSet, 0x31, "signerInfos")), CMS_LIMITS.maxSigners, "signer infos").map((si) => {
      const f = children(der, si);
      let i = 1;
      const sid = f[i++]!;
      const out: Partial<ParsedSignerInfo> = { signedAttrs: new Map(), unsignedAttrs: new Map() };
      if (sid.tag === 0x30) {
        const [issuer, serial] = children(der, sid);
        out.sidIssuer = raw(der, issuer!);
        out.sidSerialHex = integerHex(der, serial);
      } else if (sid.tag === 0x80) out.sidKeyId = Buffer.from(contentOf(der, sid));
      else throw new CaError("CMS_MALFORMED", "bad signer identifier");
      out.digestOid = readOid(der, children(der, expectTag(f[i++], 0x30, "digestAlgorithm"))[0]);
      if (f[i]?.tag === 0xa0) {
        const node = f[i++]!;
        out.signedAttrsDer = Buffer.concat([Buffer.from([0x31]), raw(der, node).subarray(1)]);
        out.signedAttrs = attributes(der, node);
      }
      out.signatureOid = readOid(der, children(der, expectTag(f[i++], 0x30, "signatureAlgorithm"))[0]);
      out.signature = Buffer.from(contentOf(der, expectTag(f[i++], 0x04, "signature")));
      if (f[i]?.tag === 0xa1) out.unsignedAttrs = attributes(der, f[i]!);
      return out as ParsedSignerInfo;
    });
    return { eContentType, eContent, certificates, signers };
  } catch (e) {
    if (e instanceof CaError && e.code === "CMS_MALFORMED") throw e;
    throw new CaError("CMS_MALFORMED", e instanceof CaError ? `CMS: ${e.message}` : undefined);
  }
}
