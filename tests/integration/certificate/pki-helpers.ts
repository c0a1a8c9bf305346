// openssl as the judge, and CSRs made the way a subscriber's tool makes them.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { derToPem } from "@/ca/asn1/certificate-parts";

export class TempDir {
  readonly dir = mkdtempSync(path.join(tmpdir(), "cert-it-"));
  file(name: string, content?: string | Uint8Array): string {
    const p = path.join(this.dir, name);
    if (content !== undefined) writeFileSync(p, content);
    return p;
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function openssl(args: string[], input?: Uint8Array | string): { status: number; out: string } {
  const r = spawnSync("openssl", args, { input: typeof input === "string" ? Buffer.from(input) : input, timeout: 30_000 });
  return { status: r.status ?? -1, out: r.stdout.toString("utf8") + r.stderr.toString("utf8") };
}

export const pem = (der: Uint8Array) => derToPem(der, "CERTIFICATE");

/** A P-256 key and a CSR whose subject is deliberately NOT the verified one. */
export function makeCsr(tmp: TempDir, name: string, subject = "/CN=Mallory/O=Not Verified"): { csrPem: string; keyFile: string } {
  const keyFile = tmp.file(`${name}.key`);
  const csrFile = tmp.file(`${name}.csr`);
  execFileSync("openssl", ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", subject, "-keyout", keyFile, "-out", csrFile], { stdio: "pipe" });
  return { csrPem: readFileSync(csrFile, "utf8"), keyFile };
}

/** Checks a leaf against the chain with `openssl verify` at a given instant. */
export function opensslVerify(tmp: TempDir, leaf: Uint8Array, chain: readonly Uint8Array[], at: Date): string {
  const root = tmp.file("v-root.pem", pem(chain[chain.length - 1]!));
  const untrusted = tmp.file("v-untrusted.pem", chain.slice(0, -1).map(pem).join("") || pem(chain[0]!));
  const leafFile = tmp.file("v-leaf.pem", pem(leaf));
  return openssl(["verify", "-CAfile", root, "-untrusted", untrusted, "-attime", String(Math.floor(at.getTime() / 1000) + 60), leafFile]).out;
}
