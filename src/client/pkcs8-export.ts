import { toPem } from "./der";
import { encryptedPrivateKeyInfo } from "./pkcs12";

/**
 * The key as an encrypted PKCS#8 PEM ("ENCRYPTED PRIVATE KEY"), PBES2 with PBKDF2-HMAC-SHA256 and
 * AES-256-CBC, the form `openssl pkey -in key.pem -passin pass:…` opens. Offered for SM2 keys
 * beside the PKCS#12: GM/T tools and OpenSSL-based signers usually take a key file and a
 * certificate file rather than a PKCS#12.
 */
export async function encryptedPkcs8Pem(pkcs8: Uint8Array, password: string): Promise<string> {
  return toPem("ENCRYPTED PRIVATE KEY", await encryptedPrivateKeyInfo(pkcs8, password));
}
