// SM2 keys in the subscriber's browser (issue 17 item 3). WebCrypto has no SM2, so the arithmetic is
// sm-crypto-v2 (pure JS on @noble/curves, the library the engine uses in src/ca/keys/sm2.ts; random
// numbers from crypto.getRandomValues) and the DER is ours, as for the P-256 request in browser-key.ts.
// Every signature uses the user ID 1234567812345678, as the CA and OpenSSL (-vfyopt distid:) expect.
import { sm2 } from "sm-crypto-v2";
import { oid, seq, tlv, toPem } from "./der";

export const SM2_USER_ID = "1234567812345678";
const SIGN_OPTIONS = { der: true, hash: true, userId: SM2_USER_ID } as const;
const EC_PUBLIC_KEY = "1.2.840.10045.2.1";
const SM2_CURVE = "1.2.156.10197.1.301";
const SM2_WITH_SM3 = "1.2.156.10197.1.501";
const COMMON_NAME = "2.5.4.3";

export interface Sm2KeyPair {
  /** The private scalar d, 64 hex digits. */
  privateKeyHex: string;
  /** The uncompressed point 04||x||y, 130 hex digits. */
  publicKeyHex: string;
}

export const hexToBytes = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
export const bytesToHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
const bitString = (b: Uint8Array) => tlv(0x03, Uint8Array.of(0), b);
const octets = (b: Uint8Array) => tlv(0x04, b);
const SM2_ALGORITHM = () => seq(oid(EC_PUBLIC_KEY), oid(SM2_CURVE));

export function generateSm2KeyPair(): Sm2KeyPair {
  const k = sm2.generateKeyPairHex();
  return { privateKeyHex: k.privateKey.padStart(64, "0"), publicKeyHex: k.publicKey };
}

/** DER SubjectPublicKeyInfo: id-ecPublicKey with the SM2 curve (GM/T 0015, what OpenSSL writes). */
export function sm2SpkiDer(publicKeyHex: string): Uint8Array {
  return seq(SM2_ALGORITHM(), bitString(hexToBytes(publicKeyHex)));
}

/** SM2 signature with SM3 and the portal's user ID over the data: DER SEQUENCE { r, s }. */
export function sm2SignBytes(key: Sm2KeyPair, data: Uint8Array): Uint8Array {
  return hexToBytes(sm2.doSignature(data, key.privateKeyHex, { ...SIGN_OPTIONS, publicKey: key.publicKeyHex }));
}

/** A PKCS#10 request signed SM3withSM2; like the P-256 one, its subject is a placeholder (the CA takes the verified one). */
export function sm2CertificateRequestDer(key: Sm2KeyPair): Uint8Array {
  const name = seq(tlv(0x31, seq(oid(COMMON_NAME), tlv(0x0c, new TextEncoder().encode("subscriber")))));
  const info = seq(tlv(0x02, Uint8Array.of(0)), name, sm2SpkiDer(key.publicKeyHex), tlv(0xa0));
  return seq(info, seq(oid(SM2_WITH_SM3)), bitString(sm2SignBytes(key, info)));
}

export const sm2CertificateRequestPem = (key: Sm2KeyPair) => toPem("CERTIFICATE REQUEST", sm2CertificateRequestDer(key));

/** PKCS#8 PrivateKeyInfo holding an RFC 5915 ECPrivateKey on the SM2 curve, the form `openssl genpkey -algorithm SM2` writes. */
export function sm2Pkcs8Der(key: Sm2KeyPair): Uint8Array {
  const ecPrivateKey = seq(tlv(0x02, Uint8Array.of(1)), octets(hexToBytes(key.privateKeyHex)), tlv(0xa1, bitString(hexToBytes(key.publicKeyHex))));
  return seq(tlv(0x02, Uint8Array.of(0)), SM2_ALGORITHM(), octets(ecPrivateKey));
}

interface Node {
  tag: number;
  start: number;
  end: number;
}

/** The TLVs directly inside bytes[from, to) (definite lengths only: PKCS#8 is DER). */
function childrenOf(bytes: Uint8Array, from: number, to: number): Node[] {
  const out: Node[] = [];
  for (let at = from; at < to; ) {
    const tag = bytes[at]!;
    let len = bytes[at + 1]!;
    let start = at + 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 3) throw new Error("DER length");
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + bytes[start + i]!;
      start += n;
    }
    if (start + len > to) throw new Error("DER overrun");
    out.push({ tag, start, end: start + len });
    at = start + len;
  }
  return out;
}

function oidAt(bytes: Uint8Array, n: Node | undefined): string {
  if (!n || n.tag !== 0x06) return "";
  const b = bytes.subarray(n.start, n.end);
  const parts = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (const x of b.subarray(1)) {
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join(".");
}

/** True when a PKCS#8 PrivateKeyInfo names the SM2 curve (id-ecPublicKey + SM2, or the bare SM2 OID some tools write). */
export function isSm2Pkcs8(pkcs8: Uint8Array): boolean {
  try {
    const top = childrenOf(pkcs8, 0, pkcs8.length)[0];
    if (!top) return false;
    const alg = childrenOf(pkcs8, top.start, top.end)[1];
    if (!alg) return false;
    const [a, b] = childrenOf(pkcs8, alg.start, alg.end);
    const first = oidAt(pkcs8, a);
    return first === SM2_CURVE || (first === EC_PUBLIC_KEY && oidAt(pkcs8, b) === SM2_CURVE);
  } catch {
    return false;
  }
}

/** The key pair in an SM2 PKCS#8 (from a PKCS#12 the subscriber picked); the public point is computed when the file omits it. */
export function sm2KeyFromPkcs8(pkcs8: Uint8Array): Sm2KeyPair {
  if (!isSm2Pkcs8(pkcs8)) throw new Error("not an SM2 private key");
  const top = childrenOf(pkcs8, 0, pkcs8.length)[0]!;
  const inner = childrenOf(pkcs8, top.start, top.end)[2];
  if (!inner || inner.tag !== 0x04) throw new Error("no privateKey");
  const ec = childrenOf(pkcs8, inner.start, inner.end)[0];
  if (!ec) throw new Error("no ECPrivateKey");
  const fields = childrenOf(pkcs8, ec.start, ec.end);
  const d = fields[1];
  if (!d || d.tag !== 0x04) throw new Error("no private scalar");
  const privateKeyHex = bytesToHex(pkcs8.subarray(d.start, d.end)).padStart(64, "0");
  const publicKeyHex = sm2.getPublicKeyFromPrivateKey(privateKeyHex);
  const stated = fields.find((f) => f.tag === 0xa1);
  if (stated) {
    const bits = childrenOf(pkcs8, stated.start, stated.end)[0];
    // A file whose public key is not its private key's is damaged: refuse rather than sign with a surprise.
    if (!bits || bytesToHex(pkcs8.subarray(bits.start + 1, bits.end)) !== publicKeyHex) throw new Error("SM2 public key does not match the private key");
  }
  return { privateKeyHex, publicKeyHex };
}
