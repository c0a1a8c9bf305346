/**
 * The text a reporter signs with the certificate's private key to demonstrate its compromise.
 * It names the certificate (canonical serial, serial.ts) and a nonce the server issued, so a
 * signature made for one certificate or one report cannot be used for another. ASCII only, one
 * line: it survives a shell's printf and a Windows editor alike (a trailing newline is tolerated).
 */
export function keyProofText(canonicalSerial: string, nonce: string): string {
  return `certificate-problem-report key-compromise serial=${canonicalSerial} nonce=${nonce}`;
}

/** The commands the page shows: write the text exactly, sign it with SHA-256, base64 the signature. */
export function keyProofCommands(text: string): string[] {
  return [`printf '%s' '${text}' > proof.txt`, "openssl dgst -sha256 -sign private-key.pem -out proof.sig proof.txt", "openssl base64 -A -in proof.sig"];
}
