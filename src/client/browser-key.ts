import * as x509 from "@peculiar/x509";
import type { StoredKey } from "./key-store";

const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN = { name: "ECDSA", hash: "SHA-256" } as const;

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Makes a P-256 key pair with the browser's WebCrypto and a PKCS#10 request signed by it. Only the
 * request (public key + signature) is sent to the server; the CA takes the subject from the
 * verified application, so the request's own subject is a placeholder. The private key is
 * extractable only so the subscriber can later save it as a password-protected PKCS#12.
 */
export async function generateBrowserKey(applicationId: string, onProgress: (step: "generating" | "signing" | "storing") => void): Promise<{ csrPem: string; key: StoredKey }> {
  x509.cryptoProvider.set(crypto);
  onProgress("generating");
  const keys = (await crypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  onProgress("signing");
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: "CN=subscriber", keys, signingAlgorithm: SIGN });
  const spki = await crypto.subtle.exportKey("spki", keys.publicKey);
  onProgress("storing");
  const key: StoredKey = {
    applicationId,
    createdAt: new Date().toISOString(),
    algorithm: "EC-P256",
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
    spkiSha256: hex(await crypto.subtle.digest("SHA-256", spki)),
  };
  return { csrPem: csr.toString("pem"), key };
}
