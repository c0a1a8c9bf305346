import { ecdsaP1363ToDer, oid, seq, tlv, toPem } from "./der";
import type { StoredKey } from "./key-store";

const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN = { name: "ECDSA", hash: "SHA-256" } as const;
const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
const COMMON_NAME = "2.5.4.3";

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Makes a P-256 key pair with the browser's WebCrypto and a PKCS#10 request signed by it (built
 * here in a few lines of DER: no library to ship, nothing that could see the key). Only the request
 * (public key + signature) is sent to the server; the CA takes the subject from the verified
 * application, so the request's own subject is a placeholder. The private key is extractable
 * only so the subscriber can later save it as a password-protected PKCS#12.
 */
export async function generateBrowserKey(applicationId: string, onProgress: (step: "generating" | "signing" | "storing") => void): Promise<{ csrPem: string; key: StoredKey }> {
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
export async function certificateRequest(keys: Pick<CryptoKeyPair, "privateKey" | "publicKey">): Promise<{ csrPem: string; spkiSha256: string }> {
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const name = seq(tlv(0x31, seq(oid(COMMON_NAME), tlv(0x0c, new TextEncoder().encode("subscriber")))));
  const info = seq(tlv(0x02, Uint8Array.of(0)), name, spki, tlv(0xa0));
  const sig = new Uint8Array(await crypto.subtle.sign(SIGN, keys.privateKey, Uint8Array.from(info)));
  const csr = seq(info, seq(oid(ECDSA_WITH_SHA256)), tlv(0x03, Uint8Array.of(0), ecdsaP1363ToDer(sig)));
  return { csrPem: toPem("CERTIFICATE REQUEST", csr), spkiSha256: hex(await crypto.subtle.digest("SHA-256", spki)) };
}
