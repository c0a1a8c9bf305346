// Smoke test of the operator CLI on a folder of files, judged by openssl.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

let tmp: TempDir;
const env = { ...process.env, CA_KEY_PASSPHRASE: "cli-test-passphrase" };
const cli = (...args: string[]) => {
  const r = spawnSync("npx", ["tsx", "scripts/ca-cli.ts", ...args, "--dir", tmp.file("ca")], { env, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, out: r.stdout + r.stderr };
};

beforeAll(() => {
  tmp = new TempDir();
});
afterAll(() => tmp.cleanup());

describe("npm run ca", () => {
  it("init, issue, revoke, crl: openssl sees the certificate revoked by the published CRL", () => {
    expect(cli("init", "--base-url", "http://pki.cli.test").status).toBe(0);
    expect(cli("init", "--base-url", "http://pki.cli.test").out).toContain("refusing to overwrite");
    opensslOk(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", tmp.file("k.pem")]);
    opensslOk(["req", "-new", "-key", tmp.file("k.pem"), "-subj", "/CN=x", "-out", tmp.file("req.pem")]);
    tmp.file("subject.json", JSON.stringify({ country: "CN", fullName: "测试用户", email: "t@example.cn" }));
    const issued = cli("issue", "--csr", tmp.file("req.pem"), "--profile", "encryption", "--subject", tmp.file("subject.json"), "--subscriber", "u1", "--scope-kind", "平台", "--scope-name", "测试平台", "--out", tmp.file("leaf.pem"));
    expect(issued.status, issued.out).toBe(0);
    const serial = /issued ([0-9a-f]+) by (\S+) \(CRL shard (\d)\)/.exec(issued.out)!;
    expect(cli("revoke", "--serial", serial[1]!, "--reason", "keyCompromise").status).toBe(0);
    expect(cli("crl").status).toBe(0);
    const der = (p: string) => opensslOk(["x509", "-inform", "DER", "-in", tmp.file(p)]);
    tmp.file("root.pem", der("ca/public/ca/root.cer"));
    tmp.file("issuer.pem", der(`ca/public/ca/${serial[2]}.cer`));
    const crls = [opensslOk(["crl", "-inform", "DER", "-in", tmp.file(`ca/public/crl/${serial[2]}/${serial[3]}.crl`)]), opensslOk(["crl", "-inform", "DER", "-in", tmp.file("ca/public/crl/root/0.crl")])].join("");
    const r = openssl(["verify", "-crl_check_all", "-CAfile", tmp.file("root.pem"), "-untrusted", tmp.file("issuer.pem"), "-CRLfile", tmp.file("crls.pem", crls), tmp.file("leaf.pem")]);
    expect(r.stdout + r.stderr).toContain("certificate revoked");
    expect(cli("status").out).toMatch(/issued 1, revoked 1/);
  });

  it("fail/wrong passphrase and unknown command give clear errors", () => {
    const r = spawnSync("npx", ["tsx", "scripts/ca-cli.ts", "crl", "--dir", tmp.file("ca")], { env: { ...env, CA_KEY_PASSPHRASE: "wrong-passphrase" }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("KEY_FILE_INVALID");
    expect(r.stderr).not.toContain("wrong-passphrase");
    expect(cli("frobnicate").status).toBe(2);
  });
});
