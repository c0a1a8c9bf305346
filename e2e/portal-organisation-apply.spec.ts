import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { switchLanguage } from "./console-case-helpers";
import { demoAccount, pageAs } from "./console-helpers";
import { freshUscc, onePagePdf } from "./support/organisation-documents";
import { png, seriousA11yViolations, signUp, verifyWithPublishedChain } from "./support/portal-journeys";

// Issue 6 for an organisation: a new subscriber registers an organisation (and so is its
// administrator), then applies through the same wizard for the organisation's seal certificate:
// the organisation chosen on the first step, its documents named up front, the seal name checked
// as typed, the agreement accepted on the organisation's behalf, a business licence (PDF) and the
// seal's real PNG image uploaded, the key made in the browser. An RA officer records the fee,
// approves and issues; the subscriber downloads the certificate (openssl verifies it against the
// published chain), runs the three tests (the seal test stamps the organisation's own seal image)
// and accepts it.

/** axe finds nothing serious, and the page does not scroll sideways on a 390 px phone. */
async function checkStep(page: Page, name: string) {
  expect(await seriousA11yViolations(page), name).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: test.info().outputPath(`${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(wide, `${name} at 390 px`).toBeLessThanOrEqual(390);
}

test("an organisation's seal certificate through the wizard: registered, applied for on its behalf, issued, verified, tested with its own seal image, accepted", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signUp(page, "org-seal");

  // Before any organisation: the wizard explains and points to the organisations page.
  await page.goto("/apply");
  await page.getByRole("radio", { name: /为机构申请/ }).check();
  await expect(page.getByTestId("no-organisation")).toContainText("您目前不能为任何机构申请证书。");
  await expect(page.getByRole("radio", { name: /^机构电子印章证书 / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "下一步" })).toBeDisabled();
  await checkStep(page, "0-no-organisation");
  await page.getByTestId("no-organisation").getByRole("link", { name: "前往“机构与经办人”" }).click();
  await page.waitForURL(/\/organisations$/);

  // Register the organisation; the registrant is its administrator.
  const orgName = `印章测试科技有限公司${Date.now().toString(36)}`;
  const uscc = freshUscc("91440300");
  await page.getByLabel("统一社会信用代码").fill(uscc);
  await expect(page.getByTestId("uscc-check")).toHaveAttribute("data-ok", "true");
  await page.getByLabel("机构名称").fill(orgName);
  await page.getByLabel("法定代表人").fill("王法人");
  await page.getByRole("button", { name: "登记机构" }).click();
  await page.waitForURL(/\/organisations\/[0-9a-f-]+\?ok=registered$/);

  // Step 1: for the organisation, its profiles with the documents named up front.
  await page.goto("/apply");
  const steps = page.getByTestId("wizard-steps");
  await expect(steps.locator("[aria-current=step]")).toHaveText("1. 证书类型");
  await expect(page.getByRole("radio", { name: /为我本人申请/ })).toBeChecked();
  await page.getByRole("radio", { name: /为机构申请/ }).check();
  await expect(page.getByLabel("机构", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel("机构", { exact: true }).locator("option:checked")).toHaveText(orgName);
  await expect(page.getByTestId("organisation-facts")).toContainText(uscc);
  await expect(page.getByTestId("organisation-facts")).toHaveAttribute("data-via", "ADMIN");
  // Organisation profiles only, signing before seal (ordered by kind as for individuals).
  const names = await page.locator('input[name="profile"]').evaluateAll((els) => els.map((e) => e.closest("label")?.querySelector(".font-medium")?.textContent ?? ""));
  // International first, then the SM2 (GM/T) seal.
  expect(names).toEqual(["机构签名证书", "机构电子印章证书", "机构电子印章证书（SM2）"]);
  await page.getByRole("radio", { name: /^机构电子印章证书 / }).check();
  await expect(page.getByTestId("documents-up-front-organization-seal")).toHaveText("需上传：营业执照、印章图像");
  await expect(page.getByTestId("documents-up-front-organization-signing")).toHaveText("需上传：营业执照");
  await checkStep(page, "1-for-organisation");
  await page.getByRole("button", { name: "下一步" }).click();

  // Step 2: the organisation's details; the seal name checked as typed.
  await expect(steps.locator("[aria-current=step]")).toHaveText("2. 机构信息");
  await expect(page.getByTestId("organisation-subject")).toContainText(orgName);
  await expect(page.getByTestId("organisation-subject")).toContainText(uscc);
  await expect(page.getByLabel("姓名（与证件一致）")).toHaveCount(0);
  await page.getByLabel("项目/系统/平台名称").fill("电子合同平台");
  await page.getByRole("button", { name: "下一步" }).click();
  // The empty seal name is marked (issue 15): red, aria-invalid, the count in the summary.
  await expect(page.locator('[data-alert="error"]')).toHaveText("有 1 处内容需要更正，已用红色标出。");
  await expect(page.getByLabel("印章名称")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("印章名称").fill("合".repeat(65));
  await expect(page.getByTestId("seal-name-check")).toHaveText("印章名称最多 64 个字符。");
  await expect(page.getByLabel("印章名称")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("印章名称").fill("合同专用章");
  await expect(page.getByTestId("seal-name-check")).toHaveText("印章名称将写入证书。");
  // A seal is used in systems and platforms only (clause 1.5).
  expect(await page.getByLabel("使用范围").locator("option").allTextContents()).toEqual(["系统", "平台"]);
  await checkStep(page, "2-organisation-details");
  await page.getByRole("button", { name: "下一步" }).click();

  // Step 3: the agreement, accepted on the organisation's behalf.
  await expect(steps.locator("[aria-current=step]")).toHaveText("3. 订户协议");
  await expect(page.getByTestId("agreement-behalf")).toContainText(`您将代表“${orgName}”（统一社会信用代码 ${uscc}）接受本协议`);
  const readBox = page.getByRole("checkbox", { name: new RegExp(`并代表“${orgName}”接受`) });
  await page.getByTestId("agreement-end").scrollIntoViewIfNeeded();
  await expect(readBox).toBeEnabled();
  await readBox.check();
  await checkStep(page, "3-agreement-on-behalf");
  await page.getByRole("button", { name: "接受协议并继续" }).click();

  // Step 4: the business licence and the seal image; nothing missing goes on.
  await expect(steps.locator("[aria-current=step]")).toHaveText("4. 证明文件");
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.locator('[data-alert="error"]').first()).toHaveText("请先上传：营业执照、印章图像。");
  await page.getByLabel("营业执照").setInputFiles({ name: "营业执照.pdf", mimeType: "application/pdf", buffer: onePagePdf("Business licence - e2e") });
  await expect(page.getByTestId("upload-BUSINESS_LICENCE")).toHaveAttribute("data-state", "done");
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.locator('[data-alert="error"]').first()).toHaveText("请先上传：印章图像。");
  const sealPng = png();
  await page.getByLabel("印章图像").setInputFiles({ name: "seal.png", mimeType: "image/png", buffer: sealPng });
  await expect(page.getByTestId("upload-SEAL_IMAGE")).toHaveAttribute("data-state", "done");
  await expect(page.getByRole("img", { name: "seal.png 预览" })).toBeVisible();
  await checkStep(page, "4-documents");
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(steps.locator("[aria-current=step]")).toHaveText("5. 声明");
  for (const box of await page.getByRole("checkbox").all()) await box.check();
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(steps.locator("[aria-current=step]")).toHaveText("6. 费用");
  await expect(page.getByTestId("fee")).toHaveText("应付费用：¥300.00");
  await page.getByRole("checkbox", { name: "我已了解费用及付款方式。" }).check();
  await page.getByRole("button", { name: "下一步" }).click();

  // Step 7: the key made here; no server key for a seal.
  await expect(steps.locator("[aria-current=step]")).toHaveText("7. 密钥");
  await expect(page.getByRole("radio", { name: /由服务器生成/ })).toHaveCount(0);
  await page.getByRole("button", { name: "生成密钥" }).click();
  await expect(page.getByTestId("key-progress")).toHaveText("密钥已就绪，证书请求已发送。");
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(steps.locator("[aria-current=step]")).toHaveText("8. 提交");
  await expect(page.getByTestId("summary-for")).toHaveText(`${orgName} · ${uscc}`);
  await expect(page.getByTestId("summary-for")).toHaveAttribute("data-for", "organisation");
  await checkStep(page, "8-submit-summary");
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByTestId("application-submitted")).toBeVisible();
  await page.getByRole("link", { name: "查看申请状态" }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  const applicationId = /\/applications\/([0-9a-f-]+)/.exec(page.url())![1]!;
  await expect(page.getByTestId("application-status")).toHaveText("已提交");
  await expect(page.getByText("营业执照.pdf")).toBeVisible();
  await expect(page.getByText("seal.png")).toBeVisible();

  // The RA officer records the fee, approves and issues.
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/applications/${applicationId}`);
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "SUBMITTED");
  await expect(officer.locator("main")).toContainText(orgName);
  await officer.getByLabel("流水号或收据号").fill(`TRX-${Date.now()}`);
  await officer.getByRole("button", { name: "登记付款" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("已登记付款");
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  await officer.context().close();

  // The subscriber downloads it: the organisation's acceptance in the wizard covers it (one acceptance rule, issue 15).
  await page.reload();
  await page.getByTestId("application-certificate").click();
  await page.waitForURL(/\/certificates\/[0-9a-f-]+$/);
  const certificateId = /\/certificates\/([0-9a-f-]+)/.exec(page.url())![1]!;
  await expect(page.getByTestId("download-pem")).toBeVisible();
  await expect(page.getByTestId("agreement-gate")).toHaveCount(0);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-org-seal-"));
  const download = page.waitForEvent("download");
  await page.getByTestId("download-pem").click();
  const leafPath = path.join(dir, "leaf.pem");
  writeFileSync(leafPath, readFileSync((await (await download).path())!, "utf8"));
  expect(await verifyWithPublishedChain(page, dir, leafPath)).toContain("leaf.pem: OK");
  // The organisation and the typed seal name are what the certificate says.
  const subject = execFileSync("openssl", ["x509", "-in", leafPath, "-noout", "-subject", "-nameopt", "RFC2253,-esc_msb"], { encoding: "utf8" });
  expect(subject).toContain(`O=${orgName}`);
  expect(subject).toContain("CN=合同专用章");

  // The three tests; the seal test stamps the organisation's own seal image.
  await page.goto(`/certificates/${certificateId}/test`);
  const sample = page.getByTestId("seal-sample");
  await expect(sample).toHaveAttribute("data-seal-source", "application");
  await page.getByRole("button", { name: "开始测试" }).click();
  await expect(page.getByTestId("test-INFO_LOADING")).toHaveAttribute("data-state", "pass");
  await expect(page.getByTestId("test-CERTIFICATE")).toHaveAttribute("data-state", "pass", { timeout: 20_000 });
  await expect(page.getByTestId("test-SEAL")).toHaveAttribute("data-state", "pass", { timeout: 20_000 });
  await expect(page.getByTestId("test-SEAL")).toContainText("印章图片与申请中的印章一致");
  await page.screenshot({ path: test.info().outputPath("5-tests-passed.png"), fullPage: true });

  // Accepted.
  await page.goto(`/certificates/${certificateId}`);
  await page.getByTestId("accept-form").getByRole("button", { name: "接受证书" }).click();
  await expect(page.getByTestId("certificate-status")).toHaveText("已接受");
  await page.reload();
  await expect(page.getByTestId("accepted-at")).toHaveAttribute("data-kind", "EXPLICIT");

  // The wizard's first step in English, for the organisation.
  await page.goto("/apply");
  await switchLanguage(page, "English");
  await page.getByRole("radio", { name: /For an organisation/ }).check();
  await expect(page.getByTestId("organisation-facts")).toContainText("You are the organisation's administrator.");
  await page.getByRole("radio", { name: /^Organisation seal \(电子印章\) / }).check();
  await expect(page.getByTestId("documents-up-front-organization-seal")).toHaveText(/^To upload: .+, .+$/);
  await checkStep(page, "6-english-first-step");
  await switchLanguage(page, "中文");
});

test("an agent whose authorisation does not cover applying is told why and pointed to the organisations page", async ({ page }) => {
  test.setTimeout(120_000);
  const email = await signUp(page, "org-renew-agent");
  const name = `续期代办科技有限公司${Date.now().toString(36)}`;
  // An organisation whose RA-checked authorisation lets this agent renew, download and test, not apply.
  const r = await page.request.post("/api/test/portal/seed-organisation", { data: { action: "organisation-certificate", agentEmail: email, officerEmail: demoAccount("RA_OFFICER").email, name } });
  expect(r.status(), await r.text()).toBe(200);
  await page.goto("/apply");
  await page.getByRole("radio", { name: /为机构申请/ }).check();
  const none = page.getByTestId("no-organisation");
  await expect(none).toContainText("您目前不能为任何机构申请证书。");
  await expect(none.getByRole("listitem")).toHaveText([`${name}：您的授权范围不含“申请”。`]);
  await expect(page.getByRole("button", { name: "下一步" })).toBeDisabled();
  expect(await seriousA11yViolations(page)).toEqual([]);
  // Oneself is still possible.
  await page.getByRole("radio", { name: /为我本人申请/ }).check();
  await expect(page.getByRole("radio", { name: /^个人签名证书 / })).toBeChecked();
  await expect(page.getByRole("button", { name: "下一步" })).toBeEnabled();
});
