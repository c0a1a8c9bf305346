import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { pageAs } from "./console-helpers";
import { waitForMail } from "./support/mailbox";
import { fillIndividualApplicationToKeyStep, seriousA11yViolations, signUp } from "./support/portal-journeys";

// Issue 15, item 3: every step a subscriber waits on says so. A Chinese subscriber applies through
// the wizard (no fee) and reads each step's mail and the dashboard's "接下来" line: submitted with
// the review expected in working days, issued with "请下载证书", received with the test deadline.
// An English subscriber's application has a fee: the application page gives the account and the
// reference, the officer is not offered approval until the payment is recorded, and the payment,
// approval, issuance and receipt mails come in English.

/** axe finds nothing serious, and the page does not scroll sideways on a 390 px phone. */
async function checkPage(page: Page, name: string) {
  expect(await seriousA11yViolations(page), name).toEqual([]);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: test.info().outputPath(`${name}-390.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
  expect(wide, `${name} at 390 px`).toBeLessThanOrEqual(390);
}

async function downloadFromDashboard(page: Page) {
  await page.goto("/dashboard");
  const step = page.getByTestId("waiting-steps").locator('[data-step="DOWNLOAD"]');
  await step.getByTestId("next-step-action").click();
  await page.waitForURL(/\/certificates\/[0-9a-f-]+$/);
  const download = page.waitForEvent("download");
  await page.getByTestId("download-pem").click();
  await download;
}

test("waiting steps in Chinese: submitted, issued, received, each mailed and on the dashboard", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = await signUp(page, "waiting-zh");
  await page.goto("/apply");
  await page.getByRole("radio", { name: /^个人签名证书 / }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await fillIndividualApplicationToKeyStep(page, "王等待");
  await page.getByRole("button", { name: "生成密钥" }).click();
  await expect(page.getByTestId("key-progress")).toHaveText("密钥已就绪，证书请求已发送。");
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("button", { name: "提交申请" }).click();
  await page.getByRole("link", { name: "查看申请状态" }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  const applicationId = /\/applications\/([0-9a-f-]+)/.exec(page.url())![1]!;

  const submitted = await waitForMail({ to: email, subjectIncludes: "已提交，等待审核" });
  expect(submitted.text).toMatch(/预计 3 个工作日内完成审核（至 \d{4}-\d{2}-\d{2}，周末和法定节假日不计入工作日）/);
  expect(submitted.links).toContain(`${new URL(page.url()).origin}/applications/${applicationId}`);
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-step", "RA_REVIEW");
  await page.goto("/dashboard");
  const review = page.getByTestId("waiting-steps").getByTestId("next-step");
  await expect(review).toHaveAttribute("data-actor", "RA");
  await expect(review).toContainText(/预计 3 个工作日内完成审核（至 \d+ 月 \d+ 日）/);
  await checkPage(page, "dashboard-review");

  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/applications/${applicationId}`);
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  await officer.context().close();

  const approved = await waitForMail({ to: email, subjectIncludes: "已通过审核" });
  expect(approved.text).toContain("证书签发后，我们会再发邮件请您登录下载");
  const issued = await waitForMail({ to: email, subjectIncludes: "已签发，请登录下载" });
  expect(issued.links.some((l) => /\/certificates\/[0-9a-f-]+$/.test(l))).toBe(true);
  // The dashboard: "请下载证书", and no year-away expiry in the nearest-deadline banner while it waits.
  await page.goto("/dashboard");
  await expect(page.getByTestId("waiting-steps").locator('[data-step="DOWNLOAD"]').getByTestId("next-step-action")).toHaveText("请下载证书");
  await expect(page.locator('[data-testid="next-deadline"][data-kind="expiry"]')).toHaveCount(0);
  await checkPage(page, "dashboard-download");

  await downloadFromDashboard(page);
  const delivered = await waitForMail({ to: email, subjectIncludes: "请在 2 个工作日内完成测试" });
  expect(delivered.text).toMatch(/请在 \d{4}-\d{2}-\d{2} 当日结束前（北京时间 24:00）在测试页面完成测试/);
  expect(delivered.links.some((l) => /\/certificates\/[0-9a-f-]+\/test$/.test(l))).toBe(true);
  await page.goto("/dashboard");
  await expect(page.getByTestId("waiting-steps").locator('[data-step="TEST"]')).toContainText("请在");
  await expect(page.getByTestId("next-deadline")).toHaveAttribute("data-kind", "testWindow");
});

test("waiting steps in English with a fee: payment instructions, review waits for payment, then the mails", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = await signUp(page, "waiting-en");
  await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const officer = await pageAs(browser, "RA_OFFICER");
  const seeded = await officer.request.post("/api/test/console/seed", { data: { action: "application", applicantEmail: email, feeCents: 30_000, applicantAccepted: true } });
  expect(seeded.status(), await seeded.text()).toBe(200);
  const { applicationId } = (await seeded.json()) as { applicationId: string };
  const reference = applicationId.replace(/-/g, "").slice(0, 8).toUpperCase();

  // The applicant: the fee step, and on the application page the account and the reference.
  await page.goto("/dashboard");
  await expect(page.getByTestId("waiting-steps").locator('[data-step="PAY_FEE"]')).toContainText("CNY 300.00");
  await page.getByTestId("waiting-steps").getByRole("link", { name: "How to pay" }).click();
  await expect(page.getByTestId("payment-reference")).toHaveText(reference);
  await expect(page.getByTestId("payment-account-number")).not.toBeEmpty();
  await checkPage(page, "application-payment-en");

  // The officer: approval is not offered before the payment, and says why.
  await officer.goto(`/ra/applications/${applicationId}`);
  await expect(officer.getByTestId("approve-awaits-payment")).toContainText("登记付款后方可审核通过");
  await expect(officer.getByTestId("approve-awaits-payment-reference")).toHaveText(reference);
  await expect(officer.getByRole("button", { name: "批准" })).toHaveCount(0);
  await officer.getByLabel("流水号或收据号").fill(`TX-${reference}`);
  await officer.getByRole("button", { name: "登记付款" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("已登记付款");
  const paid = await waitForMail({ to: email, subjectIncludes: "fee was received: review has started" });
  expect(paid.text).toMatch(/expected within 3 working days \(by \d{4}-\d{2}-\d{2}/);
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  await officer.context().close();

  const approved = await waitForMail({ to: email, subjectIncludes: "was approved" });
  expect(approved.text).toContain("we will mail you again when it is ready to download");
  await waitForMail({ to: email, subjectIncludes: "please sign in and download it" });
  await page.goto("/dashboard");
  await expect(page.getByTestId("waiting-steps").locator('[data-step="DOWNLOAD"]').getByTestId("next-step-action")).toHaveText("Download the certificate");
  await checkPage(page, "dashboard-download-en");
  await downloadFromDashboard(page);
  const delivered = await waitForMail({ to: email, subjectIncludes: "please test it within 2 working days" });
  expect(delivered.text).toMatch(/by the end of \d{4}-\d{2}-\d{2} \(24:00 Beijing time\)/);
});
