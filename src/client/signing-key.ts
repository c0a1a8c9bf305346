import type { StoredKey } from "./key-store";
import { sm2SignBytes, type Sm2KeyPair } from "./sm2-key";
import { unwrapSm2PrivateKey } from "./sm2-key-wrap";

/**
 * One way to sign with a subscriber's key, whatever holds it: WebCrypto (P-256, RSA) or SM2 in
 * JS. The signature is in the form the server's verifySubscriberSignature takes: WebCrypto's own
 * output (ECDSA r||s, RSA PKCS#1 v1.5), and for SM2 the DER SEQUENCE { r, s } of SM3withSM2 with
 * the user ID 1234567812345678.
 */
export interface SigningKey {
  algorithm: "ECDSA" | "RSA" | "SM2";
  sign(data: Uint8Array): Promise<Uint8Array>;
}

const buf = (b: Uint8Array) => Uint8Array.from(b).buffer;

export function webCryptoSigningKey(privateKey: CryptoKey, params: AlgorithmIdentifier | EcdsaParams): SigningKey {
  const name = typeof params === "string" ? params : params.name;
  return {
    algorithm: name === "ECDSA" ? "ECDSA" : "RSA",
    sign: async (data) => new Uint8Array(await crypto.subtle.sign(params, privateKey, buf(data))),
  };
}

/** A key read from a file: it is in memory for as long as the page holds the signer. */
export function sm2SigningKey(pair: Sm2KeyPair): SigningKey {
  return { algorithm: "SM2", sign: async (data) => sm2SignBytes(pair, data) };
}

/** A key kept in IndexedDB: the SM2 key is unwrapped for each signature and not kept. */
export function storedSigningKey(key: StoredKey): SigningKey {
  if (key.algorithm === "SM2") {
    return { algorithm: "SM2", sign: async (data) => sm2SignBytes(await unwrapSm2PrivateKey(key.wrappedPrivateKey, key.publicKeyHex), data) };
  }
  return webCryptoSigningKey(key.privateKey, { name: "ECDSA", hash: "SHA-256" });
}
