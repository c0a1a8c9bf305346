import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { demoAccount, expectAccessible, pageAs } from "./console-helpers";
import { waitForMail } from "./support/mailbox";
import { signUp } from "./support/portal-journeys";

// Issue 13, items 4, 8 and 9: an administrator orders an update; the subscriber follows the mail's
// link (signed out: sign-in brings them back to it), sees the notice with its deadline, what
// happens after it and the certificate to update, starts the update from it, and sees the
// certificate counted as updated once the replacement is accepted. Then the public fee schedule,
// in Chinese and English. Every page at 390 px with axe.

const DAY = 86_400_000;
const PASSWORD = "a long passphrase 2026"; // signUp's
const beijingLocal = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

async function fitsAndPassesAxe(page: Page, what: string): Promise<void> {
  await expectAccessible(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath(`${what}.png`), fullPage: true });
}

test("an update notice from the administrator reaches the subscriber's page by its mail link, the update starts there and progress shows done; the fee schedule in both languages", async ({ browser, page }) => {
  const started = new Date();
  const email = await signUp(page, "notice");
  const officer = demoAccount("RA_OFFICER").email;
  const admin = await pageAs(browser, "CA_ADMIN");
  const seed = async (data: Record<string, unknown>) => {
    const r = await admin.request.post("/api/test/console/seed", { data });
    expect(r.status(), await r.text()).toBe(200);
    return (await r.json()) as { certificateId: string };
  };
  // An accepted certificate with its application (what an update replaces): issued, then renewed once.
  const first = await seed({ action: "certificate", subscriberEmail: email, officerEmail: officer });
  const { certificateId } = await seed({ action: "renewal", subscriberEmail: email, officerEmail: officer, certificateId: first.certificateId });

  // 1. The administrator orders the update; revocation after the deadline is the preselected consequence.
  const reason = `签发 CA 算法升级，请更新证书 ${Date.now()}`;
  await admin.goto("/admin/update-notices");
  await admin.getByRole("group", { name: "证书类型" }).locator('input[value="individual-signing"]').check();
  await admin.getByLabel("原因（发送给订户）").fill(reason);
  await admin.getByLabel("期限（北京时间）").fill(beijingLocal(new Date(Date.now() + 30 * DAY)));
  await expect(admin.getByRole("radio", { name: /撤销（订户协议第三条第（五）项/ })).toBeChecked();
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "发出通知" }).click();
  await expect(admin.locator('[data-alert="success"]')).toContainText("更新通知已发出");
  await expect(admin.getByTestId("notice-consequence")).toHaveAttribute("data-consequence", "REVOKE");

  // 2. The mail names the consequence and links to the notices page.
  const mail = await waitForMail({ to: email, subjectIncludes: "更新您的证书", since: started });
  expect(mail.text).toContain(reason);
  expect(mail.text).toContain("予以撤销");
  const link = mail.links.find((l) => new URL(l).pathname === "/update-notices");
  expect(link, mail.links.join(" ")).toBeTruthy();

  // 3. The addressee opens it on a phone, signed out: sign-in brings them back to the notice.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const sub = await phone.newPage();
  await sub.goto(link!);
  await expect(sub).toHaveURL(/\/sign-in\?callbackUrl=%2Fupdate-notices/);
  await sub.locator("#email").fill(email);
  await sub.locator("#password").fill(PASSWORD);
  await sub.getByRole("main").getByRole("button", { name: "登录" }).click();
  await sub.waitForURL(/\/update-notices$/);

  const notice = sub.getByTestId("update-notice").filter({ hasText: reason });
  await expect(notice).toHaveAttribute("data-consequence", "REVOKE");
  await expect(notice.getByTestId("update-notice-consequence")).toContainText("予以撤销");
  await expect(notice.getByTestId("countdown")).toContainText("剩余");
  const target = notice.locator(`[data-testid="update-notice-target"][data-certificate-id="${certificateId}"]`);
  await expect(target).toHaveAttribute("data-state", "OPEN");
  await expect(notice.getByTestId("update-notice-progress")).toHaveAttribute("data-open", "1");
  const start = target.getByTestId("start-update");
  await expect(start).toHaveAttribute("href", `/certificates/${certificateId}/renew?kind=rekey`);
  await fitsAndPassesAxe(sub, "update-notices-open");

  // The dashboard's deadline for this certificate is the notice's, and leads back to it.
  await sub.goto("/dashboard");
  await sub.getByTestId("my-certificate").filter({ has: sub.locator(`a[href="/certificates/${certificateId}"]`) }).getByTestId("update-notice-deadline-link").click();
  await sub.waitForURL(/\/update-notices$/);

  // 4. The one button starts the update: the renewal page with rekey chosen.
  await sub.getByTestId("update-notice").filter({ hasText: reason }).locator(`[data-certificate-id="${certificateId}"]`).getByTestId("start-update").click();
  await sub.waitForURL(new RegExp(`/certificates/${certificateId}/renew\\?kind=rekey$`));
  await expect(sub.getByRole("heading", { level: 1, name: "续期或更换密钥" })).toBeVisible();

  // 5. The replacement is issued and accepted (seeded: the renewal page's own journey is helper B's):
  // the notice shows the certificate as updated, with its successor.
  const { certificateId: replacementId } = await seed({ action: "renewal", subscriberEmail: email, officerEmail: officer, certificateId });
  await sub.goto("/update-notices");
  const done = sub.getByTestId("update-notice").filter({ hasText: reason });
  await expect(done.locator(`[data-certificate-id="${certificateId}"]`)).toHaveAttribute("data-state", "UPDATED");
  await expect(done.getByTestId("update-notice-replacement")).toHaveAttribute("href", `/certificates/${replacementId}`);
  await expect(done.getByTestId("update-notice-progress")).toHaveAttribute("data-updated", "1");
  await expect(done.getByTestId("update-notice-progress")).toHaveAttribute("data-open", "0");
  await expect(done.getByTestId("start-update")).toHaveCount(0);
  await fitsAndPassesAxe(sub, "update-notices-done");

  // 6. The public fee schedule, reached from the footer, in Chinese and in English.
  await sub.getByRole("contentinfo").getByRole("link", { name: "收费标准" }).click();
  await sub.waitForURL(/\/fees$/);
  await expect(sub.getByRole("heading", { level: 1, name: "收费标准" })).toBeVisible();
  await expect(sub.locator('[data-testid="fee-entry"][data-profile="individual-signing"]')).toBeVisible();
  // Issue 15: the bank account comes from configuration, with a warning against any other account.
  await expect(sub.getByTestId("payment-account-number")).not.toBeEmpty();
  await expect(sub.getByTestId("fees-account-warning")).toContainText("请只向上列账户转账");
  await fitsAndPassesAxe(sub, "fees-zh");
  await sub.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(sub.locator("html")).toHaveAttribute("lang", "en");
  if (!sub.url().endsWith("/fees")) await sub.goto("/fees");
  await expect(sub.getByRole("heading", { level: 1, name: "Fee schedule" })).toBeVisible();
  await expect(sub.getByTestId("fees-payment-channels")).toContainText("bank transfer");
  await fitsAndPassesAxe(sub, "fees-en");
  await phone.close();
  await admin.context().close();
});
