import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/page-scan";
import { demoAccount } from "./console-helpers";
import { png, seriousA11yViolations, signUp, subscriberWithCertificate } from "./support/portal-journeys";

// Issue 6, the certificate test (clause 1.8 test 2) with the private key taken from a PKCS#12 file
// the subscriber picks, decrypted in the browser: a modern (openssl 3 default, PBES2/AES) and a
// legacy (3DES / RC2-40, SHA-1 MAC) file made with the openssl CLI from an OpenSSL key whose
// certificate was issued through the portal; a wrong password stops the test with a message.

test("certificate test with a PKCS#12 file picked on the test page: modern and legacy files pass, a wrong password is refused", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-p12-"));
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key]);
  const csrPem = execFileSync("openssl", ["req", "-new", "-key", key, "-subj", "/CN=p12-user"], { encoding: "utf8" });
  const { certificateId, leafPem } = await subscriberWithCertificate(page, browser, "p12", csrPem);
  const leaf = path.join(dir, "leaf.pem");
  writeFileSync(leaf, leafPem);
  const modern = path.join(dir, "modern.p12");
  const legacy = path.join(dir, "legacy.pfx");
  execFileSync("openssl", ["pkcs12", "-export", "-inkey", key, "-in", leaf, "-out", modern, "-passout", "pass:modern pass 1"]);
  execFileSync("openssl", ["pkcs12", "-export", "-legacy", "-inkey", key, "-in", leaf, "-out", legacy, "-passout", "pass:legacy pass 2"]);
  // The files really are of the two kinds.
  const modernInfo = execFileSync("openssl", ["pkcs12", "-info", "-in", modern, "-passin", "pass:modern pass 1", "-noout"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  expect(modernInfo + "").not.toContain("RC2");
  const legacyInfo = execFileSync("sh", ["-c", `openssl pkcs12 -info -legacy -in '${legacy}' -passin 'pass:legacy pass 2' -noout 2>&1`], { encoding: "utf8" });
  expect(legacyInfo).toMatch(/pbeWithSHA1And40BitRC2-CBC|pbeWithSHA1And3-KeyTripleDES-CBC/);
  expect(legacyInfo).toContain("MAC: sha1");

  await page.goto(`/certificates/${certificateId}/test`);
  const picker = page.getByTestId("p12-picker");
  await expect(picker).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Wrong password: the message, and nothing sent (no test recorded, no test started).
  let serverActions = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) serverActions += 1;
  });
  await picker.getByLabel("PKCS#12 文件（.p12 / .pfx）").setInputFiles(legacy);
  await picker.getByLabel("PKCS#12 文件密码").fill("not the password");
  await page.getByRole("button", { name: "开始测试" }).click();
  await expect(page.getByTestId("p12-error")).toHaveText("PKCS#12 文件密码不正确，文件未能解密。未向服务器发送任何内容。");
  expect(serverActions).toBe(0);
  await expect(page.getByTestId("test-CERTIFICATE")).toHaveAttribute("data-state", "idle");
  await picker.getByLabel("PKCS#12 文件（.p12 / .pfx）").setInputFiles(modern);
  await picker.getByLabel("PKCS#12 文件密码").fill("modern pass 2");
  await page.getByRole("button", { name: "开始测试" }).click();
  await expect(page.getByTestId("p12-error")).toHaveText("PKCS#12 文件密码不正确，文件未能解密。未向服务器发送任何内容。");
  expect(serverActions).toBe(0);
  await expect(page.getByTestId("test-INFO_LOADING")).toHaveAttribute("data-state", "idle");

  for (const [file, password, reader] of [
    [legacy, "legacy pass 2", "forge-legacy"],
    [modern, "modern pass 1", "webcrypto"],
  ] as const) {
    await page.reload();
    await picker.getByLabel("PKCS#12 文件（.p12 / .pfx）").setInputFiles(file);
    await picker.getByLabel("PKCS#12 文件密码").fill(password);
    await page.getByRole("button", { name: "开始测试" }).click();
    await expect(page.getByTestId("test-INFO_LOADING")).toHaveAttribute("data-state", "pass");
    await expect(page.getByTestId("test-CERTIFICATE")).toHaveAttribute("data-state", "pass", { timeout: 20_000 });
    await expect(page.getByTestId("test-CERTIFICATE")).toContainText("私钥来自所选的 PKCS#12 文件。");
    // Modern files are opened by pkijs on WebCrypto; only the legacy one needs node-forge.
    await expect(picker).toHaveAttribute("data-reader", reader);
  }
  await page.screenshot({ path: test.info().outputPath("test-page-p12.png"), fullPage: true });

  // A PKCS#12 of a different key does not pass: the server, not the page, decides.
  const other = path.join(dir, "other.pem");
  execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", other]);
  const otherCert = path.join(dir, "other-cert.pem");
  execFileSync("openssl", ["req", "-new", "-x509", "-key", other, "-subj", "/CN=other", "-days", "1", "-out", otherCert]);
  const wrongKey = path.join(dir, "wrong-key.p12");
  execFileSync("openssl", ["pkcs12", "-export", "-inkey", other, "-in", otherCert, "-out", wrongKey, "-passout", "pass:x"]);
  await page.reload();
  await picker.getByLabel("PKCS#12 文件（.p12 / .pfx）").setInputFiles(wrongKey);
  await picker.getByLabel("PKCS#12 文件密码").fill("x");
  await page.getByRole("button", { name: "开始测试" }).click();
  await expect(page.getByTestId("test-CERTIFICATE")).toHaveAttribute("data-state", "fail", { timeout: 20_000 });
  await expect(page.getByTestId("test-CERTIFICATE")).toContainText("签名与证书公钥不匹配。");
  expect(readFileSync(leaf, "utf8")).toContain("BEGIN CERTIFICATE");
});

test("seal test: the organisation's seal image on the server's sample PDF, signed in the browser as PAdES B-T with the certificate's key and our TSA, verified by the server and by pdfsig; a placeholder seal does not pass", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-seal-"));
  // One OpenSSL key per certificate (the CA certifies a key for one subscriber only), each also
  // as a PKCS#12 holding only the key.
  const keyAndP12 = (name: string) => {
    const key = path.join(dir, `${name}.pem`);
    execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key]);
    const csrPem = execFileSync("openssl", ["req", "-new", "-key", key, "-subj", "/CN=seal-user"], { encoding: "utf8" });
    const p12 = path.join(dir, `${name}.p12`);
    execFileSync("openssl", ["pkcs12", "-export", "-nocerts", "-inkey", key, "-out", p12, "-passout", "pass:seal pass"]);
    return { csrPem, p12 };
  };
  const email = await signUp(page, "seal");
  const seed = async (csrPem: string, sealImageBase64?: string) => {
    const r = await page.request.post("/api/test/test-page/seal", { data: { subscriberEmail: email, officerEmail: demoAccount("RA_OFFICER").email, csrPem, sealImageBase64 } });
    expect(r.status(), await r.text()).toBe(200);
    return ((await r.json()) as { certificateId: string }).certificateId;
  };
  const first = keyAndP12("with-seal");
  const second = keyAndP12("without-seal");
  const withSeal = await seed(first.csrPem, png().toString("base64"));
  const withoutSeal = await seed(second.csrPem);

  await page.goto(`/certificates/${withSeal}/test`);
  const sample = page.getByTestId("seal-sample");
  await expect(sample).toHaveAttribute("data-seal-source", "application");
  await expect(sample.getByRole("img", { name: "本单位印章图片" })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId("p12-picker").getByLabel("PKCS#12 文件（.p12 / .pfx）").setInputFiles(first.p12);
  await page.getByTestId("p12-picker").getByLabel("PKCS#12 文件密码").fill("seal pass");
  await page.getByRole("button", { name: "开始测试" }).click();
  await expect(page.getByTestId("test-CERTIFICATE")).toHaveAttribute("data-state", "pass", { timeout: 20_000 });
  await expect(page.getByTestId("test-SEAL")).toHaveAttribute("data-state", "pass", { timeout: 20_000 });
  await expect(page.getByTestId("test-SEAL")).toContainText("服务器已用证书验证样本文件的签名，且印章图片与申请中的印章一致。");
  await page.screenshot({ path: test.info().outputPath("seal-test-pass.png"), fullPage: true });
  // The signed sample PDF the server accepted (PAdES B-T, signed in this browser) can be downloaded,
  // and poppler's pdfsig finds its one signature valid over the whole file. The certificate line is
  // not asserted here: NSS does not know the seal profile's documentSigning usage (the integration
  // test tests/integration/certificate/seal-test.test.ts says so and shows the trust path).
  const downloading = page.waitForEvent("download");
  await page.getByTestId("seal-pdf-download").click();
  const signedPdf = path.join(dir, "signed-seal.pdf");
  await (await downloading).saveAs(signedPdf);
  expect(readFileSync(signedPdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const judged = spawnSync("pdfsig", ["-nocert", signedPdf], { encoding: "utf8" });
  expect(judged.stdout).toContain("Signature Type: ETSI.CAdES.detached");
  expect(judged.stdout).toContain("Signature Validation: Signature is Valid.");
  expect(judged.stdout).toContain("Total document signed");
  expect(spawnSync("pdfimages", ["-list", signedPdf], { encoding: "utf8" }).stdout).toMatch(/^\s+1\s+0\s+image\s/m);

  await page.goto(`/certificates/${withoutSeal}/test`);
  await expect(sample).toHaveAttribute("data-seal-source", "placeholder");
  await expect(sample).toContainText("占位印章（申请中未上传印章图片）");
  await page.getByTestId("p12-picker").getByLabel("PKCS#12 文件（.p12 / .pfx）").setInputFiles(second.p12);
  await page.getByTestId("p12-picker").getByLabel("PKCS#12 文件密码").fill("seal pass");
  await page.getByRole("button", { name: "开始测试" }).click();
  await expect(page.getByTestId("test-CERTIFICATE")).toHaveAttribute("data-state", "pass", { timeout: 20_000 });
  await expect(page.getByTestId("test-SEAL")).toHaveAttribute("data-state", "fail", { timeout: 20_000 });
  await expect(page.getByTestId("test-SEAL")).toContainText("申请中没有印章图片：签名已验证，但印章未能绑定。");
});
