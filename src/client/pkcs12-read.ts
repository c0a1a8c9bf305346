/**
 * Opens a PKCS#12 file the subscriber picked, in the browser: the file and its password never
 * leave the page. node-forge is used only to READ (decrypt) the container because it handles the
 * legacy 3DES / RC2-40 with SHA-1 MAC files that Windows and token tools export (WebCrypto has
 * neither cipher) as well as the PBES2/AES files of openssl 3 and of our own browser PKCS#12.
 * The private key is handed to WebCrypto as PKCS#8 at once, and every signature is made there.
 */

import type { asn1 } from "node-forge";

type Asn1 = asn1.Asn1;

const EC_PUBLIC_KEY = "1.2.840.10045.2.1";
const RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
const CURVES: Record<string, string> = { "1.2.840.10045.3.1.7": "P-256", "1.3.132.0.34": "P-384", "1.3.132.0.35": "P-521" };

export class Pkcs12PasswordError extends Error {}
export class Pkcs12FormatError extends Error {}

export interface Pkcs12Key {
  privateKey: CryptoKey;
  /** The WebCrypto parameters to sign a challenge with this key. */
  sign: AlgorithmIdentifier | EcdsaParams;
}

function bytesToBinary(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function binaryToBytes(s: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export async function readPkcs12Key(file: ArrayBuffer, password: string): Promise<Pkcs12Key> {
  const forge = (await import("node-forge")).default;
  let p12;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytesToBinary(new Uint8Array(file))));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    // forge reports a failed MAC (or a key bag it cannot decrypt) as an error naming the password.
    if (e instanceof Error && /password|mac/i.test(e.message)) throw new Pkcs12PasswordError(e.message);
    throw new Pkcs12FormatError(e instanceof Error ? e.message : "pkcs12");
  }
  const bags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag!] ?? []),
  ];
  const bag = bags[0];
  if (!bag) throw new Pkcs12FormatError("no private key in the file");
  // forge turns RSA keys into its own objects; other keys (EC) stay as PrivateKeyInfo ASN.1.
  const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  if (!info) throw new Pkcs12FormatError("no private key in the file");
  const algorithm = (info.value as Asn1[])[1]?.value as Asn1[] | undefined;
  const algOid = algorithm?.[0] ? forge.asn1.derToOid(algorithm[0].value as string) : "";
  const pkcs8 = binaryToBytes(forge.asn1.toDer(info).getBytes());
  if (algOid === RSA_ENCRYPTION) {
    const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
    return { privateKey, sign: { name: "RSASSA-PKCS1-v1_5" } };
  }
  if (algOid === EC_PUBLIC_KEY) {
    const curveOid = algorithm?.[1] ? forge.asn1.derToOid(algorithm[1].value as string) : "";
    const namedCurve = CURVES[curveOid];
    if (!namedCurve) throw new Pkcs12FormatError(`unsupported curve ${curveOid}`);
    const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "ECDSA", namedCurve }, false, ["sign"]);
    return { privateKey, sign: { name: "ECDSA", hash: "SHA-256" } };
  }
  throw new Pkcs12FormatError(`unsupported key algorithm ${algOid}`);
}
