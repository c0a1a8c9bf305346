import { ecdsaP1363ToDer, oid, seq, tlv, uint } from "./der";

/**
 * Signs the server's sample PDF as PAdES B-T (ETSI EN 319 142-1): a detached CMS SignedData over
 * the two /ByteRange parts with the signed attributes contentType, messageDigest and
 * signingCertificateV2 (no signingTime: PAdES puts the claimed time in the signature dictionary's
 * /M, which the server wrote), then an RFC 3161 timestamp over the signature value from this CA's
 * TSA as the unsigned attribute signatureTimeStampToken. The CMS goes, as hex, into /Contents.
 * Plain DER and WebCrypto digests only, so the same code runs in the browser and in Node's tests.
 */

const OIDS = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  sha256: "2.16.840.1.101.3.4.2.1",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  timeStampToken: "1.2.840.113549.1.9.16.2.14",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  sha256WithRsa: "1.2.840.113549.1.1.11",
} as const;

/** The certificate's key as the PDF signature needs it: which algorithm, and a signature over bytes. */
export interface PdfSigner {
  /** As src/client/signing-key.ts names them; "RSA" is PKCS#1 v1.5 with SHA-256. SM2 is refused (see signSealPdf). */
  algorithm: "ECDSA" | "RSA" | "SM2";
  /** ECDSA answers WebCrypto's r || s; it is turned into DER here. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** SM2 keys: PAdES readers (pdfsig / NSS, Acrobat) cannot check SM3withSM2, so no PDF is signed with one. */
export class Sm2PdfUnsupported extends Error {}

/** Asks the TSA for a token over a SHA-256 digest; answers the DER TimeStampResp. */
export type TimestampFetch = (request: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>;

export class TimestampUnavailable extends Error {}

const NULL = Uint8Array.of(0x05, 0x00);
const int = (n: number) => tlv(0x02, Uint8Array.of(n));
const bytes = (b: Uint8Array): Uint8Array<ArrayBuffer> => Uint8Array.from(b);
const attribute = (type: string, value: Uint8Array) => seq(oid(type), tlv(0x31, value));

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes(data)));
}

interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** One DER element at `at` (definite lengths only: certificates and TSA answers are DER). */
function readTlv(buf: Uint8Array, at: number): Tlv {
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let pos = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error("unsupported DER length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + i]!;
    pos += n;
  }
  if (pos + len > buf.length) throw new Error("truncated DER");
  return { tag, start: at, contentStart: pos, end: pos + len };
}

function childrenOf(buf: Uint8Array, node: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = node.contentStart; at < node.end; ) {
    const c = readTlv(buf, at);
    out.push(c);
    at = c.end;
  }
  return out;
}

const rawOf = (buf: Uint8Array, n: Tlv) => buf.subarray(n.start, n.end);

/** The certificate's issuer Name and serialNumber INTEGER, as DER, for IssuerAndSerialNumber. */
export function issuerAndSerial(certDer: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } {
  const tbs = childrenOf(certDer, readTlv(certDer, 0))[0]!;
  const f = childrenOf(certDer, tbs);
  const i = f[0]!.tag === 0xa0 ? 1 : 0;
  return { serial: rawOf(certDer, f[i]!), issuer: rawOf(certDer, f[i + 2]!) };
}

/** The TimeStampReq (RFC 3161) for a SHA-256 digest, asking for the TSA's certificate in the token. */
export function timestampRequest(digest: Uint8Array, nonce: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes(seq(int(1), seq(seq(oid(OIDS.sha256)), tlv(0x04, digest)), uint(nonce), Uint8Array.of(0x01, 0x01, 0xff)));
}

/** The token of a granted TimeStampResp (status 0 or 1), or TimestampUnavailable. */
export function tokenOf(response: Uint8Array): Uint8Array {
  try {
    const [status, token] = childrenOf(response, readTlv(response, 0));
    const code = response[childrenOf(response, status!)[0]!.contentStart];
    if ((code !== 0 && code !== 1) || !token) throw new TimestampUnavailable(`TSA status ${code}`);
    return rawOf(response, token);
  } catch (e) {
    throw e instanceof TimestampUnavailable ? e : new TimestampUnavailable("unreadable TSA answer");
  }
}

/** Where the prepared PDF's /Contents hex string lies (the server wrote /ByteRange [0 b c d]). */
export function contentsGap(pdf: Uint8Array): { b: number; c: number } {
  const head = new TextDecoder("latin1").decode(pdf);
  const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]/.exec(head);
  if (!m) throw new Error("no signature placeholder in the sample PDF");
  return { b: Number(m[1]), c: Number(m[2]) };
}

/**
 * The signed PDF: the prepared bytes with the CMS written into /Contents. `chain` are the issuer
 * certificates (issuing CA first), carried in the CMS so a reader that trusts only our root (pdfsig
 * with an NSS database, Acrobat) can build the path.
 */
export async function signSealPdf(
  prepared: Uint8Array,
  certificateDer: Uint8Array,
  chain: readonly Uint8Array[],
  signer: PdfSigner,
  fetchTimestamp: TimestampFetch,
): Promise<Uint8Array<ArrayBuffer>> {
  if (signer.algorithm === "SM2") throw new Sm2PdfUnsupported("SM2 keys do not sign the PAdES sample");
  const { b, c } = contentsGap(prepared);
  const signedBytes = new Uint8Array(b + prepared.length - c);
  signedBytes.set(prepared.subarray(0, b));
  signedBytes.set(prepared.subarray(c), b);

  const { issuer, serial } = issuerAndSerial(certificateDer);
  // ESSCertIDv2 with the default hash (SHA-256, so no AlgorithmIdentifier) and the issuerSerial.
  const essCertId = seq(tlv(0x04, await sha256(certificateDer)), seq(seq(tlv(0xa4, issuer)), serial));
  const attrs = [
    attribute(OIDS.contentType, oid(OIDS.data)),
    attribute(OIDS.messageDigest, tlv(0x04, await sha256(signedBytes))),
    attribute(OIDS.signingCertificateV2, seq(seq(essCertId))),
  ].sort(compareBytes); // SET OF in DER order: the signature covers this encoding
  const signedAttrs = tlv(0x31, ...attrs);
  const raw = await signer.sign(signedAttrs);
  const signature = signer.algorithm === "ECDSA" ? ecdsaP1363ToDer(raw) : raw;
  const sigAlg = signer.algorithm === "ECDSA" ? seq(oid(OIDS.ecdsaWithSha256)) : seq(oid(OIDS.sha256WithRsa), NULL);

  const nonce = crypto.getRandomValues(new Uint8Array(8));
  nonce[0]! &= 0x7f;
  const token = tokenOf(await fetchTimestamp(timestampRequest(await sha256(signature), nonce)));

  const signerInfo = seq(
    int(1),
    seq(issuer, serial),
    seq(oid(OIDS.sha256)),
    tlv(0xa0, ...attrs),
    sigAlg,
    tlv(0x04, signature),
    tlv(0xa1, attribute(OIDS.timeStampToken, token)),
  );
  const signedData = seq(int(1), tlv(0x31, seq(oid(OIDS.sha256))), seq(oid(OIDS.data)), tlv(0xa0, certificateDer, ...chain), tlv(0x31, signerInfo));
  const cms = seq(oid(OIDS.signedData), tlv(0xa0, signedData));

  const room = (c - b - 2) / 2;
  if (cms.length > room) throw new Error(`signature of ${cms.length} bytes does not fit the ${room} bytes of /Contents`);
  const hex = [...cms].map((x) => x.toString(16).padStart(2, "0")).join("").toUpperCase();
  const out = Uint8Array.from(prepared);
  out.set(new TextEncoder().encode(hex), b + 1);
  return out;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
