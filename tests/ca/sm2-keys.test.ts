// SM2 keys in custody (issue 17): Node makes, encrypts and reads them; sm2.ts signs. The outside
// judge is OpenSSL 3.0, which accepts a certificate signed here only with the portal's user ID
// (`-vfyopt distid:1234567812345678`), and whose own SM2 signatures sm2Verify accepts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { createPrivateKey } from "node:crypto";
import { fileKeyCustody, keyObjectSigner } from "@/ca/keys/file-key-custody";
import { memoryKeyCustody } from "@/ca/keys/memory-key-custody";
import { isSm2Spki, sm2PrivateKeyHex, sm2PublicKeyHex, sm2Spki, sm2Verify, sm3, SM2_USER_ID } from "@/ca/keys/sm2";
import { signatureAlgorithmFor } from "@/ca/keys/key-signer";
import { randomSerial, signCertificate } from "@/ca/issuance/certificate-builder";
import { encodeName } from "@/ca/asn1/names";
import * as X from "@/ca/asn1/extensions";
import { derToPem } from "@/ca/asn1/certificate-parts";
import { CaError } from "@/ca/errors";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

let tmp: TempDir;
beforeAll(() => {
  tmp = new TempDir();
});
afterAll(() => tmp.cleanup());

describe("SM3 and the SM2 primitives", () => {
  it("SM3 of 'abc' is the GB/T 32905 example", () => {
    expect(sm3(Buffer.from("abc")).toString("hex")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  });
  it("the signature algorithm is SM3withSM2 without parameters", () => {
    expect(signatureAlgorithmFor("sm2").toString("hex")).toBe("300a06082a811ccf55018375");
  });
  it("an SPKI of another curve is not SM2, and its point is refused", async () => {
    const ec = await memoryKeyCustody().generate("p256", { type: "ec", curve: "P-256" });
    expect(isSm2Spki(ec.spki)).toBe(false);
    expect(() => sm2PublicKeyHex(ec.spki)).toThrow(CaError);
    expect(isSm2Spki(Buffer.from("3000", "hex"))).toBe(false);
  });
  it("a point off the curve is refused", () => {
    expect(() => sm2PublicKeyHex(sm2Spki("04" + "11".repeat(64)))).toThrow(/not a point/);
  });
});

describe("SM2 keys in file custody", () => {
  it("generates an encrypted PKCS#8 file that OpenSSL opens as an SM2 key, and opens it again to the same signer", async () => {
    const dir = tmp.file("keys");
    const custody = fileKeyCustody(dir, "correct horse battery");
    const made = await custody.generate("sm2-test", { type: "sm2" });
    expect(made.keyType).toBe("sm2");
    const text = opensslOk(["pkey", "-in", `${dir}/sm2-test.key.pem`, "-passin", "pass:correct horse battery", "-text", "-noout"]);
    expect(text).toMatch(/SM2/);
    const opened = await custody.open("sm2-test");
    expect(opened.keyType).toBe("sm2");
    expect(opened.spki.equals(made.spki)).toBe(true);
    const sig = await opened.sign([Buffer.from("hello "), Buffer.from("world")]);
    expect(sm2Verify(made.spki, Buffer.from("hello world"), sig)).toBe(true);
    expect(sm2Verify(made.spki, Buffer.from("hello worle"), sig)).toBe(false);
    expect(sm2Verify(made.spki, Buffer.from("hello world"), Buffer.from("3003020101", "hex"))).toBe(false);
  });

  it("an SM2 chain made here passes `openssl verify` with the portal's distid, and fails with OpenSSL's empty default", async () => {
    // OpenSSL 3.0 does not apply -vfyopt to a root's self-signature (-check_ss_sig fails even on a root it made
    // itself), so the judge is a leaf under the root: the root's signature over the leaf is what it checks.
    const custody = memoryKeyCustody();
    const root = await custody.generate("sm2-root", { type: "sm2" });
    const leaf = await custody.generate("sm2-leaf", { type: "sm2" });
    const rootName = encodeName([{ type: "C", value: "CN" }, { type: "CN", value: "SM2 测试根" }]);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const validity = { notBefore: now, notAfter: new Date(now.getTime() + 86_400_000) };
    const rootDer = await signCertificate(
      { serial: randomSerial(), issuerName: rootName, subjectName: rootName, ...validity, spki: root.spki, extensions: [X.basicConstraints(true), X.keyUsage(["keyCertSign", "cRLSign"]), X.subjectKeyIdentifier(X.keyIdentifier(root.spki))] },
      root,
    );
    const leafDer = await signCertificate(
      { serial: randomSerial(), issuerName: rootName, subjectName: encodeName([{ type: "CN", value: "leaf" }]), ...validity, spki: leaf.spki, extensions: [X.basicConstraints(false), X.keyUsage(["digitalSignature"]), X.authorityKeyIdentifier(X.keyIdentifier(root.spki))] },
      root,
    );
    const rootPem = tmp.file("sm2-root.pem", derToPem(rootDer, "CERTIFICATE"));
    const leafPem = tmp.file("sm2-leaf.pem", derToPem(leafDer, "CERTIFICATE"));
    expect(opensslOk(["x509", "-in", leafPem, "-noout", "-text"])).toMatch(/SM2-with-SM3/);
    expect(opensslOk(["verify", "-vfyopt", `distid:${SM2_USER_ID}`, "-CAfile", rootPem, leafPem])).toMatch(/OK/);
    expect(openssl(["verify", "-CAfile", rootPem, leafPem]).status).not.toBe(0);
  });

  it("verifies a signature OpenSSL made with the portal's distid over data, with the key OpenSSL generated", () => {
    const key = tmp.file("ossl-sm2.pem");
    opensslOk(["genpkey", "-algorithm", "SM2", "-out", key]);
    const data = tmp.file("data.txt");
    writeFileSync(data, "签名数据 signed data");
    const sig = tmp.file("data.sig");
    opensslOk(["pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", key, "-in", data, "-out", sig, "-pkeyopt", `distid:${SM2_USER_ID}`]);
    const signer = keyObjectSigner("ossl", createPrivateKey(readFileSync(key)));
    expect(signer.keyType).toBe("sm2");
    expect(sm2PrivateKeyHex(createPrivateKey(readFileSync(key)))).toMatch(/^[0-9a-f]{64}$/);
    expect(sm2Verify(signer.spki, readFileSync(data), readFileSync(sig))).toBe(true);
  });
});
