import { loadKey } from "./key-store";
import { readPkcs12Key, type Pkcs12Key } from "./pkcs12-read";
import { storedSigningKey, type SigningKey } from "./signing-key";

/**
 * The certificate's private key, ready to sign a server challenge in this browser: the key kept
 * in IndexedDB for the certificate's application, or one read from a PKCS#12 file the subscriber
 * picked (decrypted here; the file and its password never leave the page). Used by the
 * certificate test (clause 1.8) and by the revocation request proven by the key (clause 1.4), so
 * both sign the same way, P-256 and RSA through WebCrypto, SM2 in JS (signing-key.ts); the
 * server, not the page, decides whether the signature is valid.
 */
export interface CertificateSigner extends SigningKey {
  source: "indexeddb" | "pkcs12-file";
  /** For a file: which reader opened it (pkijs on WebCrypto, or node-forge for a legacy file). */
  reader?: Pkcs12Key["reader"];
}

/** The key this browser made for the application, if it is still here (undefined when not, or IndexedDB is unavailable). */
export async function browserSigner(applicationId: string | null): Promise<CertificateSigner | undefined> {
  if (!applicationId) return undefined;
  const key = await loadKey(applicationId).catch(() => undefined);
  return key ? { ...storedSigningKey(key), source: "indexeddb" } : undefined;
}

/** Opens a picked PKCS#12 file; throws Pkcs12PasswordError for a wrong password, Pkcs12FormatError (or another error) for an unreadable file. */
export async function fileSigner(file: File, password: string): Promise<CertificateSigner & { reader: Pkcs12Key["reader"] }> {
  const k = await readPkcs12Key(await file.arrayBuffer(), password);
  return { algorithm: k.algorithm, sign: k.sign, source: "pkcs12-file", reader: k.reader };
}

export function base64(bytes: ArrayBuffer | Uint8Array): string {
  let s = "";
  for (const b of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

/** Signs the text (UTF-8) and answers the signature in base64, as the server's verifySubscriberSignature takes it. */
export async function signText(signer: Pick<SigningKey, "sign">, text: string): Promise<string> {
  return base64(await signer.sign(new TextEncoder().encode(text)));
}
