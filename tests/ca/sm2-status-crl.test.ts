// SM2 CRLs (issue 17): issuing-sm2's shard CRL and root-sm2's ARL are signed SM3withSM2 with the
// user ID 1234567812345678. The outside judge is OpenSSL 3.0: `openssl crl` reads them, and
// `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:…` checks the signature over the
// TBSCertList. `openssl crl -verify -CAfile` has no way to take the user ID in 3.0 (no -vfyopt),
// so it checks with the empty ID and fails, on our CRL as on any SM2 CRL: asserted below, so the
// day OpenSSL changes this the test says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crlToBuffer, encodeCrl, type RevokedEntry } from "@/ca/crl/encode-crl";
import { randomSerial } from "@/ca/issuance/certificate-builder";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { sm2Verify } from "@/ca/keys/sm2";
import { signatureAlgorithmFor } from "@/ca/keys/key-signer";
import { T0, demoHierarchy, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";
import { pkeyutlSm2Verify, tbsAndSignature } from "./helpers/sm2-status";

let h: Hierarchy;
let tmp: TempDir;
const NOW = new Date(T0.getTime() + 3600_000);
const REASONS = ["keyCompromise", "superseded", "cessationOfOperation", "affiliationChanged", "certificateHold"] as const;

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy();
}, 120_000);
afterAll(() => tmp.cleanup());

function entries(n: number): RevokedEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    serialHex: randomSerial().toString("hex"),
    revokedAt: new Date(NOW.getTime() - (i + 1) * 60_000),
    reason: REASONS[i % REASONS.length],
    invalidityDate: i % 3 === 0 ? new Date(NOW.getTime() - 86_400_000) : undefined,
  }));
}

describe("SM2 CRLs", () => {
  it("issuing-sm2's shard CRL with 25 entries: openssl reads it, pkeyutl and sm2Verify accept its SM3withSM2 signature", async () => {
    const issuer = h.issuing.sm2!;
    expect(issuer.entity.id).toBe("issuing-sm2");
    const revoked = entries(25);
    const crl = crlToBuffer(
      await encodeCrl({ issuer, crlNumber: 3n, thisUpdate: NOW, nextUpdate: new Date(NOW.getTime() + 86_400_000), entries: revoked, distributionPointUrl: h.urls.crl(issuer.entity.id, 1) }),
    );
    const file = tmp.file("issuing-sm2.crl", crl);
    const text = opensslOk(["crl", "-in", file, "-inform", "DER", "-noout", "-text"]);
    expect(text).toContain("Signature Algorithm: SM2-with-SM3");
    expect(text).toContain("Demo Issuing CA SM2 1");
    expect(text).toMatch(/X509v3 CRL Number:\s*\n\s*3/);
    expect(text).toContain("http://pki.test.example/pki/crl/issuing-sm2/1.crl");
    expect(text.match(/Serial Number: /g)).toHaveLength(25);
    for (const e of revoked) expect(text).toContain(`Serial Number: ${e.serialHex.toUpperCase()}`);
    expect(text).toContain("Key Compromise");
    expect(text).toContain("Certificate Hold");

    const { tbs, signature, algorithm } = tbsAndSignature(crl);
    expect(algorithm.equals(signatureAlgorithmFor("sm2"))).toBe(true);
    const judged = pkeyutlSm2Verify(tmp, issuer.entity.certificate, tbs, signature);
    expect(judged.stdout).toContain("Signature Verified Successfully");
    expect(sm2Verify(issuer.parts.spki, tbs, signature)).toBe(true);

    // The judge can say no: another user ID, or one changed byte in the TBS.
    expect(pkeyutlSm2Verify(tmp, issuer.entity.certificate, tbs, signature, "").stdout).not.toContain("Signature Verified Successfully");
    const changed = Buffer.from(tbs);
    changed[changed.length - 1]! ^= 1;
    expect(pkeyutlSm2Verify(tmp, issuer.entity.certificate, changed, signature).stdout).not.toContain("Signature Verified Successfully");
    expect(sm2Verify(issuer.parts.spki, changed, signature)).toBe(false);
  });

  it("root-sm2's ARL (unsharded, no IDP) is signed by the SM2 root and checks the same way", async () => {
    const root = h.byId.get("root-sm2")!;
    expect(root.entity.keyType).toBe("sm2");
    const crl = crlToBuffer(await encodeCrl({ issuer: root, crlNumber: 1n, thisUpdate: NOW, nextUpdate: new Date(NOW.getTime() + 86_400_000), entries: entries(2) }));
    const text = opensslOk(["crl", "-in", tmp.file("root-sm2.crl", crl), "-inform", "DER", "-noout", "-text"]);
    expect(text).toContain("Signature Algorithm: SM2-with-SM3");
    expect(text).toContain("Demo Root CA SM2");
    expect(text).not.toContain("Issuing Distribution Point");
    const { tbs, signature } = tbsAndSignature(crl);
    expect(pkeyutlSm2Verify(tmp, root.entity.certificate, tbs, signature).stdout).toContain("Signature Verified Successfully");
    expect(sm2Verify(root.parts.spki, tbs, signature)).toBe(true);
  });

  it("OpenSSL 3.0 `crl -verify -CAfile` cannot take the user ID and rejects an SM2 CRL (finding, not a defect of ours)", async () => {
    const issuer = h.issuing.sm2!;
    const crl = crlToBuffer(await encodeCrl({ issuer, crlNumber: 4n, thisUpdate: NOW, nextUpdate: new Date(NOW.getTime() + 86_400_000), entries: entries(1) }));
    const file = tmp.file("verify-sm2.crl", crl);
    const ca = tmp.file("issuing-sm2.pem", pem(issuer.entity.certificate));
    const help = openssl(["crl", "-help"]);
    expect(help.stdout + help.stderr).toContain("-verify");
    expect(help.stdout + help.stderr).not.toContain("-vfyopt");
    const r = openssl(["crl", "-in", file, "-inform", "DER", "-noout", "-verify", "-CAfile", ca]);
    expect(r.stderr + r.stdout).toMatch(/verify failure/);
    // The same command accepts an RSA CRL: the refusal is about SM2's user ID, not the command.
    const rsa = h.issuing.rsa!;
    const rsaCrl = tmp.file("rsa.crl", crlToBuffer(await encodeCrl({ issuer: rsa, crlNumber: 1n, thisUpdate: NOW, nextUpdate: new Date(NOW.getTime() + 86_400_000), entries: entries(1) })));
    const ok = openssl(["crl", "-in", rsaCrl, "-inform", "DER", "-noout", "-verify", "-CAfile", tmp.file("rsa.pem", pem(rsa.entity.certificate))]);
    expect(ok.stderr + ok.stdout).toMatch(/verify OK/);
  });
});
