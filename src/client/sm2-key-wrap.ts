// How an SM2 private key is kept in IndexedDB. WebCrypto cannot hold an SM2 key as a CryptoKey, so
// the scalar would otherwise lie there as plain hex, readable by any script on the origin with one
// IndexedDB call and by anyone copying the browser profile. Instead it is encrypted with AES-256-GCM
// under a key WebCrypto makes non-extractable; that CryptoKey is stored beside it (structured clone
// keeps it non-extractable), so the bytes of the wrapping key are never visible to script. The
// public key is the additional data: a ciphertext moved onto another record fails to open.
// What it does not do: a script already running on the origin can still ask WebCrypto to decrypt,
// exactly as it could ask it to sign with a P-256 CryptoKey; the gain is no plain key at rest.
import { hexToBytes, bytesToHex, type Sm2KeyPair } from "./sm2-key";

export interface WrappedSm2PrivateKey {
  /** AES-256-GCM, extractable: false, usages encrypt/decrypt. */
  wrappingKey: CryptoKey;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

const buf = (b: Uint8Array) => Uint8Array.from(b).buffer;

export async function wrapSm2PrivateKey(key: Sm2KeyPair): Promise<WrappedSm2PrivateKey> {
  const wrappingKey = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: buf(hexToBytes(key.publicKeyHex)) }, wrappingKey, buf(hexToBytes(key.privateKeyHex)));
  return { wrappingKey, iv, ciphertext };
}

/** Opens the wrapped key for one use (a signature, an export); throws when it was not wrapped for this public key. */
export async function unwrapSm2PrivateKey(wrapped: WrappedSm2PrivateKey, publicKeyHex: string): Promise<Sm2KeyPair> {
  const d = await crypto.subtle.decrypt({ name: "AES-GCM", iv: wrapped.iv, additionalData: buf(hexToBytes(publicKeyHex)) }, wrapped.wrappingKey, wrapped.ciphertext);
  return { privateKeyHex: bytesToHex(new Uint8Array(d)), publicKeyHex };
}
