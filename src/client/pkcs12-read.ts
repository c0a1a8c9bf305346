/**
 * Opens a PKCS#12 file the subscriber picked, in the browser: the file and its password never
 * leave the page. Modern files (PBES2 / AES with PBKDF2, openssl 3's default and our own browser
 * PKCS#12) are read with pkijs on WebCrypto. Legacy files (3DES or RC2-40 with a SHA-1 MAC, what
 * Windows and token tools export) cannot be: WebCrypto has neither cipher, so for those only,
 * node-forge READS (decrypts) the container (PKI-NOTES: forge is for reading legacy PKCS#12 only,
 * never for writing or signing). Either way the private key goes to WebCrypto as PKCS#8 at once,
 * and every signature is made there.
 */

import type { asn1 } from "node-forge";
import { webCryptoSigningKey, sm2SigningKey, type SigningKey } from "./signing-key";
import { isSm2Pkcs8, sm2KeyFromPkcs8 } from "./sm2-key";

type Asn1 = asn1.Asn1;

const EC_PUBLIC_KEY = "1.2.840.10045.2.1";
const RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
const CURVES: Record<string, string> = { "1.2.840.10045.3.1.7": "P-256", "1.3.132.0.34": "P-384", "1.3.132.0.35": "P-521" };

export class Pkcs12PasswordError extends Error {}
export class Pkcs12FormatError extends Error {}

/** The file's key, ready to sign (an SM2 key, which WebCrypto cannot import, is signed with in JS). */
export interface Pkcs12Key extends SigningKey {
  /** Which reader opened the file: pkijs on WebCrypto, or node-forge for a legacy file. */
  reader: "webcrypto" | "forge-legacy";
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

async function readWithForge(file: ArrayBuffer, password: string): Promise<Pkcs12Key> {
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
  const curveOid = algorithm?.[1] && algOid === EC_PUBLIC_KEY ? forge.asn1.derToOid(algorithm[1].value as string) : "";
  return importPkcs8(binaryToBytes(forge.asn1.toDer(info).getBytes()), algOid, curveOid, "forge-legacy");
}

async function importPkcs8(pkcs8: Uint8Array<ArrayBuffer>, algOid: string, curveOid: string, reader: Pkcs12Key["reader"]): Promise<Pkcs12Key> {
  if (algOid === RSA_ENCRYPTION) {
    const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
    return { ...webCryptoSigningKey(privateKey, { name: "RSASSA-PKCS1-v1_5" }), reader };
  }
  if (isSm2Pkcs8(pkcs8)) {
    try {
      return { ...sm2SigningKey(sm2KeyFromPkcs8(pkcs8)), reader };
    } catch (e) {
      throw new Pkcs12FormatError(e instanceof Error ? e.message : "SM2 key");
    }
  }
  if (algOid === EC_PUBLIC_KEY) {
    const namedCurve = CURVES[curveOid];
    if (!namedCurve) throw new Pkcs12FormatError(`unsupported curve ${curveOid}`);
    const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "ECDSA", namedCurve }, false, ["sign"]);
    return { ...webCryptoSigningKey(privateKey, { name: "ECDSA", hash: "SHA-256" }), reader };
  }
  throw new Pkcs12FormatError(`unsupported key algorithm ${algOid}`);
}

const SHROUDED_KEY_BAG = "1.2.840.113549.1.12.10.1.2";
const KEY_BAG = "1.2.840.113549.1.12.10.1.1";

class NotModern extends Error {}

/** pkijs on WebCrypto: checks the MAC, then decrypts the PBES2 parts; refuses legacy ciphers. */
async function readWithWebCrypto(file: ArrayBuffer, password: string): Promise<Pkcs12Key> {
  const pkijs = await import("pkijs");
  const pw = new TextEncoder().encode(password).buffer;
  let pfx;
  try {
    pfx = pkijs.PFX.fromBER(file);
  } catch (e) {
    throw new Pkcs12FormatError(e instanceof Error ? e.message : "pkcs12");
  }
  try {
    await pfx.parseInternalValues({ password: pw, checkIntegrity: true });
  } catch (e) {
    if (e instanceof Error && /integrity/i.test(e.message)) throw new Pkcs12PasswordError(e.message);
    throw new NotModern(e instanceof Error ? e.message : "pkcs12");
  }
  try {
    const safe = pfx.parsedValue?.authenticatedSafe as InstanceType<typeof pkijs.AuthenticatedSafe> | undefined;
    if (!safe) throw new Error("no authenticated safe");
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: pw })) });
    const bags = (safe.parsedValue.safeContents as { value: InstanceType<typeof pkijs.SafeContents> }[]).flatMap((c) => c.value.safeBags);
    for (const bag of bags) {
      let info: InstanceType<typeof pkijs.PrivateKeyInfo> | undefined;
      if (bag.bagId === SHROUDED_KEY_BAG) {
        // pkijs marks this method protected in its types but documents calling it to decrypt.
        const shrouded = bag.bagValue as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void>; parsedValue?: InstanceType<typeof pkijs.PrivateKeyInfo> };
        await shrouded.parseInternalValues({ password: pw });
        info = shrouded.parsedValue;
      } else if (bag.bagId === KEY_BAG) info = bag.bagValue as InstanceType<typeof pkijs.PrivateKeyInfo>;
      if (!info) continue;
      const algOid = info.privateKeyAlgorithm.algorithmId;
      const params = info.privateKeyAlgorithm.algorithmParams as { valueBlock?: { toString(): string } } | undefined;
      const curveOid = algOid === EC_PUBLIC_KEY && params?.valueBlock ? params.valueBlock.toString() : "";
      return await importPkcs8(new Uint8Array(info.toSchema().toBER(false)), algOid, curveOid, "webcrypto");
    }
  } catch (e) {
    if (e instanceof Pkcs12FormatError) throw e;
    // A legacy cipher (3DES, RC2) that WebCrypto cannot run: the forge reader takes over.
    throw new NotModern(e instanceof Error ? e.message : "pkcs12");
  }
  throw new Pkcs12FormatError("no private key in the file");
}

export async function readPkcs12Key(file: ArrayBuffer, password: string): Promise<Pkcs12Key> {
  try {
    return await readWithWebCrypto(file, password);
  } catch (e) {
    if (!(e instanceof NotModern)) throw e;
    return readWithForge(file, password);
  }
}
