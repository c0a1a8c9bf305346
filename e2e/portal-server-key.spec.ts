import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { pageAs } from "./console-helpers";
import { waitForMail } from "./support/mailbox";
import { fillIndividualApplicationToKeyStep, seriousA11yViolations, signUp, verifyWithPublishedChain } from "./support/portal-journeys";

// Issue 6, server-side key generation (clause 1.3, on request only): the wizard's default type is a
// signing certificate; the key step's third option asks the server to make the key; an RA officer
// approves (and issues nothing: there is no CSR); the subscriber sets the PKCS#12 password on the
// application page (checked as typed), the server makes the key and the certificate; the PKCS#12 is
// downloaded once (openssl opens it and verifies its certificate against the published chain), a
// second download is refused and the page says the server's copy is gone; the application links to
// the certificate; the explicit acceptance is shown from the database after every reload.

const P12_PASSWORD = "Server-Key 2026!";

async function fitsPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  // On failure, names the elements whose content sticks out of their box.
  const { width, wide } = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && getComputedStyle(el).overflowX === "visible")
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? "").slice(0, 40)}`),
  }));
  expect(width, wide.join(" | ")).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a subscriber applies with a server-generated key, sets the PKCS#12 password after approval, downloads the file once", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const email = await signUp(page, "serverkey");

  // The wizard opens on a signing certificate, not an encryption one.
  await page.goto("/apply");
  // The first step asks for whom first (oneself by default), then the type.
  await expect(page.getByRole("radio", { name: /为我本人申请/ })).toBeChecked();
  const firstProfile = page.getByRole("group", { name: "请选择要申请的证书类型：" }).getByRole("radio").first();
  await expect(firstProfile).toBeChecked();
  await expect(firstProfile).toHaveAccessibleName(/个人签名证书/);
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.locator("#idType option:checked")).toHaveText("居民身份证");
  await fillIndividualApplicationToKeyStep(page, "王五");

  // The key step: three ways, the server one explained (it holds the key until the first download).
  await expect(page.getByTestId("wizard-steps").locator("[aria-current=step]")).toHaveText("7. 密钥");
  await expect(page.getByRole("radio")).toHaveCount(3);
  const serverOption = page.getByRole("radio", { name: /由服务器生成/ });
  await expect(serverOption).toHaveAccessibleName(/首次下载时删除/);
  await serverOption.check();
  await page.getByRole("button", { name: "使用服务器生成密钥" }).click();
  await expect(page.getByTestId("server-key-chosen")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await fitsPhone(page);
  await page.screenshot({ path: test.info().outputPath("wizard-server-key.png"), fullPage: true });
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByTestId("key-mode-summary")).toHaveAttribute("data-mode", "server");
  await page.getByRole("button", { name: "提交申请" }).click();
  await page.getByRole("link", { name: "查看申请状态" }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  const applicationUrl = page.url();
  const applicationId = /\/applications\/([0-9a-f-]+)/.exec(applicationUrl)![1]!;
  await expect(page.getByTestId("key-generation")).toHaveAttribute("data-status", "SERVER_PKCS12");
  await expect(page.getByTestId("server-key-later")).toBeVisible();
  await expect(page.getByTestId("server-key-form")).toHaveCount(0);

  // The officer approves; there is nothing to issue from (no CSR), so no certificate yet.
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/applications/${applicationId}`);
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "SUBMITTED");
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  // No issue button (it would fail: the server makes the key once the subscriber sets the password).
  await expect(officer.getByRole("button", { name: "签发证书" })).toHaveCount(0);
  await expect(officer.getByTestId("server-key-issue")).toContainText("订户在其申请页面设置 PKCS#12 文件密码后");
  await officer.context().close();

  // The dashboard: the application's status in words, the approval mail by its subject.
  await page.goto("/dashboard");
  await expect(page.getByTestId("my-applications").locator(`[data-status=APPROVED]`)).toHaveText("已批准");
  await expect(page.getByTestId("my-notification").filter({ hasText: "您的证书申请已通过审核" })).toHaveAttribute("data-template", "application.approved-server-key");
  await expect(page.getByTestId("my-notifications")).not.toContainText("application.approved");
  // The approval mail tells what to do next: set the PKCS#12 password on the application page.
  const approval = await waitForMail({ to: email, subjectIncludes: "已通过审核" });
  expect(approval.text).toContain("请在申请页面设置 PKCS#12 文件密码");
  expect(approval.text).toContain(`/applications/${applicationId}`);
  await expect(page.getByTestId("server-key-action")).toBeVisible();

  // The password form (reached from the dashboard's to-do link), checked as typed.
  await page.getByTestId("server-key-action").click();
  await page.waitForURL(new RegExp(`/applications/${applicationId}#server-key$`));
  await expect(page.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  const form = page.getByTestId("server-key-form");
  await expect(form).toBeVisible();
  const submit = form.getByRole("button", { name: "生成密钥并签发证书" });
  await form.getByLabel("PKCS#12 文件密码").fill("short1A!");
  await expect(page.getByTestId("pkcs12-password-check")).toHaveText("密码太短：至少 12 个字符。");
  await form.getByLabel("PKCS#12 文件密码").fill("alllowercaseletters");
  await expect(page.getByTestId("pkcs12-password-check")).toHaveText("请至少包含大写字母、小写字母、数字、符号中的三类。");
  await form.getByLabel("PKCS#12 文件密码").fill(P12_PASSWORD);
  await expect(page.getByTestId("pkcs12-password-check")).toHaveText("密码符合要求。");
  await form.getByLabel("再次输入密码").fill(`${P12_PASSWORD}x`);
  await expect(page.getByTestId("pkcs12-repeat-check")).toHaveText("两次输入的密码不一致。");
  await expect(submit).toBeDisabled();
  await form.getByLabel("再次输入密码").fill(P12_PASSWORD);
  await expect(page.getByTestId("pkcs12-repeat-check")).toHaveText("");
  await form.getByLabel("密钥算法").selectOption("EC-P256");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await fitsPhone(page);
  await page.screenshot({ path: test.info().outputPath("application-server-key.png"), fullPage: true });
  await submit.click();
  await page.waitForURL(/\/certificates\/[0-9a-f-]+$/);
  const certificateUrl = page.url();
  const certificateId = /\/certificates\/([0-9a-f-]+)/.exec(certificateUrl)![1]!;
  await expect(page.getByTestId("certificate-key-generation")).toHaveAttribute("data-key-generation", "SERVER_PKCS12");

  // The one-time PKCS#12, with no second agreement screen: the wizard's acceptance covers downloads (issue 15).
  await expect(page.getByTestId("agreement-gate")).toHaveCount(0);
  await expect(page.getByTestId("server-p12")).toContainText("只能下载一次");
  expect(await seriousA11yViolations(page)).toEqual([]);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-server-key-"));
  const p12Path = path.join(dir, "server.p12");
  const download = page.waitForEvent("download");
  await page.getByTestId("download-p12").click();
  await (await download).saveAs(p12Path);

  // openssl opens it with the password: the certificate (with its chain) and the private key.
  const certs = execFileSync("openssl", ["pkcs12", "-in", p12Path, "-passin", `pass:${P12_PASSWORD}`, "-nokeys"], { encoding: "utf8" });
  expect(certs.match(/BEGIN CERTIFICATE/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  const leafPem = execFileSync("openssl", ["pkcs12", "-in", p12Path, "-passin", `pass:${P12_PASSWORD}`, "-nokeys", "-clcerts"], { encoding: "utf8" });
  const key = execFileSync("openssl", ["pkcs12", "-in", p12Path, "-passin", `pass:${P12_PASSWORD}`, "-nocerts", "-nodes"], { encoding: "utf8" });
  expect(key).toContain("BEGIN PRIVATE KEY");
  const leafPath = path.join(dir, "leaf.pem");
  writeFileSync(leafPath, leafPem.slice(leafPem.indexOf("-----BEGIN CERTIFICATE-----")));
  // The key in the file is the certificate's: same public key.
  const pubOfKey = execFileSync("openssl", ["pkey", "-pubout"], { input: key, encoding: "utf8" });
  const pubOfCert = execFileSync("openssl", ["x509", "-in", leafPath, "-noout", "-pubkey"], { encoding: "utf8" });
  expect(pubOfKey.trim()).toBe(pubOfCert.trim());
  // A wrong password does not open it.
  expect(() => execFileSync("openssl", ["pkcs12", "-in", p12Path, "-passin", "pass:wrong password", "-nokeys"], { stdio: "pipe" })).toThrow();

  // The server's copy is gone: the page says so, and a second download is refused.
  await page.goto(certificateUrl);
  await expect(page.getByTestId("pkcs12-gone")).toBeVisible();
  await expect(page.getByTestId("download-p12")).toHaveCount(0);
  await expect(page.getByTestId("certificate-status")).toHaveAttribute("data-status", "IN_TEST_WINDOW");
  const again = await page.request.post(`/certificates/${certificateId}/download`, { form: { format: "p12" } });
  expect(again.status()).toBe(410);
  expect(await again.text()).toContain("不能再次下载");
  // A certificate-only download still works and leaves nothing to erase.
  const pem = await page.request.post(`/certificates/${certificateId}/download`, { form: { format: "pem" } });
  expect(pem.status()).toBe(200);
  expect(await pem.text()).toContain("BEGIN CERTIFICATE");
  await page.screenshot({ path: test.info().outputPath("certificate-p12-gone.png"), fullPage: true });

  // The dashboard counts down to the end of the test window, named as such.
  await page.goto("/dashboard");
  await expect(page.getByTestId("server-key-action")).toHaveCount(0);
  await expect(page.getByTestId("next-deadline")).toHaveAttribute("data-kind", "testWindow");
  await expect(page.getByTestId("next-deadline")).toContainText("测试期截止");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await fitsPhone(page);

  // openssl verifies the certificate from the file against the CA certificates published in the repository.
  expect(await verifyWithPublishedChain(page, dir, leafPath)).toContain("leaf.pem: OK");

  // The application now links to its certificate.
  await page.goto(applicationUrl);
  await expect(page.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  await expect(page.getByTestId("server-key-form")).toHaveCount(0);
  await page.getByTestId("application-certificate").click();
  await page.waitForURL(certificateUrl);

  // Explicit acceptance, shown from the database on every visit, with the time in Beijing time.
  await page.getByTestId("accept-form").getByRole("button", { name: "接受证书" }).click();
  await expect(page.getByTestId("acceptance-record")).toHaveAttribute("data-kind", "EXPLICIT");
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await expect(page.getByTestId("acceptance-record")).toContainText("明示接受此证书");
    await expect(page.getByTestId("acceptance-record")).toContainText("北京时间");
    await expect(page.getByTestId("accepted-at")).toHaveAttribute("data-kind", "EXPLICIT");
  }

  // The same pages in English, on a phone.
  await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByTestId("acceptance-record")).toContainText("You explicitly accepted this certificate on");
  await expect(page.getByTestId("pkcs12-gone")).toContainText("erased at the first download");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await fitsPhone(page);
  await page.goto(applicationUrl);
  await expect(page.getByTestId("application-status")).toHaveText("Issued");
  await expect(page.getByTestId("key-generation")).toContainText("Key generated by the server");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await fitsPhone(page);
  await page.screenshot({ path: test.info().outputPath("application-en.png"), fullPage: true });
  await page.goto("/dashboard");
  await expect(page.getByTestId("my-notifications")).toContainText("[Certificate Portal] Your certificate application was approved");
  await expect(page.getByTestId("my-applications").locator("[data-status=ISSUED]")).toHaveText("Issued");
  await expect(page.getByTestId("next-deadline")).toHaveAttribute("data-kind", "expiry");
  await expect(page.getByTestId("next-deadline")).toContainText("Expires");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await fitsPhone(page);
  await page.screenshot({ path: test.info().outputPath("dashboard-en.png"), fullPage: true });
});
