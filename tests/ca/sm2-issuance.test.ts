// SM2 profiles, SM2 CSRs and SM2 issuance (issue 17): a request made by `openssl req -sm3 -sigopt
// distid:1234567812345678` is certified by issuing-sm2 with SM3withSM2 and the result passes
// OpenSSL 3.0 with the distid; other user IDs, mixed families and bad keys are refused clearly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueFromCsr, issueForPublicKey, type IssuanceDeps } from "@/ca/issuance/issue-certificate";
import { generateKeyAndIssue } from "@/ca/issuance/generate-key-and-issue";
import { parseCsr, describePublicKey } from "@/ca/issuance/parse-csr";
import { PROFILES, type VerifiedSubject } from "@/ca/issuance/profiles";
import { pkcs7Chain } from "@/ca/outputs/pkcs7-chain";
import { CaError } from "@/ca/errors";
import { fixedClock } from "@/ca/clock";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { memoryKeyCustody } from "@/ca/keys/memory-key-custody";
import { SM2_USER_ID, sm2Spki } from "@/ca/keys/sm2";
import { T0, demoHierarchy, memoryRegistry, pem } from "./helpers/fixture";
import { TempDir, opensslOk } from "./helpers/openssl";
import { verifySm2Chain } from "./helpers/sm2-chain";

let h: Hierarchy;
let tmp: TempDir;
let deps: IssuanceDeps;
const csrs: Record<string, string> = {};
const AT = T0.getTime() / 1000 + 7200;
const person: VerifiedSubject = { country: "CN", fullName: "王五", email: "wang.wu@example.cn" };
const org: VerifiedSubject = { country: "CN", organizationName: "北京示例科技有限公司", organizationId: "91110108MA01ABCD2X", sealName: "北京示例科技有限公司合同专用章" };

function key(name: string, args: string[]): string {
  const file = tmp.file(`${name}.key`);
  opensslOk(["genpkey", ...args, "-out", file]);
  return file;
}
const req = (keyFile: string, extra: string[]) => opensslOk(["req", "-new", "-key", keyFile, ...extra, "-subj", "/CN=ignored/O=Evil Corp"]);
const codeOf = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(CaError);
  return e as CaError;
};

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy();
  const reg = memoryRegistry();
  deps = { hierarchy: h, clock: fixedClock(new Date(T0.getTime() + 3600_000)), serials: reg.serials, keyOwnership: reg.keyOwnership };
  const sm2 = key("sm2", ["-algorithm", "SM2"]);
  csrs.sm2 = req(sm2, ["-sm3", "-sigopt", `distid:${SM2_USER_ID}`]);
  csrs.sm2Alice = req(sm2, ["-sm3", "-sigopt", "distid:ALICE123@YAHOO.COM"]);
  csrs.sm2NoId = req(sm2, ["-sm3"]);
  csrs.sm2Second = req(key("sm2b", ["-algorithm", "SM2"]), ["-sm3", "-sigopt", `distid:${SM2_USER_ID}`]);
  csrs.rsa = req(key("rsa", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]), ["-sha256"]);
  csrs.p256 = req(key("p256", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]), ["-sha256"]);
});
afterAll(() => tmp.cleanup());

describe("SM2 profiles", () => {
  it("every profile names its family; the three SM2 profiles take SM2 keys only and make no server keys", () => {
    for (const p of Object.values(PROFILES)) expect(["international", "sm2"]).toContain(p.family);
    for (const id of ["individual-signing-sm2", "organization-seal-sm2", "individual-dual-sm2"]) {
      const p = PROFILES[id]!;
      expect(p.family).toBe("sm2");
      expect(p.allowedKeys).toEqual([{ type: "sm2" }]);
      expect(p.serverKeyGeneration).toBe(false);
    }
    expect(PROFILES["individual-dual-sm2"]!.dualCertificate).toBe(true);
    expect(PROFILES["individual-signing"]!.family).toBe("international");
  });

  it("describePublicKey names an SM2 key", () => {
    const d = parseCsr(csrs.sm2!);
    expect(d.keyType).toBe("sm2");
    expect(d.curve).toBe("SM2");
    expect(describePublicKey(d.spki).spkiSha256).toBe(d.spkiSha256);
  });

  it("fail/an SM2 point off the curve is not a key", () => {
    expect(() => describePublicKey(sm2Spki("04" + "11".repeat(64)))).toThrow(CaError);
  });
});

describe("SM2 CSRs", () => {
  it("ok/a CSR made by openssl req -sm3 -sigopt distid:1234567812345678 is accepted", () => {
    expect(parseCsr(csrs.sm2!).keyType).toBe("sm2");
  });

  it.each([
    ["another user ID (ALICE123@YAHOO.COM)", "sm2Alice"],
    ["no -sigopt (OpenSSL 3.0's empty user ID)", "sm2NoId"],
  ])("fail/%s is refused and the message names the user ID we expect", (_name, k) => {
    const e = (() => {
      try {
        parseCsr(csrs[k]!);
      } catch (err) {
        return err as CaError;
      }
      throw new Error("accepted");
    })();
    expect(e.code).toBe("CSR_SM2_USER_ID_MISMATCH");
    expect(e.message).toContain(SM2_USER_ID);
    expect(e.message).toContain("-sigopt distid:");
  });

  it("fail/a tampered SM2 CSR is refused", () => {
    const der = Buffer.from(csrs.sm2!.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""), "base64");
    der[der.indexOf(Buffer.from("ignored"))] = "J".charCodeAt(0);
    expect(() => parseCsr(der)).toThrow(/user ID/);
  });
});

describe("SM2 issuance", () => {
  it.each([
    ["individual-signing-sm2", person, undefined],
    ["organization-seal-sm2", org, { kind: "系统" as const, name: "电子合同系统" }],
    ["individual-dual-sm2", person, undefined],
  ])("ok/%s is issued by issuing-sm2 with SM3withSM2 and passes openssl verify with the distid", async (profileId, subject, usageScope) => {
    const csr = profileId === "organization-seal-sm2" ? csrs.sm2Second! : csrs.sm2!;
    const issued = await issueFromCsr(deps, { csr, profileId, subject, subscriberId: `sub-${profileId}`, usageScope });
    expect(issued.issuerId).toBe("issuing-sm2");
    expect(issued.chain.map((c) => c.equals(h.byId.get("issuing-sm2")!.entity.certificate) || c.equals(h.byId.get("root-sm2")!.entity.certificate))).toEqual([true, true]);
    const v = verifySm2Chain(tmp, [issued.certificate, ...issued.chain], { at: AT });
    expect(v.links.map((l) => l.stdout + l.stderr).join("\n")).not.toMatch(/error/);
    expect(v.ok).toBe(true);
    expect(verifySm2Chain(tmp, [issued.certificate, ...issued.chain], { at: AT, distid: null }).ok).toBe(false);
    const text = opensslOk(["x509", "-noout", "-text", "-nameopt", "utf8,sep_comma_plus_space"], pem(issued.certificate));
    expect(text).toMatch(/Signature Algorithm: SM2-with-SM3/);
    expect(text).not.toContain("Evil Corp");
    expect(text).toContain(`URI:http://pki.test.example/pki/crl/issuing-sm2/${issued.crlShard}.crl`);
    expect(text).toContain("CA Issuers - URI:http://pki.test.example/pki/ca/issuing-sm2.cer");
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    if (profileId === "organization-seal-sm2") expect(text).toContain("organizationIdentifier=NTRCN-91110108MA01ABCD2X");
  });

  it("the PKCS#7 chain of an SM2 certificate carries the SM2 chain", async () => {
    const issued = await issueFromCsr(deps, { csr: csrs.sm2!, profileId: "individual-signing-sm2", subject: person, subscriberId: "sub-individual-signing-sm2" });
    const out = opensslOk(["pkcs7", "-inform", "DER", "-print_certs", "-noout"], pkcs7Chain([issued.certificate, ...issued.chain]));
    expect(out).toMatch(/subject=.*CN = Demo Issuing CA SM2 1/);
    expect(out).toMatch(/subject=.*CN = Demo Root CA SM2/);
    expect(out).not.toContain("Demo Root CA R1");
  });

  it("issueForPublicKey with an SM2 SPKI (the browser's key) is issued by issuing-sm2", async () => {
    const k = await memoryKeyCustody().generate("browser-sm2", { type: "sm2" });
    const issued = await issueForPublicKey(deps, { spki: k.spki, profileId: "individual-signing-sm2", subject: person, subscriberId: "sub-browser" });
    expect(issued.issuerId).toBe("issuing-sm2");
    expect(verifySm2Chain(tmp, [issued.certificate, ...issued.chain], { at: AT }).ok).toBe(true);
  });

  it.each([
    ["an RSA key in an SM2 profile", "rsa", "individual-signing-sm2", /an RSA-2048 key in the SM2 profile individual-signing-sm2/],
    ["a P-256 key in an SM2 profile", "p256", "organization-seal-sm2", /EC prime256v1 key in the SM2 profile/],
    ["an SM2 key in an international profile", "sm2", "individual-signing", /an SM2 key in the profile individual-signing/],
  ])("fail/%s: KEY_ALGORITHM_NOT_ALLOWED with a clear message", async (_name, csrKey, profileId, message) => {
    const e = await codeOf(issueFromCsr(deps, { csr: csrs[csrKey]!, profileId, subject: profileId.startsWith("organization") ? org : person, subscriberId: "sub-x", usageScope: { kind: "系统", name: "x" } }));
    expect(e.code).toBe("KEY_ALGORITHM_NOT_ALLOWED");
    expect(e.message).toMatch(message);
  });

  it("fail/no server-side key generation for an SM2 profile", async () => {
    const e = await codeOf(generateKeyAndIssue(deps, { profileId: "individual-signing-sm2", subject: person, subscriberId: "s", key: { type: "ec", curve: "P-256" }, pkcs12Password: "Correct-Horse-9-Battery" }));
    expect(e.code).toBe("INVALID_INPUT");
  });

  it("fail/an SM2 profile on a hierarchy without the SM2 family: ISSUER_UNAVAILABLE", async () => {
    const { createDemoHierarchy } = await import("@/ca/hierarchy/create-demo-hierarchy");
    const ecOnly = await createDemoHierarchy({ custody: memoryKeyCustody(), clock: fixedClock(T0), baseUrl: "http://pki.test.example", families: ["ec"] });
    const e = await codeOf(issueFromCsr({ ...deps, hierarchy: ecOnly }, { csr: csrs.sm2!, profileId: "individual-signing-sm2", subject: person, subscriberId: "s" }));
    expect(e.code).toBe("ISSUER_UNAVAILABLE");
  });
});
