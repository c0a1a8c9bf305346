import { ecdsaP1363ToDer, oid, seq, tlv, toPem } from "./der";
import type { BrowserKeyAlgorithm } from "./browser-key-algorithm";
import type { Sm2StoredKey, StoredKey } from "./key-store";
import { generateSm2KeyPair, sm2CertificateRequestPem, sm2Pkcs8Der, sm2SpkiDer } from "./sm2-key";
import { unwrapSm2PrivateKey, wrapSm2PrivateKey } from "./sm2-key-wrap";

const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN = { name: "ECDSA", hash: "SHA-256" } as const;
const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
const COMMON_NAME = "2.5.4.3";

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Makes the key pair the profile asks for: P-256 (below), or SM2 for an SM2 profile (sm2-key.ts).
 * Makes a P-256 key pair with the browser's WebCrypto and a PKCS#10 request signed by it (built
 * here in a few lines of DER: no library to ship, nothing that could see the key). Only the request
 * (public key + signature) is sent to the server; the CA takes the subject from the verified
 * application, so the request's own subject is a placeholder. The private key is extractable
 * only so the subscriber can later save it as a password-protected PKCS#12.
 */
export async function generateBrowserKey(applicationId: string, onProgress: (step: "generating" | "signing" | "storing") => void, algorithm: BrowserKeyAlgorithm = "EC-P256"): Promise<{ csrPem: string; key: StoredKey }> {
  if (algorithm === "SM2") return generateSm2BrowserKey(applicationId, onProgress);
  onProgress("generating");
  const keys = (await crypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  onProgress("signing");
  const { csrPem, spkiSha256 } = await certificateRequest(keys);
  onProgress("storing");
  const key: StoredKey = {
    applicationId,
    createdAt: new Date().toISOString(),
    algorithm: "EC-P256",
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
    spkiSha256,
  };
  return { csrPem, key };
}

/**
 * A PKCS#10 request signed by a P-256 key pair this browser holds: a new one (above), or the key of
 * a certificate being renewed with the same key (clause 4 / 7.5), which is signed again, never
 * exported.
 */
export async function certificateRequest(keys: Pick<CryptoKeyPair, "privateKey" | "publicKey"> | Sm2StoredKey): Promise<{ csrPem: string; spkiSha256: string }> {
  if ("wrappedPrivateKey" in keys) {
    const pair = await unwrapSm2PrivateKey(keys.wrappedPrivateKey, keys.publicKeyHex);
    return { csrPem: sm2CertificateRequestPem(pair), spkiSha256: keys.spkiSha256 };
  }
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const name = seq(tlv(0x31, seq(oid(COMMON_NAME), tlv(0x0c, new TextEncoder().encode("subscriber")))));
  const info = seq(tlv(0x02, Uint8Array.of(0)), name, spki, tlv(0xa0));
  const sig = new Uint8Array(await crypto.subtle.sign(SIGN, keys.privateKey, Uint8Array.from(info)));
  const csr = seq(info, seq(oid(ECDSA_WITH_SHA256)), tlv(0x03, Uint8Array.of(0), ecdsaP1363ToDer(sig)));
  return { csrPem: toPem("CERTIFICATE REQUEST", csr), spkiSha256: hex(await crypto.subtle.digest("SHA-256", spki)) };
}

async function generateSm2BrowserKey(applicationId: string, onProgress: (step: "generating" | "signing" | "storing") => void): Promise<{ csrPem: string; key: Sm2StoredKey }> {
  onProgress("generating");
  const pair = generateSm2KeyPair();
  onProgress("signing");
  const csrPem = sm2CertificateRequestPem(pair);
  onProgress("storing");
  const spki = sm2SpkiDer(pair.publicKeyHex);
  const key: Sm2StoredKey = {
    applicationId,
    createdAt: new Date().toISOString(),
    algorithm: "SM2",
    publicKeyHex: pair.publicKeyHex,
    wrappedPrivateKey: await wrapSm2PrivateKey(pair),
    spkiSha256: hex(await crypto.subtle.digest("SHA-256", Uint8Array.from(spki))),
  };
  return { csrPem, key };
}

/** The stored key as an unencrypted PKCS#8 PrivateKeyInfo, only to be encrypted at once for an export (PKCS#12, PKCS#8 PEM). */
export async function storedKeyPkcs8(key: StoredKey): Promise<Uint8Array> {
  if (key.algorithm === "SM2") return sm2Pkcs8Der(await unwrapSm2PrivateKey(key.wrappedPrivateKey, key.publicKeyHex));
  return new Uint8Array(await crypto.subtle.exportKey("pkcs8", key.privateKey));
}
