// The browser's half of GM/T 0034 dual certificates: the CA's key-management component sent the
// encryption key pair enveloped to this browser's SM2 SIGNING key (GB/T 35276 §7.4
// SM2EnvelopedKey, see src/ca/kmc/sm2-enveloped-key.ts for the structure and why SM4-ECB). Here
// it is opened with the signing key, checked against the ENCRYPTION certificate's public key, and
// kept in IndexedDB beside the signing key, wrapped like every SM2 key (sm2-key-wrap.ts). The
// reader is its own, on Uint8Array, because the engine's DER code leans on Node's Buffer.
import { sm2 as SM2, sm4 as SM4 } from "sm-crypto-v2";
import { saveKey, type Sm2StoredKey } from "./key-store";
import { bytesToHex, type Sm2KeyPair } from "./sm2-key";
import { wrapSm2PrivateKey } from "./sm2-key-wrap";

const OID_SM4_ECB = "06082a811ccf55016801"; // 1.2.156.10197.1.104.1, DER
const C1C3C2 = 1;
const MAX_ENVELOPE_BYTES = 2048;

/** Why an envelope was not opened; the page words each one. */
export type EnvelopeFailure = "MALFORMED" | "MISMATCHED" | "KEY_MISMATCH" | "CERTIFICATE_MISMATCH";
export class EnvelopeError extends Error {
  constructor(readonly reason: EnvelopeFailure) {
    super(`key envelope: ${reason}`);
  }
}

interface Node {
  tag: number;
  start: number;
  body: number;
  end: number;
}

function node(b: Uint8Array, at: number, limit: number): Node {
  if (at + 2 > limit) throw new EnvelopeError("MALFORMED");
  let len = b[at + 1]!;
  let body = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || body + n > limit) throw new EnvelopeError("MALFORMED");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[body + i]!;
    body += n;
  }
  if (body + len > limit) throw new EnvelopeError("MALFORMED");
  return { tag: b[at]!, start: at, body, end: body + len };
}

function kids(b: Uint8Array, parent: Node, tag = 0x30): Node[] {
  if (parent.tag !== tag) throw new EnvelopeError("MALFORMED");
  const out: Node[] = [];
  for (let at = parent.body; at < parent.end; at = out[out.length - 1]!.end) out.push(node(b, at, parent.end));
  return out;
}

const content = (b: Uint8Array, n: Node | undefined, tag: number) => {
  if (!n || n.tag !== tag) throw new EnvelopeError("MALFORMED");
  return b.subarray(n.body, n.end);
};
const bits = (b: Uint8Array, n: Node | undefined) => {
  const c = content(b, n, 0x03);
  if (c[0] !== 0) throw new EnvelopeError("MALFORMED");
  return c.subarray(1);
};
const unsignedHex = (b: Uint8Array) => bytesToHex(b).replace(/^(00)+(?=.)/, "").padStart(64, "0");

function onCurve(pointHex: string): boolean {
  try {
    return /^04[0-9a-f]{128}$/.test(pointHex) && SM2.verifyPublicKey(pointHex);
  } catch {
    return false;
  }
}

/**
 * Opens the SM2EnvelopedKey with the signing key: MISMATCHED when the SM2 cipher's hash check
 * fails (the envelope was made for another key, or altered), KEY_MISMATCH when the opened scalar
 * is not the enveloped public key's.
 */
export function openKeyEnvelope(envelope: Uint8Array, signing: Sm2KeyPair): Sm2KeyPair {
  if (envelope.length > MAX_ENVELOPE_BYTES) throw new EnvelopeError("MALFORMED");
  const root = node(envelope, 0, envelope.length);
  if (root.end !== envelope.length) throw new EnvelopeError("MALFORMED");
  const [alg, cipher, pub, encrypted, ...rest] = kids(envelope, root);
  if (!alg || !cipher || rest.length) throw new EnvelopeError("MALFORMED");
  const algOid = kids(envelope, alg)[0];
  if (!algOid || bytesToHex(envelope.subarray(algOid.start, algOid.end)) !== OID_SM4_ECB) throw new EnvelopeError("MALFORMED");
  const [x, y, hash, text] = kids(envelope, cipher);
  const c1 = `04${unsignedHex(content(envelope, x, 0x02))}${unsignedHex(content(envelope, y, 0x02))}`;
  // The library multiplies whatever C1 it gets by the signing key: a point off the curve is refused first.
  if (!onCurve(c1) || content(envelope, hash, 0x04).length !== 32 || content(envelope, text, 0x04).length !== 16) throw new EnvelopeError("MALFORMED");
  const publicKeyHex = bytesToHex(bits(envelope, pub));
  const encryptedScalar = bits(envelope, encrypted);
  if (!onCurve(publicKeyHex) || encryptedScalar.length !== 32) throw new EnvelopeError("MALFORMED");

  const sm4Key = SM2.doDecrypt(bytesToHex(envelope.subarray(cipher.start, cipher.end)), signing.privateKeyHex, C1C3C2, { asn1: true, output: "array" });
  if (sm4Key.length !== 16) throw new EnvelopeError("MISMATCHED");
  const scalar = SM4.decrypt(encryptedScalar, sm4Key, { mode: "ecb", padding: "none", output: "array" });
  sm4Key.fill(0);
  const privateKeyHex = bytesToHex(scalar);
  scalar.fill(0);
  let matches = false;
  try {
    matches = SM2.comparePublicKeyHex(SM2.getPublicKeyFromPrivateKey(privateKeyHex), publicKeyHex);
  } catch {
    matches = false;
  }
  if (!matches) throw new EnvelopeError("KEY_MISMATCH");
  return { privateKeyHex, publicKeyHex };
}

/** The SubjectPublicKeyInfo DER of a certificate (tbsCertificate's seventh field, or sixth without a version). */
export function certificateSpki(certificate: Uint8Array): Uint8Array {
  const [tbs] = kids(certificate, node(certificate, 0, certificate.length));
  const fields = kids(certificate, tbs!);
  const spki = fields[fields[0]?.tag === 0xa0 ? 6 : 5];
  if (!spki || spki.tag !== 0x30) throw new EnvelopeError("MALFORMED");
  return certificate.subarray(spki.start, spki.end);
}

/** The uncompressed point of an SM2 SubjectPublicKeyInfo, hex. */
export function spkiPointHex(spki: Uint8Array): string {
  return bytesToHex(bits(spki, kids(spki, node(spki, 0, spki.length))[1]));
}

const sha256Hex = async (b: Uint8Array) => bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", Uint8Array.from(b))));

/**
 * Opens the envelope, checks the key against the encryption certificate (CERTIFICATE_MISMATCH
 * otherwise) and stores it in IndexedDB under "<signing application>:encryption", found again by
 * its certificate's public key hash like any key (findCertificateKey).
 */
export async function openAndStoreEncryptionKey(args: {
  envelope: Uint8Array;
  encryptionCertificate: Uint8Array;
  signing: Sm2KeyPair;
  signingApplicationId: string;
}): Promise<{ spkiSha256: string; publicKeyHex: string }> {
  const pair = openKeyEnvelope(args.envelope, args.signing);
  const spki = certificateSpki(args.encryptionCertificate);
  if (spkiPointHex(spki) !== pair.publicKeyHex) throw new EnvelopeError("CERTIFICATE_MISMATCH");
  const spkiSha256 = await sha256Hex(spki);
  const stored: Sm2StoredKey = {
    applicationId: `${args.signingApplicationId}:encryption`,
    createdAt: new Date().toISOString(),
    algorithm: "SM2",
    spkiSha256,
    publicKeyHex: pair.publicKeyHex,
    wrappedPrivateKey: await wrapSm2PrivateKey(pair),
  };
  await saveKey(stored);
  return { spkiSha256, publicKeyHex: pair.publicKeyHex };
}
