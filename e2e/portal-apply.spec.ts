import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/page-scan";
import { pageAs } from "./console-helpers";
import { waitForMail } from "./support/mailbox";
import { png, seriousA11yViolations, verifyWithPublishedChain } from "./support/portal-journeys";

// Issue 6, journey 1: sign up, verify, accept the agreement in the wizard, identity checked as typed,
// documents (a wrong type refused), declarations, fee, the key made in the browser (kept in
// IndexedDB, only the CSR sent), submitted; an RA officer (second browser context, the console's
// pages) records the payment, approves and issues; the subscriber downloads the chain, which
// openssl verifies against the CA certificates published in the repository; the three tests run
// (the certificate test signs the server's challenge with the browser key); the certificate is accepted.

test("journey 1: a new subscriber applies with a browser key, an officer issues, openssl verifies the download, the tests pass, the certificate is accepted", async ({ page, browser }) => {
  const email = `applicant-${Date.now()}@example.com`;
  const password = "a long passphrase 2026";

  await page.goto("/sign-up");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入密码").fill(password);
  await page.getByRole("main").getByRole("button", { name: "注册" }).click();
  await expect(page.getByTestId("sign-up-done")).toContainText(email);
  const mail = await waitForMail({ to: email, subjectIncludes: "验证" });
  await page.goto(mail.links.find((l) => l.includes("/verify-email?token="))!);
  await expect(page.getByTestId("verify-ok")).toBeVisible();
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);

  await page.getByRole("link", { name: "申请证书" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "申请证书" })).toBeVisible();
  const steps = page.getByTestId("wizard-steps");
  await expect(steps.locator("[aria-current=step]")).toHaveText("1. 证书类型");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole("radio", { name: /^个人签名证书 / }).check();
  await page.getByRole("button", { name: "下一步" }).click();

  // Identity, checked as typed.
  await expect(steps.locator("[aria-current=step]")).toHaveText("2. 身份信息");
  await page.getByLabel("姓名（与证件一致）").fill("张三");
  await page.getByLabel("证件号码").fill("110105194912310021");
  await expect(page.getByTestId("id-check")).toHaveText("校验位不正确，请核对号码。");
  await page.getByLabel("证件号码").fill("11010519491231002X");
  await expect(page.getByTestId("id-check")).toHaveText("号码格式与校验位正确。");
  // A private person is not asked where the certificate is used (issue 15): only an organisation names its project.
  await expect(page.getByLabel("项目/系统/平台名称")).toHaveCount(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("wizard-identity.png"), fullPage: true });
  await page.getByRole("button", { name: "下一步" }).click();

  // The agreement in full; acceptance only after its end was shown.
  await expect(steps.locator("[aria-current=step]")).toHaveText("3. 订户协议");
  // Other journeys in the same run may have published a later version: any version number.
  const readBox = page.getByRole("checkbox", { name: /我已阅读并理解第 \d+ 版订户协议/ });
  await expect(page.getByTestId("agreement-scroll").locator("[data-limits-liability=true]").first()).toBeVisible();
  await page.getByTestId("agreement-end").scrollIntoViewIfNeeded();
  await expect(readBox).toBeEnabled();
  await readBox.check();
  await page.getByRole("button", { name: "接受协议并继续" }).click();

  // Documents: a text file is refused by type, the PNG scans go up with progress and preview.
  await expect(steps.locator("[aria-current=step]")).toHaveText("4. 证明文件");
  await page.getByLabel("身份证件正面").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") });
  await expect(page.getByTestId("upload-ID_FRONT").getByRole("alert")).toHaveText("只接受 JPEG、PNG 或 PDF 文件。");
  await page.getByLabel("身份证件正面").setInputFiles({ name: "front.png", mimeType: "image/png", buffer: png() });
  await page.getByLabel("身份证件背面").setInputFiles({ name: "back.png", mimeType: "image/png", buffer: png() });
  await expect(page.getByTestId("upload-ID_FRONT")).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("upload-ID_BACK")).toHaveAttribute("data-state", "done");
  await expect(page.getByRole("img", { name: "front.png 预览" })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("wizard-documents.png"), fullPage: true });
  await page.getByRole("button", { name: "下一步" }).click();

  // Declarations, each one on its own.
  await expect(steps.locator("[aria-current=step]")).toHaveText("5. 声明");
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.locator('[data-alert="error"]')).toHaveText("还有 4 项声明没有确认，已用红色标出。");
  for (const box of await page.getByRole("checkbox").all()) await box.check();
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(steps.locator("[aria-current=step]")).toHaveText("6. 费用");
  await expect(page.getByTestId("fee")).toContainText("¥");
  await page.getByRole("checkbox", { name: "我已了解费用及付款方式。" }).check();
  await page.getByRole("button", { name: "下一步" }).click();

  // The key: made here, kept here.
  await expect(steps.locator("[aria-current=step]")).toHaveText("7. 密钥");
  await page.getByRole("button", { name: "生成密钥" }).click();
  await expect(page.getByTestId("key-progress")).toHaveText("密钥已就绪，证书请求已发送。");
  const stored = await page.evaluate(
    () =>
      new Promise<{ count: number; type: string; algorithm: string }>((resolve, reject) => {
        const req = indexedDB.open("portal-keys");
        req.onerror = () => reject(new Error("no db"));
        req.onsuccess = () => {
          const all = req.result.transaction("keys").objectStore("keys").getAll();
          all.onsuccess = () => {
            const rows = all.result as { privateKey: CryptoKey; algorithm: string }[];
            resolve({ count: rows.length, type: rows[0]?.privateKey.type ?? "", algorithm: rows[0]?.algorithm ?? "" });
          };
        };
      }),
  );
  expect(stored).toEqual({ count: 1, type: "private", algorithm: "EC-P256" });
  await page.screenshot({ path: test.info().outputPath("wizard-key.png"), fullPage: true });
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(steps.locator("[aria-current=step]")).toHaveText("8. 提交");
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByTestId("application-submitted")).toBeVisible();
  await page.getByRole("link", { name: "查看申请状态" }).click();
  await expect(page.getByTestId("application-status")).toHaveText("已提交");
  await expect(page.getByText("front.png")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("application-status.png"), fullPage: true });

  await page.goto("/dashboard");
  await expect(page.getByTestId("my-applications")).toContainText("已提交");
  const applicationId = /\/applications\/([0-9a-f-]+)/.exec((await page.getByTestId("my-applications").getByRole("link").first().getAttribute("href"))!)![1]!;

  // The RA officer, in a second browser context, through the console's review page.
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/applications/${applicationId}`);
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "SUBMITTED");
  if (await officer.getByLabel("流水号或收据号").count()) {
    await officer.getByLabel("流水号或收据号").fill("POS-2026-0001");
    await officer.getByRole("button", { name: "登记付款" }).click();
    await expect(officer.locator('[data-alert="success"]')).toContainText("已登记付款");
  }
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  await officer.context().close();

  // The subscriber finds the certificate on the dashboard and downloads the chain.
  await page.goto("/dashboard");
  await expect(page.getByTestId("certificate-status")).toHaveText("待交付");
  await page.getByTestId("my-certificate").getByRole("link").first().click();
  await expect(page.getByTestId("certificate-status")).toHaveText("待交付");
  expect(await seriousA11yViolations(page)).toEqual([]);
  // One acceptance rule (issue 15): the version accepted in the wizard covers the download too.
  await expect(page.getByTestId("download-chain")).toBeVisible();
  await expect(page.getByTestId("agreement-gate")).toHaveCount(0);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-journey1-"));
  const download = page.waitForEvent("download");
  await page.getByTestId("download-chain").click();
  const chainPath = path.join(dir, "chain.pem");
  await (await download).saveAs(chainPath);
  const chainPem = readFileSync(chainPath, "utf8");
  const leaf = chainPem.slice(0, chainPem.indexOf("-----END CERTIFICATE-----") + 25) + "\n";
  writeFileSync(path.join(dir, "leaf.pem"), leaf);

  // openssl checks the downloaded certificate against the chain published in the repository.
  const verified = await verifyWithPublishedChain(page, dir, path.join(dir, "leaf.pem"));
  expect(verified).toContain("leaf.pem: OK");

  // The first download was the receipt: the test window runs.
  await page.goBack();
  await page.reload();
  await expect(page.getByTestId("certificate-status")).toHaveText("测试期内");
  await expect(page.getByTestId("test-deadline")).toContainText("北京时间");
  await page.screenshot({ path: test.info().outputPath("certificate.png"), fullPage: true });

  // The browser key, with the certificate and chain, saved as a password-protected PKCS#12 that openssl opens.
  const p12Form = page.getByTestId("pkcs12-save");
  await p12Form.getByLabel("文件密码").fill("Correct-Horse 2026");
  await p12Form.getByLabel("再次输入密码").fill("Correct-Horse 2026");
  const p12Download = page.waitForEvent("download");
  await p12Form.getByRole("button", { name: "生成并下载 PKCS#12" }).click();
  const p12Path = path.join(dir, "browser.p12");
  await (await p12Download).saveAs(p12Path);
  const p12Certs = execFileSync("openssl", ["pkcs12", "-in", p12Path, "-passin", "pass:Correct-Horse 2026", "-nokeys"], { encoding: "utf8" });
  expect(p12Certs).toContain(leaf.split("\n")[1]!);
  const p12Key = execFileSync("openssl", ["pkcs12", "-in", p12Path, "-passin", "pass:Correct-Horse 2026", "-nocerts", "-nodes"], { encoding: "utf8" });
  expect(p12Key).toContain("BEGIN PRIVATE KEY");

  // The three tests.
  await page.getByRole("link", { name: "进行测试" }).click();
  await page.getByRole("button", { name: "开始测试" }).click();
  await expect(page.getByTestId("test-INFO_LOADING")).toHaveAttribute("data-state", "pass");
  await expect(page.getByTestId("test-CERTIFICATE")).toHaveAttribute("data-state", "pass");
  await expect(page.getByTestId("test-CERTIFICATE")).toContainText("服务器已用证书公钥验证挑战签名");
  await expect(page.getByTestId("test-SEAL")).toHaveAttribute("data-state", "na");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("tests-passed.png"), fullPage: true });

  // Accepted.
  await page.getByRole("link", { name: "返回证书详情" }).click();
  await page.getByTestId("accept-form").getByRole("button", { name: "接受证书" }).click();
  // The page re-renders with the recorded acceptance (the accept and objection forms are gone).
  await expect(page.getByTestId("certificate-status")).toHaveText("已接受");
  await expect(page.getByTestId("accept-form")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("certificate-status")).toHaveText("已接受");
  await expect(page.getByTestId("accepted-at")).toHaveAttribute("data-kind", "EXPLICIT");
  await page.screenshot({ path: test.info().outputPath("accepted.png"), fullPage: true });
});
