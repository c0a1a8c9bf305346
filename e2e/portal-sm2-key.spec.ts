import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/page-scan";
import { inspectCertificate } from "./console-case-helpers";
import { fillIndividualApplicationToKeyStep, officerIssues, signUp, submitApplication } from "./support/portal-journeys";

// Issue 17 item 3, one subscriber: an SM2 signing certificate whose key is made in the browser.
// The wizard says it makes an SM2 key; the officer approves and issues; the certificate is
// issuing-sm2's (SM2 key, SM3withSM2, openssl verify with distid, link by link, against the published SM2 chain);
// the test page's certificate test passes (the stored result says the server checked the SM2
// signature); the key saved from the certificate page as an encrypted PKCS#8 PEM and as a PKCS#12
// opens with openssl and is the certificate's key; revocation proven by the key is accepted.

const DISTID = "distid:1234567812345678";
const openssl = (args: string[]) => execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test("SM2 certificate with the key made in the browser: issued by issuing-sm2, certificate test passes, key exports open with openssl, revocation by the key", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-sm2-key-"));
  await signUp(page, "sm2-key");
  await page.goto("/apply");
  await page.getByRole("radio", { name: /个人签名证书（SM2）/ }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await fillIndividualApplicationToKeyStep(page, "王五");

  // The key step names the algorithm before the key is made.
  const algorithm = page.getByTestId("browser-key-algorithm");
  await expect(algorithm).toHaveAttribute("data-algorithm", "SM2");
  await expect(algorithm).toContainText("SM2 密钥对");
  await page.getByRole("button", { name: "生成密钥" }).click();
  await expect(page.getByTestId("key-progress")).toHaveText("密钥已就绪，证书请求已发送。");
  const applicationId = await submitApplication(page);
  const officer = await officerIssues(browser, applicationId, "sm2-key");

  await page.goto("/dashboard");
  await page.getByTestId("my-certificate").getByRole("link").first().click();
  await page.waitForURL(/\/certificates\/[0-9a-f-]+$/);
  const certificateId = /\/certificates\/([0-9a-f-]+)/.exec(page.url())![1]!;
  const download = page.waitForEvent("download");
  await page.getByTestId("download-pem").click();
  const leaf = path.join(dir, "leaf.pem");
  writeFileSync(leaf, readFileSync((await (await download).path())!, "utf8"));

  // The certificate: an SM2 key, signed SM3withSM2 by issuing-sm2; OpenSSL verifies it against the published SM2 chain with the user ID.
  const text = openssl(["x509", "-in", leaf, "-noout", "-text"]);
  expect(text).toMatch(/Signature Algorithm: SM2-with-SM3/);
  expect(text).toMatch(/ASN1 OID: SM2/);
  for (const name of ["root-sm2", "issuing-sm2"]) {
    const r = await page.request.get(`/pki/ca/${name}.cer`);
    expect(r.status()).toBe(200);
    writeFileSync(path.join(dir, `${name}.cer`), await r.body());
    writeFileSync(path.join(dir, `${name}.pem`), openssl(["x509", "-inform", "DER", "-in", path.join(dir, `${name}.cer`)]));
  }
  expect(openssl(["x509", "-in", leaf, "-noout", "-issuer", "-nameopt", "RFC2253"])).toBe(openssl(["x509", "-in", path.join(dir, "issuing-sm2.pem"), "-noout", "-subject", "-nameopt", "RFC2253"]).replace("subject=", "issuer="));
  // Link by link: OpenSSL 3.0 gives -vfyopt's user ID only to the certificate it is asked about, so an
  // intermediate taken from -untrusted is checked with the empty ID and fails (tests/ca/helpers/sm2-chain.ts).
  expect(openssl(["verify", "-vfyopt", DISTID, "-CAfile", path.join(dir, "root-sm2.pem"), path.join(dir, "issuing-sm2.pem")])).toContain(": OK");
  expect(openssl(["verify", "-vfyopt", DISTID, "-partial_chain", "-CAfile", path.join(dir, "issuing-sm2.pem"), leaf])).toContain(": OK");
  const stored = await inspectCertificate(page, certificateId);
  expect(stored.pem.replace(/\s/g, "")).toBe(readFileSync(leaf, "utf8").replace(/\s/g, ""));

  // The certificate test: the browser signs the server's challenge with the SM2 key; the server verifies and stores the result.
  await page.goto(`/certificates/${certificateId}/test`);
  await page.getByRole("button", { name: "开始测试" }).click();
  await expect(page.getByTestId("test-CERTIFICATE")).toHaveAttribute("data-state", "pass", { timeout: 30_000 });
  const tested = (await inspectCertificate(page, certificateId)) as Awaited<ReturnType<typeof inspectCertificate>> & { testResults: { kind: string; passed: boolean; details: Record<string, unknown> }[] };
  const certificateTest = tested.testResults.filter((r) => r.kind === "CERTIFICATE").at(-1);
  expect(certificateTest).toMatchObject({ passed: true, details: { keySource: "indexeddb", serverCheck: "SIGNATURE_VALID" } });

  // The key saved from the certificate page: encrypted PKCS#8 PEM and PKCS#12, both opened by openssl, both the certificate's key.
  await page.goto(`/certificates/${certificateId}`);
  const save = page.getByTestId("pkcs12-save");
  await expect(save.getByTestId("sm2-export-note")).toContainText("SM2");
  const password = "Sm2-Export-Pass-2026";
  await save.getByLabel("文件密码").fill(password);
  await save.getByLabel("再次输入密码").fill(password);
  const pemDownload = page.waitForEvent("download");
  await save.getByTestId("save-pkcs8-pem").click();
  const keyFile = path.join(dir, "key.pem");
  writeFileSync(keyFile, readFileSync((await (await pemDownload).path())!));
  expect(readFileSync(keyFile, "utf8")).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
  const certPub = openssl(["x509", "-in", leaf, "-noout", "-pubkey"]);
  expect(openssl(["pkey", "-in", keyFile, "-passin", `pass:${password}`, "-pubout"])).toBe(certPub);
  const p12Download = page.waitForEvent("download");
  await save.getByRole("button", { name: "生成并下载 PKCS#12" }).click();
  const p12File = path.join(dir, "key.p12");
  writeFileSync(p12File, readFileSync((await (await p12Download).path())!));
  const p12Key = execFileSync("openssl", ["pkcs12", "-in", p12File, "-passin", `pass:${password}`, "-nocerts", "-nodes"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  expect(execFileSync("openssl", ["pkey", "-pubout"], { input: p12Key, encoding: "utf8" })).toBe(certPub);

  // Revocation proven by the key kept in this browser: accepted at once (compliant), then carried out by the officer.
  await page.reload();
  const byKey = page.getByTestId("key-revocation");
  await expect(byKey.getByTestId("key-revocation-key")).toHaveAttribute("data-browser-key", "yes");
  await byKey.getByLabel("撤销原因").selectOption("KEY_COMPROMISE");
  await byKey.getByRole("button", { name: "用私钥签名并提交撤销申请" }).click();
  const done = page.getByTestId("key-revocation-done");
  await expect(done).toContainText("已即时合规");
  const revokeHref = (await done.getByRole("link", { name: "下载回执" }).getAttribute("href"))!;
  await officer.goto(`/ra/revocations/${revokeHref.split("/").pop()}`);
  await officer.getByRole("button", { name: "撤销证书" }).click();
  await expect(officer.getByTestId("request-status")).toHaveAttribute("data-status", "DONE");
  await officer.context().close();
  const revoked = await inspectCertificate(page, certificateId);
  expect(revoked).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
});
