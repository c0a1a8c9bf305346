// OCSP request parsing (RFC 6960 4.1), strict DER. The responder keys its pre-signed responses by
// the CertID it rebuilds from the parsed fields (canonicalCertId), never by the bytes the client
// sent: a parser that tolerated extra algorithm parameters, extra elements or leading zeros in the
// serial let one public serial arrive in endless byte variants, each signed, cached and recorded.
// So anything that is not the one DER encoding is refused here (malformedRequest), and the
// request is bounded (size, nesting, elements, CertIDs per request) before any costly work.
// Attacker-chosen OIDs are compared as bytes, never decoded, converted or cached.
import { NULL, contentOf, oid, octetString, readNode, seq, unsignedInteger, type Node } from "../asn1/der";
import { OID } from "../asn1/oids";
import { CaError } from "../errors";

/**
 * The hash algorithms a CertID may use: SHA-1 (what most clients send), SHA-256, and SM3, which
 * GM/T 0015 relying parties may send about SM2 certificates (the responder accepts SM3 only for
 * SM2 issuers). `openssl ocsp -sm3` writes it with NULL parameters, like the others.
 */
export type CertIdHash = "sha1" | "sha256" | "sm3";
const HASH_OIDS: Record<CertIdHash, string> = { sha1: OID.sha1, sha256: OID.sha256, sm3: OID.sm3 };
// content bytes of each OID (hex) -> name; computed from our own constants
const HASH_BY_OID_CONTENT = new Map<string, CertIdHash>(
  (Object.entries(HASH_OIDS) as Array<[CertIdHash, string]>).map(([name, dotted]) => [oid(dotted).subarray(2).toString("hex"), name]),
);
const NONCE_OID_CONTENT = oid(OID.ocspNonce).subarray(2).toString("hex");

export const OCSP_REQUEST_LIMITS = {
  /**
   * Bytes of one OCSPRequest. A real one is 70-120 bytes (one CertID, maybe a 16-byte nonce);
   * 8 KiB leaves room for a signed request with its signer certificate.
   */
  maxBytes: 8192,
  /**
   * CertIDs in one request. Browsers and RFC 5019 clients send one; `openssl ocsp` sends one per
   * -cert/-serial given. Each is one status lookup, all answered in one signature.
   */
  maxCertIds: 4,
  /** nesting depth (a signed request with a certificate needs about 12) */
  maxDepth: 16,
  /** elements in the whole request */
  maxElements: 512,
  /** serial INTEGER content: RFC 5280 allows 20 octets, plus a sign byte */
  maxSerialBytes: 21,
  /** issuerNameHash / issuerKeyHash: SHA-256 is 32 bytes; anything longer cannot be ours */
  maxHashBytes: 64,
  /** OBJECT IDENTIFIER content (hash and extension OIDs are under 12 bytes) */
  maxOidBytes: 32,
  /** nonce extnValue (RFC 8954: a nonce of at most 32 octets, wrapped in an OCTET STRING) */
  maxNonceBytes: 34,
} as const;

export interface RequestedCertId {
  /** null when the hash algorithm is one we do not support (answered unauthorized) */
  hash: CertIdHash | null;
  nameHash: Buffer;
  keyHash: Buffer;
  /** the serial as a positive integer: lowercase hex, no leading zero bytes */
  serialHex: string;
}

export interface ParsedOcspRequest {
  certIds: RequestedCertId[];
  /** raw extnValue of the nonce extension, echoed when nonces are enabled */
  nonce?: Buffer;
}

export interface OcspLimits {
  maxBytes?: number;
  maxCertIds?: number;
}

/** The CertID as DER encodes it (NULL hash parameters, as OpenSSL, NSS, Go and BouncyCastle send). */
export function encodeCertId(hash: CertIdHash, nameHash: Buffer, keyHash: Buffer, serialHex: string): Buffer {
  const serial = Buffer.from(serialHex.length % 2 ? "0" + serialHex : serialHex, "hex");
  return seq(seq(oid(HASH_OIDS[hash]), NULL), octetString(nameHash), octetString(keyHash), unsignedInteger(serial));
}

/** The one CertID a response for this request carries: rebuilt from the parsed fields. */
export function canonicalCertId(id: RequestedCertId & { hash: CertIdHash }): Buffer {
  return encodeCertId(id.hash, id.nameHash, id.keyHash, id.serialHex);
}

const malformed = (why: string) => new CaError("DER_MALFORMED", `OCSP request: ${why}`);

/** Bytes the DER length of `n` takes (after the tag). */
const minimalLengthBytes = (n: number) => (n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x1000000 ? 4 : 5);

/**
 * Checks the whole tree once before anything reads it: definite minimal lengths everywhere,
 * bounded depth and element count, no trailing bytes. Recursive, but the depth limit (16) bounds the
 * recursion before the stack could.
 */
function checkDer(der: Buffer): Node {
  let elements = 0;
  const walk = (start: number, end: number, depth: number): Node[] => {
    if (depth > OCSP_REQUEST_LIMITS.maxDepth) throw malformed("nested too deeply");
    const out: Node[] = [];
    let pos = start;
    while (pos < end) {
      const n = readNode(der, pos, end);
      if (++elements > OCSP_REQUEST_LIMITS.maxElements) throw malformed("too many elements");
      if (n.contentStart - n.start !== 1 + minimalLengthBytes(n.end - n.contentStart)) throw malformed("length not in its shortest form");
      if (n.tag & 0x20) walk(n.contentStart, n.end, depth + 1);
      out.push(n);
      pos = n.end;
    }
    return out;
  };
  const top = walk(0, der.length, 1);
  if (top.length !== 1) throw malformed(top.length === 0 ? "empty" : "trailing bytes");
  return top[0]!;
}

/** Children of an already-checked constructed node. */
function kids(der: Buffer, node: Node): Node[] {
  const out: Node[] = [];
  for (let pos = node.contentStart; pos < node.end; ) {
    const n = readNode(der, pos, node.end);
    out.push(n);
    pos = n.end;
  }
  return out;
}

function expect(node: Node | undefined, tag: number, what: string): Node {
  if (!node || node.tag !== tag) throw malformed(`expected ${what}`);
  return node;
}

/** A well-formed OBJECT IDENTIFIER's content (hex), not decoded: minimal arcs, bounded length. */
function oidContent(der: Buffer, node: Node | undefined, what: string): string {
  const c = contentOf(der, expect(node, 0x06, what));
  if (c.length === 0 || c.length > OCSP_REQUEST_LIMITS.maxOidBytes) throw malformed(`${what}: bad length`);
  if (c[c.length - 1]! & 0x80) throw malformed(`${what}: truncated arc`);
  for (let i = 0; i < c.length; i++) if (c[i] === 0x80 && (i === 0 || !(c[i - 1]! & 0x80))) throw malformed(`${what}: arc with a leading zero`);
  return c.toString("hex");
}

function octets(der: Buffer, node: Node | undefined, what: string, max: number): Buffer {
  const c = contentOf(der, expect(node, 0x04, what));
  if (c.length > max) throw malformed(`${what}: too long`);
  return Buffer.from(c);
}

/** CertificateSerialNumber: minimal, positive, at most 20 octets. */
function serialHexOf(der: Buffer, node: Node | undefined): string {
  const c = contentOf(der, expect(node, 0x02, "serialNumber"));
  if (c.length === 0 || c.length > OCSP_REQUEST_LIMITS.maxSerialBytes) throw malformed("serialNumber: bad length");
  if (c[0]! & 0x80) throw malformed("serialNumber: negative");
  if (c.length > 1 && c[0] === 0 && !(c[1]! & 0x80)) throw malformed("serialNumber: leading zero");
  if (c.length === OCSP_REQUEST_LIMITS.maxSerialBytes && c[0] !== 0) throw malformed("serialNumber: longer than 20 octets");
  return Buffer.from(c[0] === 0 && c.length > 1 ? c.subarray(1) : c).toString("hex");
}

function certIdOf(der: Buffer, node: Node | undefined): RequestedCertId {
  const fields = kids(der, expect(node, 0x30, "CertID"));
  if (fields.length !== 4) throw malformed("CertID: four fields expected");
  const alg = kids(der, expect(fields[0], 0x30, "hashAlgorithm"));
  if (alg.length < 1 || alg.length > 2) throw malformed("hashAlgorithm: extra elements");
  const algOid = oidContent(der, alg[0], "hashAlgorithm");
  // Parameters absent or NULL (RFC 5754 allows both for SHA-2); nothing else.
  if (alg[1] && (alg[1].tag !== 0x05 || alg[1].end !== alg[1].contentStart)) throw malformed("hashAlgorithm: parameters other than NULL");
  return {
    hash: HASH_BY_OID_CONTENT.get(algOid) ?? null,
    nameHash: octets(der, fields[1], "issuerNameHash", OCSP_REQUEST_LIMITS.maxHashBytes),
    keyHash: octets(der, fields[2], "issuerKeyHash", OCSP_REQUEST_LIMITS.maxHashBytes),
    serialHex: serialHexOf(der, fields[3]),
  };
}

/** Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, inside an [n] EXPLICIT wrapper. Returns the nonce. */
function extensionsOf(der: Buffer, wrapper: Node): Buffer | undefined {
  const inner = kids(der, wrapper);
  if (inner.length !== 1) throw malformed("extensions: one SEQUENCE expected");
  const list = kids(der, expect(inner[0], 0x30, "Extensions"));
  if (list.length === 0) throw malformed("extensions: empty");
  const seen = new Set<string>();
  let nonce: Buffer | undefined;
  for (const ext of list) {
    const f = kids(der, expect(ext, 0x30, "Extension"));
    const id = oidContent(der, f[0], "extnID");
    if (seen.has(id)) throw malformed("extensions: duplicate");
    seen.add(id);
    let i = 1;
    if (f[i]?.tag === 0x01) {
      // DER: critical is encoded only when TRUE, and TRUE is 0xFF
      const b = contentOf(der, f[i]!);
      if (b.length !== 1 || b[0] !== 0xff) throw malformed("extension: critical must be absent or TRUE");
      i++;
    }
    const value = octets(der, f[i], "extnValue", id === NONCE_OID_CONTENT ? OCSP_REQUEST_LIMITS.maxNonceBytes : OCSP_REQUEST_LIMITS.maxBytes);
    if (f.length !== i + 1) throw malformed("extension: extra elements");
    if (id === NONCE_OID_CONTENT) {
      if (value.length === 0) throw malformed("nonce: empty");
      nonce = value;
    }
  }
  return nonce;
}

/**
 * Parses an OCSPRequest. Throws CaError DER_MALFORMED for anything but the DER encoding of a
 * request within the limits; the responder answers those malformedRequest.
 */
export function parseOcspRequest(der: Buffer, limits: OcspLimits = {}): ParsedOcspRequest {
  const maxBytes = limits.maxBytes ?? OCSP_REQUEST_LIMITS.maxBytes;
  const maxCertIds = limits.maxCertIds ?? OCSP_REQUEST_LIMITS.maxCertIds;
  try {
    if (der.length > maxBytes) throw malformed("too large");
    const root = checkDer(der);
    // OCSPRequest ::= SEQUENCE { tbsRequest, optionalSignature [0] EXPLICIT OPTIONAL }
    const top = kids(der, expect(root, 0x30, "OCSPRequest"));
    if (top.length > 2 || (top[1] && top[1].tag !== 0xa0)) throw malformed("OCSPRequest: extra elements");
    // TBSRequest ::= SEQUENCE { version [0] DEFAULT v1, requestorName [1] OPTIONAL, requestList, requestExtensions [2] OPTIONAL }
    const parts = kids(der, expect(top[0], 0x30, "TBSRequest"));
    let i = 0;
    // DER never encodes a DEFAULT value, and v1 is the only version there is.
    if (parts[i]?.tag === 0xa0) throw malformed("TBSRequest: version must be absent (v1)");
    if (parts[i]?.tag === 0xa1) {
      if (kids(der, parts[i]!).length !== 1) throw malformed("requestorName: one GeneralName expected");
      i++;
    }
    const list = kids(der, expect(parts[i++], 0x30, "requestList"));
    let nonce: Buffer | undefined;
    if (parts[i]?.tag === 0xa2) nonce = extensionsOf(der, parts[i++]!);
    if (i !== parts.length) throw malformed("TBSRequest: extra elements");
    if (list.length === 0) throw malformed("empty requestList");
    if (list.length > maxCertIds) throw malformed("too many CertIDs");
    const certIds = list.map((req) => {
      // Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT OPTIONAL }
      const r = kids(der, expect(req, 0x30, "Request"));
      if (r.length > 2) throw malformed("Request: extra elements");
      if (r[1]) {
        if (r[1].tag !== 0xa0) throw malformed("Request: extra elements");
        extensionsOf(der, r[1]);
      }
      return certIdOf(der, r[0]);
    });
    return { certIds, nonce };
  } catch (e) {
    if (e instanceof CaError) throw e;
    throw new CaError("DER_MALFORMED", "OCSP request cannot be parsed");
  }
}
