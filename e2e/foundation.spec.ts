import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { waitForMail } from "./support/mailbox";
import { e2eRun } from "./support/run";
import { freshTotpCode } from "./support/totp";

// The foundation journeys, tried as a person would: a new subscriber from sign-up to the 403 page,
// and every staff area refusing the roles it is not meant for.

const AREAS = { ra: "RA_OFFICER", admin: "CA_ADMIN", audit: "AUDITOR", agent: "AGENT" } as const;

type DemoAccount = { email: string; password: string; roles: string[]; totpSecret?: string };

/** The demo logins the portal wrote into its data folder on first start (tab separated). */
function demoAccounts(): DemoAccount[] {
  const text = readFileSync(path.join(e2eRun().dataDir, "demo-accounts.txt"), "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => {
      const [email = "", password = "", roles = "", , totpSecret = ""] = l.split("\t");
      return { email, password, roles: roles.split(","), ...(totpSecret ? { totpSecret } : {}) };
    });
}

/** totpSecret: a staff account's second factor; the form asks for its code after the password. */
async function signIn(page: Page, email: string, password: string, submitLabel: RegExp, totpSecret?: string): Promise<void> {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("main").getByRole("button", { name: submitLabel }).click();
  if (totpSecret) {
    await page.locator("#code").fill(await freshTotpCode(email, totpSecret));
    await page.getByRole("main").getByRole("button", { name: submitLabel }).click();
  }
  await page.waitForURL(/\/dashboard$/);
}

test("a new user signs up, verifies by mail, signs in to a Chinese dashboard, switches to English, and is refused the RA page", async ({ page }) => {
  const email = `new-user-${Date.now()}@example.com`;
  const password = "a long passphrase 2026";

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("banner").getByRole("link", { name: "注册" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "注册账号" })).toBeVisible();
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入密码").fill(password);
  await page.getByRole("main").getByRole("button", { name: "注册" }).click();
  await expect(page.getByTestId("sign-up-done")).toContainText(email);

  // Before verification the password is right but sign-in is refused.
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
  await expect(page.locator('[data-alert="error"]')).toContainText("验证");

  const mail = await waitForMail({ to: email, subjectIncludes: "验证" });
  expect(mail.text).toContain("24");
  const link = mail.links.find((l) => l.includes("/verify-email?token="));
  expect(link, `verification link in: ${mail.text}`).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByTestId("verify-ok")).toBeVisible();
  await page.getByRole("link", { name: "去登录" }).click();
  await expect(page.locator('[data-alert="success"]')).toContainText("邮箱验证成功");

  // A wrong password gets the generic answer.
  await page.locator("#email").fill(email);
  await page.locator("#password").fill("not the password at all");
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
  await expect(page.locator('[data-alert="error"]')).toHaveText("邮箱或密码不正确。");

  await page.locator("#password").fill(password);
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("您好");
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByTestId("account-roles")).toHaveText("订户");
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await expect(page.getByRole("region", { name: "账户信息" }).locator("time")).toContainText("北京时间 UTC+8");

  await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hello");
  await expect(page.getByTestId("account-roles")).toHaveText("Subscriber");
  await expect(page.getByRole("region", { name: "Your account" }).locator("time")).toContainText("Beijing time, UTC+8");
  // The choice sticks across pages.
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  // A subscriber has their own pages in the navigation and no staff area.
  const navLinks = page.getByRole("navigation", { name: "Main navigation" }).getByRole("link");
  await expect(navLinks.filter({ hasText: "My certificates" })).toBeVisible();
  const hrefs = await navLinks.evaluateAll((links) => links.map((l) => l.getAttribute("href") ?? ""));
  expect(hrefs).toContain("/dashboard");
  expect(hrefs.filter((h) => /^\/(ra|admin|audit|agent)(\/|$)/.test(h))).toEqual([]);

  const response = await page.goto("/ra");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("No permission (403)");
  // Still a full page: header, language switch, footer.
  await expect(page.getByTestId("language-switch")).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();

  // Back in Chinese, the 403 page speaks Chinese.
  await page.getByTestId("language-switch").getByRole("button", { name: "中文" }).click();
  await expect(page.getByTestId("forbidden")).toContainText("无权访问（403）");

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "登录" })).toBeVisible();
  const after = await page.goto("/dashboard");
  expect(after?.status()).toBe(200);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
});

test("without a session, staff pages send the visitor to sign-in and the API answers 401", async ({ page, request }) => {
  for (const area of Object.keys(AREAS)) {
    await page.goto(`/${area}`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=%2F${area}$`));
  }
  const me = await request.get("/api/me");
  expect(me.status()).toBe(401);
  expect((await me.json()).error.code).toBe("UNAUTHENTICATED");
});

test("every staff area admits its own role and refuses every other role with a 403 page", async ({ browser }) => {
  const accounts = demoAccounts();
  expect(accounts.map((a) => a.email).sort()).toEqual(
    ["agent@demo.test", "auditor@demo.test", "ca-admin2@demo.test", "ca-admin@demo.test", "org-admin@demo.test", "ra-officer@demo.test", "subscriber@demo.test"],
  );
  for (const account of accounts) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, account.email, account.password, /^登录$/, account.totpSecret);
    for (const [area, role] of Object.entries(AREAS)) {
      const response = await page.goto(`/${area}`);
      const allowed = account.roles.includes(role);
      expect(response?.status(), `${account.email} on /${area}`).toBe(allowed ? 200 : 403);
      if (allowed) await expect(page.getByTestId(`area-${area}`)).toBeVisible();
      else await expect(page.getByTestId("forbidden")).toBeVisible();
    }
    const me = await page.request.get("/api/me");
    expect(me.status()).toBe(200);
    expect((await me.json()).roles).toEqual(account.roles);
    await context.close();
  }
});

test("the password can be reset through the mailed link, once", async ({ page }) => {
  const email = `reset-${Date.now()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill("first password 123");
  await page.getByLabel("再次输入密码").fill("first password 123");
  await page.getByRole("main").getByRole("button", { name: "注册" }).click();
  await expect(page.getByTestId("sign-up-done")).toBeVisible();

  await page.goto("/forgot-password");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByRole("main").getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.locator('[data-alert="success"]')).toContainText("如果该邮箱已注册");

  const mail = await waitForMail({ to: email, subjectIncludes: "重置密码" });
  const link = mail.links.find((l) => l.includes("/reset-password?token="));
  expect(link).toBeTruthy();
  await page.goto(link!);
  await page.getByLabel("新密码").fill("second password 456");
  await page.getByLabel("再次输入密码").fill("second password 456");
  await page.getByRole("main").getByRole("button", { name: "保存新密码" }).click();
  await page.waitForURL(/\/sign-in\?reset=1$/);

  // The reset also proved the address, so sign-in works without the verification mail.
  await page.locator("#email").fill(email);
  await page.locator("#password").fill("second password 456");
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);

  // The link is single use, and says so when it opens, before any typing (issue 15).
  const other = await page.context().browser()!.newContext();
  const resetPage = await other.newPage();
  await resetPage.goto(link!);
  await expect(resetPage.getByTestId("reset-link-state")).toHaveAttribute("data-state", "used");
  await expect(resetPage.locator('[data-alert="error"]')).toContainText("此链接已使用过");
  await expect(resetPage.getByLabel("新密码")).toHaveCount(0);

  // A new reset ends the sessions signed in with the old password.
  await resetPage.goto("/forgot-password");
  await resetPage.getByLabel("电子邮箱").fill(email);
  await resetPage.getByRole("main").getByRole("button", { name: "发送重置链接" }).click();
  const second = await waitForMail({ to: email, subjectIncludes: "重置密码" });
  await resetPage.goto(second.links.find((l) => l.includes("/reset-password?token="))!);
  await resetPage.getByLabel("新密码").fill("third password 789");
  await resetPage.getByLabel("再次输入密码").fill("third password 789");
  await resetPage.getByRole("main").getByRole("button", { name: "保存新密码" }).click();
  await resetPage.waitForURL(/\/sign-in\?reset=1$/);
  await other.close();

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
});

/** Serious and critical axe findings on the current page, as readable lines. */
async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the foundation pages pass axe (no serious or critical findings) and fit a 390 px phone, in both languages", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const subscriber = demoAccounts().find((a) => a.email === "subscriber@demo.test")!;
  const publicPages = ["/", "/sign-in", "/sign-up", "/forgot-password", "/reset-password?token=x", "/verify-email"];
  const privatePages = ["/dashboard", "/ra"];

  const check = async (path: string) => {
    await page.goto(path);
    expect(await seriousA11yViolations(page), `axe on ${path}`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  };

  for (const path of publicPages) await check(path);
  await signIn(page, subscriber.email, subscriber.password, /^登录$/);
  for (const path of privatePages) await check(path);
  await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const path of [...privatePages, "/"]) await check(path);
  await context.close();
});
