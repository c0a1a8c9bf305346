import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { expectAccessible, pageAs } from "./console-helpers";
import { freshTotpCode } from "./support/totp";

// Issue 12, item 5: a staff member cannot open a console page with a password alone. A fresh RA
// officer (seeded without a second factor; there is no console page that creates staff accounts)
// is sent to enrolment, enrols an authenticator app (the code computed here from the key the page
// shows, as an app would), gets recovery codes, signs in again with a code and opens the console;
// a recovery code works once; a passkey made by Chromium's virtual authenticator signs in; a CA
// administrator resets the officer's factors and the officer's session loses the console at once,
// and does not get it back when the officer enrols again with it (it must sign in again).

const SIGN_IN = /^(登录|Sign in)$/;

async function passwordStep(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("main").getByRole("button", { name: SIGN_IN }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL((u) => u.pathname === "/");
}

test("a new staff member enrols a second factor before the console opens; recovery code once; passkey; reset by another administrator", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const shot = (p: Page, name: string) => p.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  const officer = { email: `mfa-officer-${Date.now().toString(36)}@demo.test`, password: "mfa officer pass 2026", roles: ["RA_OFFICER"] };
  const seeded = await page.request.post("/api/test/console/seed", { data: { action: "staff", ...officer } });
  expect(seeded.status(), await seeded.text()).toBe(200);

  // 1. The password alone signs in, but without staff power: the console sends the officer to enrolment.
  await passwordStep(page, officer.email, officer.password);
  await page.waitForURL(/\/dashboard$/);
  await expect(page.getByTestId("second-factor-due")).toBeVisible();
  await expect(page.locator("#areas")).toHaveCount(0);
  for (const area of ["/ra", "/admin", "/ra/authorisations"]) {
    await page.goto(area);
    await page.waitForURL(/\/account\/security$/);
  }
  await expect(page.getByTestId("second-factor-due")).toHaveAttribute("data-due", "enrol");
  // The session itself holds no staff role, so every route handler and use case refuses as well.
  const me = await page.request.get("/api/me");
  expect(((await me.json()) as { roles: string[] }).roles).toEqual([]);
  await expectAccessible(page);
  await shot(page, "01-enrol-required");

  // 2. Enrol an authenticator app: the key is shown with a QR code; a code from it confirms; ten recovery codes, once.
  await page.getByRole("button", { name: "设置身份验证器应用" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "身份验证器应用二维码" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("应用中的验证码").fill("000000");
  await page.getByRole("button", { name: "确认" }).click();
  await expect(page.locator('[data-alert="error"]')).toBeVisible();
  await page.getByLabel("应用中的验证码").fill(await freshTotpCode(officer.email, secret));
  await page.getByRole("button", { name: "确认" }).click();
  const codes = page.getByTestId("recovery-codes").locator("li");
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allTextContents();
  await expectAccessible(page);
  await shot(page, "02-recovery-codes");

  // 3. Still no console in this session: sign out and in again, now with a code.
  await page.goto("/ra");
  await page.waitForURL(/\/account\/security$/);
  await expect(page.getByTestId("second-factor-due")).toHaveAttribute("data-due", "sign-in-again");
  // This session (password only) enrolled the first factor; further changes need a session signed in with it.
  await expect(page.getByTestId("factor-changes-locked")).toBeVisible();
  await expect(page.getByRole("button", { name: "添加通行密钥" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "移除身份验证器应用" })).toHaveCount(0);
  await shot(page, "03-changes-locked");
  await page.getByRole("button", { name: "退出并重新登录" }).click();
  await page.waitForURL(/\/sign-in/);
  await passwordStep(page, officer.email, officer.password);
  await expect(page.locator("#code")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "03-code-asked");
  await page.locator("#code").fill(await freshTotpCode(officer.email, secret));
  await page.getByRole("main").getByRole("button", { name: SIGN_IN }).click();
  await page.waitForURL(/\/dashboard$/);
  expect(((await (await page.request.get("/api/me")).json()) as { roles: string[] }).roles).toEqual(["RA_OFFICER"]);
  await page.goto("/ra");
  await expect(page.getByTestId("area-ra")).toBeVisible();
  await shot(page, "04-console-open");

  // 4. A recovery code works once.
  const other = await (await browser.newContext()).newPage();
  await passwordStep(other, officer.email, officer.password);
  await other.locator("#code").fill(recoveryCodes[0]!);
  await other.getByRole("main").getByRole("button", { name: SIGN_IN }).click();
  await other.waitForURL(/\/dashboard$/);
  await signOut(other);
  await passwordStep(other, officer.email, officer.password);
  await other.locator("#code").fill(recoveryCodes[0]!);
  await other.getByRole("main").getByRole("button", { name: SIGN_IN }).click();
  await expect(other.locator('[data-alert="error"]')).toContainText("验证码或通行密钥无效");
  expect(new URL(other.url()).pathname).toBe("/sign-in");
  await other.context().close();

  // 5. A passkey, made by Chromium's virtual authenticator, then used to sign in.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await page.goto("/account/security");
  await page.getByLabel("新通行密钥的名称").fill("Test laptop");
  await page.getByRole("button", { name: "添加通行密钥" }).click();
  await expect(page.getByText("通行密钥已注册。")).toBeVisible();
  await expect(page.getByTestId("passkeys")).toContainText("Test laptop");
  await expectAccessible(page);
  await shot(page, "05-passkey-added");
  await signOut(page);
  await passwordStep(page, officer.email, officer.password);
  await expect(page.locator("#code")).toBeVisible();
  await page.getByRole("button", { name: "改用通行密钥" }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.goto("/ra");
  await expect(page.getByTestId("area-ra")).toBeVisible();

  // 6. A CA administrator resets the officer's factors; the officer's open session loses the console at once.
  const admin = await pageAs(browser, "CA_ADMIN");
  await admin.goto("/admin/staff");
  const row = admin.locator(`[data-testid="staff-row"][data-email="${officer.email}"]`);
  await expect(row.getByTestId("staff-factors-state")).toHaveAttribute("data-enrolled", "true");
  await expect(admin.locator('[data-testid="staff-row"][data-email="ca-admin@demo.test"]')).not.toContainText("重置第二验证方式");
  await expectAccessible(admin);
  await row.getByRole("button", { name: `重置第二验证方式 ${officer.email}` }).click();
  await expect(admin.locator('[data-alert="success"]')).toContainText("第二验证方式已重置");
  await expect(row.getByTestId("staff-factors-state")).toHaveAttribute("data-enrolled", "false");
  await shot(admin, "06-reset");
  await page.goto("/ra");
  await page.waitForURL(/\/account\/security$/);
  await expect(page.getByTestId("second-factor-due")).toHaveAttribute("data-due", "enrol");
  // With no factor left, this session may enrol again; enrolling will not give it the console back (it must sign in again).
  await expect(page.getByTestId("factor-changes-locked")).toHaveCount(0);
  await page.getByRole("button", { name: "设置身份验证器应用" }).click();
  const again = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("应用中的验证码").fill(await freshTotpCode(officer.email, again));
  await page.getByRole("button", { name: "确认" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.goto("/ra");
  await page.waitForURL(/\/account\/security$/);
  await expect(page.getByTestId("second-factor-due")).toHaveAttribute("data-due", "sign-in-again");
  await shot(page, "07-old-session-after-reset");
});
