import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { expectAccessibleOnPhone, seed, switchLanguage } from "./console-case-helpers";
import { demoAccount } from "./console-helpers";
import { waitForMail } from "./support/mailbox";

// Issue 15 items 4 and 5, one new subscriber: signing up again with the same address gets the usual
// answer and the owner a mail; wrong passwords until the portal holds the sign-in, whose message
// names the Beijing time, the minutes and the way to reset; the reset through the mailed link
// lifts the hold (sign-in at once, audited); the used link says so when it opens, before any
// typing; then a revocation receipt read as a page, in Chinese and English.

/** A clock time with the zone named, as the portal writes it (the zone's words may add "UTC+8"). */
const BEIJING_TIME = /\d{2}:\d{2}:\d{2}（北京时间/;

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
}

test("held after wrong passwords, reset by mail lifts it, a used link says so on opening; sign-up does not tell; the receipt reads in words", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = `lockout-${Date.now()}@example.com`;
  const password = "first passphrase 2026";

  // A new account, verified through its mail.
  await page.goto("/sign-up");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入密码").fill(password);
  await page.getByRole("main").getByRole("button", { name: "注册" }).click();
  await expect(page.getByTestId("sign-up-done")).toContainText(email);
  const verify = await waitForMail({ to: email, subjectIncludes: "验证" });
  await page.goto(verify.links.find((l) => l.includes("/verify-email?token="))!);
  await expect(page.getByTestId("verify-ok")).toBeVisible();

  // The same address again: the same answer on the page, and its owner is told by mail.
  await page.goto("/sign-up");
  await page.getByLabel("电子邮箱").fill(email.toUpperCase());
  await page.getByLabel("密码", { exact: true }).fill("someone elses 2026");
  await page.getByLabel("再次输入密码").fill("someone elses 2026");
  await page.getByRole("main").getByRole("button", { name: "注册" }).click();
  await expect(page.getByTestId("sign-up-done")).toContainText(email);
  await expect(page.getByText("该邮箱已注册")).toHaveCount(0);
  const told = await waitForMail({ to: email, subjectIncludes: "有人尝试用您的邮箱注册" });
  expect(told.text).toContain("忘记密码");
  expect(told.links.some((l) => new URL(l).pathname === "/sign-in")).toBe(true);

  // Five wrong passwords are answered as wrong; the next tries are held (one address, one account:
  // 2 s after the fifth, doubling with each failure), and the message says until when and how to reset.
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await submitSignIn(page, email, `wrong guess ${i} 2026`);
    await expect(page.locator("#sign-in-error")).toHaveText("邮箱或密码不正确。");
  }
  const alert = page.locator("#sign-in-error");
  for (let i = 5; i < 9 && !(await alert.textContent())?.includes("登录失败次数过多"); i++) {
    await submitSignIn(page, email, `wrong guess ${i} 2026`);
    await expect(alert).toHaveText(/邮箱或密码不正确|登录失败次数过多/);
  }
  await expect(alert).toContainText("登录失败次数过多");
  await expect(alert).toContainText(BEIJING_TIME);
  await expect(alert).toContainText(/约 \d+ 分钟内/);
  await expect(alert).toContainText("重设通常会解除本账号的登录限制");
  await expectAccessibleOnPhone(page);

  // The reset from the message's own link.
  await alert.getByTestId("sign-in-delayed-reset").click();
  await page.waitForURL(/\/forgot-password$/);
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByRole("main").getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.locator('[data-alert="success"]')).toContainText("如果该邮箱已注册");
  const resetMail = await waitForMail({ to: email, subjectIncludes: "重置密码" });
  const link = resetMail.links.find((l) => l.includes("/reset-password?token="))!;
  await page.goto(link);
  const newPassword = "second passphrase 2026";
  await page.getByLabel("新密码").fill(newPassword);
  await page.getByLabel("再次输入密码").fill(newPassword);
  await page.getByRole("main").getByRole("button", { name: "保存新密码" }).click();
  await page.waitForURL(/\/sign-in\?reset=1$/);

  // In at once: the reset lifted the hold, and the audit says so.
  await submitSignIn(page, email, newPassword);
  await page.waitForURL(/\/dashboard$/);
  const [reset] = await seed<Array<{ summary: Record<string, unknown> }>>(page, { action: "inspect-audit", auditAction: "account.password-reset" });
  expect(reset!.summary).toEqual({ alsoVerifiedEmail: false, signInLockLifted: true });

  // The used link says so when it opens: no form to type into, a way to a new link.
  const other = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const reused = await other.newPage();
  await reused.goto(link);
  await expect(reused.getByTestId("reset-link-state")).toHaveAttribute("data-state", "used");
  await expect(reused.getByTestId("reset-link-state")).toContainText("此链接已使用过");
  await expect(reused.getByLabel("新密码")).toHaveCount(0);
  await expect(reused.getByRole("link", { name: "重新申请重置链接" })).toHaveAttribute("href", "/forgot-password");
  await expectAccessibleOnPhone(reused);
  await other.close();

  // A revocation request on a certificate of this subscriber; its receipt read as a page.
  const { certificateId, requestId } = await seed<{ certificateId: string; requestId: string }>(page, {
    action: "revocation-request",
    subscriberEmail: email,
    officerEmail: demoAccount("RA_OFFICER").email,
  });
  await page.goto(`/certificates/${certificateId}`);
  await page.getByTestId("receipt-readable").click();
  await page.waitForURL(new RegExp(`/certificates/${certificateId}/receipt/${requestId}/view$`));
  const receipt = page.getByTestId("readable-receipt");
  await expect(receipt.getByRole("heading", { level: 1 })).toHaveText("撤销申请回执");
  await expect(receipt.getByTestId("receipt-kind")).toHaveText("撤销申请");
  await expect(receipt.getByTestId("receipt-status")).toHaveText("已受理");
  await expect(receipt.getByTestId("receipt-reason")).toHaveText("密钥泄露");
  await expect(receipt.getByTestId("receipt-received-at")).toContainText(BEIJING_TIME);
  await expect(receipt.getByTestId("receipt-serial").locator("code")).toHaveText(/^[0-9A-Fa-f]{16,}$/);
  await expect(receipt.getByTestId("receipt-sha256")).toHaveText(/^[0-9a-f]{64}$/);
  await expect(receipt).toContainText("该证书尚未被撤销");
  await expect(receipt).toContainText("openssl cms -verify");
  await expect(receipt).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  await expectAccessibleOnPhone(page);
  const hashZh = await receipt.getByTestId("receipt-sha256").textContent();

  await switchLanguage(page, "English");
  await page.reload();
  await expect(receipt.getByRole("heading", { level: 1 })).toHaveText("Revocation request receipt");
  await expect(receipt.getByTestId("receipt-reason")).toHaveText("Key compromise");
  await expect(receipt.getByTestId("receipt-status")).toHaveText("Received");
  await expect(receipt.getByTestId("receipt-received-at")).toContainText(/\d{2}:\d{2}:\d{2} \(Beijing time/);
  await expect(receipt.getByTestId("receipt-requester")).toHaveText(email);
  // The same record: the same hash in either language.
  await expect(receipt.getByTestId("receipt-sha256")).toHaveText(hashZh!);
  await expectAccessibleOnPhone(page);
  await switchLanguage(page, "中文");
});
