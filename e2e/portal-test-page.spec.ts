import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoAccount, pageAs } from "./console-helpers";
import { waitForMail } from "./support/mailbox";

// Issue 6, the certificate test (clause 1.8 test 2) with the private key taken from a PKCS#12 file
// the subscriber picks, decrypted in the browser: a modern (openssl 3 default, PBES2/AES) and a
// legacy (3DES / RC2-40, SHA-1 MAC) file made with the openssl CLI from an OpenSSL key whose
// certificate was issued through the portal; a wrong password stops the test with a message.
// The subscriber helpers below repeat those of portal-lifecycle.spec.ts (a spec cannot import
// another spec without running its tests).

async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function png(): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.from([0, 9, 9, 9]))), chunk("IEND", Buffer.alloc(0))]);
}

/** A new subscriber, signed up, verified and signed in; returns the e-mail address. */
async function signUp(page: Page, tag: string): Promise<string> {
  const email = `${tag}-${Date.now()}@example.com`;
  const password = "a long passphrase 2026";
  await page.goto("/sign-up");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入密码").fill(password);
  await page.getByRole("main").getByRole("button", { name: "注册" }).click();
  await expect(page.getByTestId("sign-up-done")).toBeVisible();
  const mail = await waitForMail({ to: email, subjectIncludes: "验证" });
  await page.goto(mail.links.find((l) => l.includes("/verify-email?token="))!);
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
  return email;
}

/** A new subscriber with an issued, downloaded certificate; returns its id and its PEM. */
async function subscriberWithCertificate(page: Page, browser: Browser, tag: string, csrPem?: string): Promise<{ certificateId: string; leafPem: string }> {
  await signUp(page, tag);
  await page.goto("/apply");
  await page.getByRole("radio", { name: /个人签名证书/ }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByLabel("姓名（与证件一致）").fill("李四");
  await page.getByLabel("证件号码").fill("11010519491231002X");
  await page.getByLabel("项目/系统/平台名称").fill("电子合同平台");
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByTestId("agreement-end").scrollIntoViewIfNeeded();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "接受协议并继续" }).click();
  await page.getByLabel("证件正面（人像面）").setInputFiles({ name: "front.png", mimeType: "image/png", buffer: png() });
  await page.getByLabel("证件背面（国徽面）").setInputFiles({ name: "back.png", mimeType: "image/png", buffer: png() });
  await expect(page.getByTestId("upload-ID_BACK")).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("upload-ID_FRONT")).toHaveAttribute("data-state", "done");
  await page.getByRole("button", { name: "下一步" }).click();
  for (const box of await page.getByRole("checkbox").all()) await box.check();
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "下一步" }).click();
  if (csrPem) {
    await page.getByRole("radio", { name: /上传证书请求/ }).check();
    await page.getByLabel("证书请求（PEM 格式）").fill(csrPem);
    await page.getByRole("button", { name: "发送证书请求" }).click();
    await expect(page.getByText("密钥已就绪，证书请求已发送。")).toBeVisible();
  } else {
    await page.getByRole("button", { name: "生成密钥" }).click();
    await expect(page.getByTestId("key-progress")).toHaveText("密钥已就绪，证书请求已发送。");
  }
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("button", { name: "提交申请" }).click();
  await page.getByRole("link", { name: "查看申请状态" }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  const applicationId = /\/applications\/([0-9a-f-]+)/.exec(page.url())![1]!;

  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/applications/${applicationId}`);
  if (await officer.getByLabel("流水号或收据号").count()) {
    await officer.getByLabel("流水号或收据号").fill(`POS-${tag}`);
    await officer.getByRole("button", { name: "登记付款" }).click();
    await expect(officer.locator('[data-alert="success"]')).toBeVisible();
  }
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveText("APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveText("ISSUED");
  await officer.context().close();

  await page.goto("/dashboard");
  await page.getByTestId("my-certificate").getByRole("link").first().click();
  await page.waitForURL(/\/certificates\/[0-9a-f-]+$/);
  const certificateId = /\/certificates\/([0-9a-f-]+)/.exec(page.url())![1]!;
  const gate = page.getByTestId("agreement-gate");
  await gate.getByTestId("agreement-end").scrollIntoViewIfNeeded();
  await gate.getByRole("checkbox").check();
  await gate.getByRole("button", { name: "接受协议" }).click();
  const download = page.waitForEvent("download");
  await page.getByTestId("download-pem").click();
  const leafPem = readFileSync((await (await download).path())!, "utf8");
  await page.reload();
  await expect(page.getByTestId("certificate-status")).toHaveText("测试期内");
  return { certificateId, leafPem };
}

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

test("seal test: the organisation's seal image on a sample document, signed with the certificate's key, verified with its seal binding; a placeholder seal does not pass", async ({ page }) => {
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
