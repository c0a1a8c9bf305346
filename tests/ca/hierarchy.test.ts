import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoHierarchy } from "@/ca/hierarchy/create-demo-hierarchy";
import { chainOf, hierarchyFromJson, hierarchyToJson, loadHierarchy, type Hierarchy } from "@/ca/hierarchy/hierarchy";
import { fileKeyCustody } from "@/ca/keys/file-key-custody";
import { fixedClock } from "@/ca/clock";
import { CaError } from "@/ca/errors";
import { BASE_URL, T0, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

const PASS = "correct horse battery staple";
let tmp: TempDir;
let h: Hierarchy;

beforeAll(async () => {
  tmp = new TempDir();
  h = await createDemoHierarchy({ custody: fileKeyCustody(tmp.file("keys"), PASS), clock: fixedClock(T0), baseUrl: BASE_URL, crlShards: 2 });
});
afterAll(() => tmp.cleanup());

describe("demo hierarchy", () => {
  it("has a self-signed RSA-3072 root and issuing CAs for RSA and EC", () => {
    const text = opensslOk(["x509", "-noout", "-text"], pem(h.root.entity.certificate));
    expect(text).toContain("Public-Key: (3072 bit)");
    expect(text).toMatch(/CA:TRUE/);
    expect(h.issuing.rsa?.entity.keyType).toBe("rsa");
    expect(h.issuing.ec?.entity.keyType).toBe("ec");
  });

  it.each(["issuing-rsa", "issuing-ec", "ocsp-rsa", "ocsp-ec", "tsa"])("ok/%s chains to the root under openssl verify", (id) => {
    const root = tmp.file("root.pem", pem(h.root.entity.certificate));
    const chain = chainOf(h, id);
    const untrusted = tmp.file(`${id}-untrusted.pem`, chain.slice(1, -1).map(pem).join("") || pem(h.root.entity.certificate));
    const leaf = tmp.file(`${id}.pem`, pem(chain[0]!));
    const args = ["verify", "-CAfile", root, "-untrusted", untrusted, "-attime", String(T0.getTime() / 1000 + 60)];
    if (id === "tsa") args.push("-purpose", "timestampsign");
    const r = openssl([...args, leaf]);
    expect(r.stdout + r.stderr).toContain(": OK");
  });

  it("issuer names are byte-identical to the CA subject and times are whole seconds", () => {
    const issuing = h.issuing.ec!;
    expect(issuing.parts.issuerName.equals(h.root.parts.subjectName)).toBe(true);
    expect(issuing.parts.notBefore.getTime() % 1000).toBe(0);
    expect(issuing.parts.notBefore.toISOString()).toBe(T0.toISOString());
    const text = opensslOk(["x509", "-noout", "-text", "-nameopt", "utf8"], pem(issuing.entity.certificate));
    expect(text).toContain("O=示例电子认证服务有限公司");
    expect(text).toContain(`CA Issuers - URI:${BASE_URL}/pki/ca/root.cer`);
    expect(text).toContain(`URI:${BASE_URL}/pki/crl/root/0.crl`);
    expect(text).toMatch(/pathlen:0/);
  });

  it("OCSP signer carries ocsp-nocheck and OCSP Signing EKU; TSA a critical timeStamping EKU", () => {
    const ocsp = opensslOk(["x509", "-noout", "-text"], pem(h.byId.get("ocsp-rsa")!.entity.certificate));
    expect(ocsp).toContain("OCSP No Check");
    expect(ocsp).toContain("OCSP Signing");
    // Issue 15: "ocsp-rsa" has the RSA key its name says, "ocsp-ec" an ECDSA one.
    expect(ocsp).toMatch(/Public Key Algorithm: rsaEncryption/);
    expect(opensslOk(["x509", "-noout", "-text"], pem(h.byId.get("ocsp-ec")!.entity.certificate))).toMatch(/Public Key Algorithm: id-ecPublicKey/);
    const tsa = opensslOk(["x509", "-noout", "-text"], pem(h.tsa!.entity.certificate));
    expect(tsa).toMatch(/Extended Key Usage: critical\s+Time Stamping/);
  });

  it("keys are encrypted PKCS#8 files openssl can open only with the passphrase", () => {
    const file = tmp.file("keys/root.key.pem");
    expect(opensslOk(["pkey", "-in", file, "-passin", `pass:${PASS}`, "-noout", "-text_pub"])).toContain("3072 bit");
    expect(openssl(["pkey", "-in", file, "-passin", "pass:wrong-passphrase", "-noout"]).status).not.toBe(0);
    expect(opensslOk(["asn1parse", "-in", file])).toMatch(/PBES2[\s\S]*PBKDF2[\s\S]*aes-256-cbc/);
  });

  it("round-trips through JSON and reloads with the file custody", async () => {
    const again = await loadHierarchy(hierarchyFromJson(hierarchyToJson(h.record)), fileKeyCustody(tmp.file("keys"), PASS));
    expect(again.issuing.rsa!.entity.certificate.equals(h.issuing.rsa!.entity.certificate)).toBe(true);
  });

  it("fail/wrong passphrase gives KEY_FILE_INVALID without echoing the passphrase", async () => {
    const err = await loadHierarchy(h.record, fileKeyCustody(tmp.file("keys"), "not-the-passphrase")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaError);
    expect((err as CaError).code).toBe("KEY_FILE_INVALID");
    expect(String((err as Error).message) + String((err as Error).stack)).not.toContain("not-the-passphrase");
  });
});
