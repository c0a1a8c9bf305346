import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { issueFromCsr, type IssuanceDeps } from "@/ca/issuance/issue-certificate";
import { generateKeyAndIssue } from "@/ca/issuance/generate-key-and-issue";
import { pkcs7Chain } from "@/ca/outputs/pkcs7-chain";
import { CaError, type CaErrorCode } from "@/ca/errors";
import { fixedClock } from "@/ca/clock";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import type { VerifiedSubject } from "@/ca/issuance/profiles";
import { T0, demoHierarchy, memoryRegistry, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

let h: Hierarchy;
let tmp: TempDir;
let reg: ReturnType<typeof memoryRegistry>;
let deps: IssuanceDeps;
const csrs: Record<string, Buffer | string> = {};

const person: VerifiedSubject = { country: "CN", fullName: "张三", email: "zhang.san@example.cn" };
const org: VerifiedSubject = { country: "CN", organizationName: "北京示例科技有限公司", organizationId: "91110108MA01ABCD2X", province: "北京市", fullName: "李四", sealName: "北京示例科技有限公司合同专用章" };
const scope = { kind: "项目" as const, name: "智慧政务平台" };

function makeCsr(name: string, keyArgs: string[], digest = "-sha256"): string {
  const key = tmp.file(`${name}.key`);
  opensslOk(["genpkey", ...keyArgs, "-out", key]);
  return opensslOk(["req", "-new", "-key", key, digest, "-subj", "/CN=ignored by the CA/O=Evil Corp"]);
}

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy();
  reg = memoryRegistry();
  deps = { hierarchy: h, clock: fixedClock(new Date(T0.getTime() + 3600_000)), serials: reg.serials, keyOwnership: reg.keyOwnership };
  csrs.p256 = makeCsr("p256", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]);
  csrs.rsa2048 = makeCsr("rsa2048", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]);
  csrs.rsa1024 = makeCsr("rsa1024", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"]);
  csrs.p384 = makeCsr("p384", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]);
  csrs.sha1 = makeCsr("sha1", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], "-sha1");
  csrs.ed25519 = makeCsr("ed", ["-algorithm", "ED25519"]);
  csrs.p256der = execDer(csrs.p256 as string);
  const tampered = Buffer.from(csrs.p256der);
  const at = tampered.indexOf(Buffer.from("ignored"));
  tampered[at] = "J".charCodeAt(0);
  csrs.tampered = tampered;
  csrs.truncated = Buffer.from(csrs.p256der).subarray(0, 60);
  csrs.garbage = Buffer.from("this is not a certificate request at all");
  csrs.oversized = Buffer.alloc(20_000, 0x30);
});
afterAll(() => tmp.cleanup());

function execDer(pemCsr: string): Buffer {
  return Buffer.from(pemCsr.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""), "base64");
}

describe("issueFromCsr", () => {
  const ok: Array<[string, string, string, VerifiedSubject]> = [
    ["ok/individual-signing P-256 PEM", "p256", "individual-signing", person],
    ["ok/organization-signing RSA-2048", "rsa2048", "organization-signing", org],
    ["ok/organization-seal DER CSR", "p256der", "organization-seal", org],
    ["ok/encryption P-256", "p256", "encryption", person],
  ];
  it.each(ok)("%s", async (_name, csrKey, profileId, subject) => {
    const issued = await issueFromCsr(deps, { csr: csrs[csrKey]!, profileId, subject, subscriberId: "sub-1", usageScope: profileId === "organization-seal" ? { kind: "系统", name: "电子合同系统" } : scope });
    expect(issued.serialHex.length).toBe(32);
    expect(BigInt("0x" + issued.serialHex) > 0n).toBe(true);
    expect(issued.notBefore.getTime() % 1000).toBe(0);
    const leaf = tmp.file(`${profileId}-${csrKey}.pem`, pem(issued.certificate));
    const root = tmp.file("root.pem", pem(h.root.entity.certificate));
    const inter = tmp.file("inter.pem", pem(issued.chain[0]!));
    const r = openssl(["verify", "-CAfile", root, "-untrusted", inter, "-attime", String(T0.getTime() / 1000 + 7200), leaf]);
    expect(r.stdout).toContain(": OK");
    const text = opensslOk(["x509", "-in", leaf, "-noout", "-text", "-nameopt", "utf8,sep_comma_plus_space"]);
    expect(text).not.toContain("ignored by the CA");
    expect(text).not.toContain("Evil Corp");
    expect(text).toContain("Policy: 2.25.235264436837098558445729401587602176676.1.");
    expect(text).toContain("CPS: http://pki.test.example/pki/cps");
    expect(text).toContain("Explicit Text: 用途范围 Usage scope:");
    expect(text).toContain(`URI:http://pki.test.example/pki/crl/${issued.issuerId}/${issued.crlShard}.crl`);
    expect(text).toContain("OCSP - URI:http://pki.test.example/pki/ocsp");
    expect(text).toContain(`CA Issuers - URI:http://pki.test.example/pki/ca/${issued.issuerId}.cer`);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toContain("X509v3 Subject Key Identifier");
    expect(text).toContain("X509v3 Authority Key Identifier");
    if (profileId === "encryption") {
      expect(text).toMatch(/Key Usage: critical\s+Key Agreement/);
      expect(text).toContain("email:zhang.san@example.cn");
    } else {
      expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    }
    if (profileId === "organization-seal") {
      expect(text).toContain("CN=北京示例科技有限公司合同专用章");
      expect(text).toContain("organizationIdentifier=NTRCN-91110108MA01ABCD2X");
      expect(text).not.toContain("email:");
    }
    if (profileId === "individual-signing") expect(text).toContain("Subject: C=CN, CN=张三");
    // the issuer field is the CA subject byte for byte
    const issuerDer = opensslOk(["x509", "-in", leaf, "-noout", "-issuer_hash"]);
    expect(issuerDer).toBe(opensslOk(["x509", "-in", inter, "-noout", "-subject_hash"]));
  });

  const fail: Array<[string, string, string, CaErrorCode]> = [
    ["fail/weak RSA-1024 key", "rsa1024", "individual-signing", "KEY_TOO_WEAK"],
    ["fail/P-384 not in profile", "p384", "individual-signing", "KEY_ALGORITHM_NOT_ALLOWED"],
    ["fail/Ed25519 not supported", "ed25519", "individual-signing", "CSR_SIGNATURE_ALGORITHM_UNSUPPORTED"],
    ["fail/SHA-1 signed CSR", "sha1", "individual-signing", "CSR_SIGNATURE_ALGORITHM_UNSUPPORTED"],
    ["fail/tampered CSR", "tampered", "individual-signing", "CSR_SIGNATURE_INVALID"],
    ["fail/truncated DER", "truncated", "individual-signing", "CSR_MALFORMED"],
    ["fail/garbage", "garbage", "individual-signing", "CSR_MALFORMED"],
    ["fail/oversized request", "oversized", "individual-signing", "INPUT_TOO_LARGE"],
    ["fail/unknown profile", "p256", "root-ca-please", "PROFILE_UNKNOWN"],
  ];
  it.each(fail)("%s", async (_name, csrKey, profileId, code) => {
    const err = await issueFromCsr(deps, { csr: csrs[csrKey]!, profileId, subject: person, subscriberId: "sub-1", usageScope: scope }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaError);
    expect((err as CaError).code).toBe(code);
    expect((err as CaError).message.length).toBeGreaterThan(10);
  });

  const subjectFail: Array<[string, string, VerifiedSubject, CaErrorCode, { kind: "项目" | "系统" | "平台"; name: string }?]> = [
    ["fail/encryption without email", "encryption", { country: "CN", fullName: "张三" }, "SUBJECT_INVALID"],
    ["fail/organisation without credit code", "organization-signing", { country: "CN", organizationName: "X 公司", fullName: "李四" }, "SUBJECT_INVALID"],
    ["fail/bad credit code", "organization-signing", { ...org, organizationId: "123" }, "SUBJECT_INVALID"],
    ["fail/seal in a 项目 scope", "organization-seal", org, "USAGE_SCOPE_NOT_ALLOWED", { kind: "项目", name: "x" }],
    ["fail/bad email", "individual-signing", { ...person, email: "not an email" }, "SUBJECT_INVALID"],
    ["fail/name too long", "individual-signing", { ...person, fullName: "张".repeat(65) }, "SUBJECT_INVALID"],
  ];
  it.each(subjectFail)("%s", async (_name, profileId, subject, code, usageScope) => {
    const err = await issueFromCsr(deps, { csr: csrs.p256!, profileId, subject, subscriberId: "sub-1", usageScope: usageScope ?? scope }).catch((e: unknown) => e);
    expect((err as CaError).code).toBe(code);
  });

  it("a person's certificate may carry no usage scope; an organisation's must (clause 1.5, issue 15)", async () => {
    const personal = await issueFromCsr(deps, { csr: csrs.p256!, profileId: "individual-signing", subject: person, subscriberId: "sub-noscope" });
    expect(personal.certificate.includes(Buffer.from("Usage scope"))).toBe(false);
    const err = await issueFromCsr(deps, { csr: csrs.p256!, profileId: "organization-seal", subject: org, subscriberId: "org-noscope" }).catch((e: unknown) => e);
    expect((err as CaError).code).toBe("USAGE_SCOPE_NOT_ALLOWED");
  });

  it("fail/duplicate key for a different subscriber; ok for the same subscriber", async () => {
    const first = await issueFromCsr(deps, { csr: csrs.rsa2048!, profileId: "individual-signing", subject: person, subscriberId: "sub-A", usageScope: scope });
    reg.recordOwner(first.spkiSha256, "sub-A");
    const err = await issueFromCsr(deps, { csr: csrs.rsa2048!, profileId: "individual-signing", subject: person, subscriberId: "sub-B", usageScope: scope }).catch((e: unknown) => e);
    expect((err as CaError).code).toBe("KEY_ALREADY_CERTIFIED");
    await expect(issueFromCsr(deps, { csr: csrs.rsa2048!, profileId: "individual-signing", subject: person, subscriberId: "sub-A", usageScope: scope })).resolves.toBeTruthy();
  });

  it("retries a colliding serial, and gives up with SERIAL_COLLISION", async () => {
    let calls = 0;
    const flaky = { reserve: async () => ++calls >= 3 };
    await issueFromCsr({ ...deps, serials: flaky }, { csr: csrs.p256!, profileId: "individual-signing", subject: person, subscriberId: "s", usageScope: scope });
    expect(calls).toBe(3);
    const never = { reserve: async () => false };
    const err = await issueFromCsr({ ...deps, serials: never }, { csr: csrs.p256!, profileId: "individual-signing", subject: person, subscriberId: "s", usageScope: scope }).catch((e: unknown) => e);
    expect((err as CaError).code).toBe("SERIAL_COLLISION");
  });

  it("openssl req -verify agrees: the good CSR verifies, the tampered one does not", () => {
    const good = openssl(["req", "-verify", "-noout"], csrs.p256 as string);
    expect(good.stdout + good.stderr).toMatch(/verify OK/);
    const bad = openssl(["req", "-verify", "-noout", "-inform", "DER"], csrs.tampered as Buffer);
    expect(bad.stdout + bad.stderr).toMatch(/verify failure|Certificate request self-signature did not match/i);
  });
});

describe("outputs", () => {
  it("PKCS#7 chain is read by openssl pkcs7 -print_certs", async () => {
    const issued = await issueFromCsr(deps, { csr: csrs.p256!, profileId: "individual-signing", subject: person, subscriberId: "sub-1", usageScope: scope });
    const p7 = pkcs7Chain([issued.certificate, ...issued.chain]);
    const out = opensslOk(["pkcs7", "-inform", "DER", "-print_certs", "-noout"], p7);
    expect(out.match(/subject=/g)?.length).toBe(3);
  });

  it.each([
    ["ok/ASCII password, EC key", "Correct-Horse-42", { type: "ec", curve: "P-256" } as const],
    ["ok/Chinese password, RSA-2048 key", "正确的马电池Staple9", { type: "rsa", bits: 2048 } as const],
  ])("%s: openssl pkcs12 opens the PKCS#12 and sees AES-256, PBKDF2-SHA256, SHA-256 MAC", async (_n, password, key) => {
    const r = await generateKeyAndIssue(deps, { profileId: "individual-signing", subject: person, subscriberId: "sub-k", usageScope: scope, key, pkcs12Password: password });
    const file = tmp.file(`p12-${key.type}.p12`, r.pkcs12);
    const info = openssl(["pkcs12", "-info", "-in", file, "-passin", `pass:${password}`, "-nodes"]);
    expect(info.status, info.stderr).toBe(0);
    expect(info.stderr).toContain("MAC: sha256");
    expect(info.stderr).toMatch(/PBES2, PBKDF2, AES-256-CBC, Iteration 100000, PRF hmacWithSHA256/);
    expect(info.stdout).toContain("BEGIN PRIVATE KEY");
    expect(info.stdout.match(/BEGIN CERTIFICATE/g)?.length).toBe(3);
    expect(openssl(["pkcs12", "-info", "-in", file, "-passin", "pass:Wrong-password-1", "-nodes"]).status).not.toBe(0);
  });

  it.each(["short1A", "alllowercaseletters", "onlylettersAndCase"])("fail/password %s is refused with PASSWORD_TOO_WEAK", async (password) => {
    const err = await generateKeyAndIssue(deps, { profileId: "individual-signing", subject: person, subscriberId: "s", usageScope: scope, key: { type: "ec", curve: "P-256" }, pkcs12Password: password }).catch((e: unknown) => e);
    expect((err as CaError).code).toBe("PASSWORD_TOO_WEAK");
  });
});
