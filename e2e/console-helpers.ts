// Shared by the console journeys (e2e/console-*.spec.ts): demo logins, sign-in, axe check.
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { e2eRun } from "./support/run";
import { freshTotpCode, withTotpTurn } from "./support/totp";

/** totpSecret: the staff account's second factor (demo-accounts.txt prints it); the sign-in then asks for a code. */
export type DemoAccount = { email: string; password: string; roles: string[]; totpSecret?: string };

export function demoAccount(role: string): DemoAccount {
  const text = readFileSync(path.join(e2eRun().dataDir, "demo-accounts.txt"), "utf8");
  const all = text
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => {
      const [email = "", password = "", roles = "", , totpSecret = ""] = l.split("\t");
      return { email, password, roles: roles.split(","), ...(totpSecret ? { totpSecret } : {}) };
    });
  const found = all.find((a) => a.roles.includes(role));
  if (!found) throw new Error(`no demo account with role ${role}`);
  return found;
}

type SessionCookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

// Staff sessions this worker already opened through the sign-in page, by e-mail. A staff sign-in
// spends one TOTP step, and the portal takes each step once per account: the journeys sign the demo
// officer and administrators in so often that freshTotpCode waited up to 30 s for the next step,
// many times a run. A journey's staff set-up reuses the session instead (its cookie in the new
// context). The sign-in stays proven through the browser: the first one per account and worker
// goes through the page, and foundation / staff-second-factor prove the sign-in itself.
const staffSessions = new Map<string, SessionCookies>();
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token/;

/** True when the page is now on /dashboard with this worker's session of `email`; false when there is none. */
async function resumeStaffSession(page: Page, email: string): Promise<boolean> {
  const cookies = staffSessions.get(email);
  if (!cookies) return false;
  await page.context().addCookies(cookies);
  await page.goto("/dashboard");
  if (new URL(page.url()).pathname === "/dashboard") return true;
  // The session ended meanwhile (its 8 hours, a password or factor reset): sign in through the page.
  staffSessions.delete(email);
  await page.context().clearCookies({ name: SESSION_COOKIE });
  return false;
}

export async function signIn(page: Page, account: DemoAccount): Promise<void> {
  if (account.totpSecret && (await resumeStaffSession(page, account.email))) return;
  // A staff sign-in spends a TOTP step: one worker at a time per account (see withTotpTurn).
  if (account.totpSecret) await withTotpTurn(account.email, () => signInThroughPage(page, account));
  else await signInThroughPage(page, account);
}

async function signInThroughPage(page: Page, account: DemoAccount): Promise<void> {
  await page.goto("/sign-in");
  await page.locator("#email").fill(account.email);
  await page.locator("#password").fill(account.password);
  await page.getByRole("main").getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  if (account.totpSecret) {
    // The password was right; the form now asks for the second factor (computed as an authenticator app would).
    await page.locator("#code").fill(await freshTotpCode(account.email, account.totpSecret));
    await page.getByRole("main").getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  }
  await page.waitForURL(/\/dashboard$/);
  if (account.totpSecret) staffSessions.set(account.email, (await page.context().cookies()).filter((c) => SESSION_COOKIE.test(c.name)));
}

/** A fresh browser context signed in as the demo account holding the role. */
export async function pageAs(browser: Browser, role: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, demoAccount(role));
  return page;
}

/** No serious or critical axe violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export async function setClock(page: Page, body: { at?: string; offsetMs?: number }): Promise<void> {
  const r = await page.request.post("/api/test/clock", { data: body });
  expect(r.status()).toBe(200);
}

/** The demo account with this e-mail address (e.g. the second CA administrator, ca-admin2@demo.test). */
export function demoAccountByEmail(email: string): DemoAccount {
  const text = readFileSync(path.join(e2eRun().dataDir, "demo-accounts.txt"), "utf8");
  const line = text.split("\n").find((l) => l.startsWith(`${email}\t`));
  if (!line) throw new Error(`no demo account ${email}`);
  const [, password = "", roles = "", , totpSecret = ""] = line.split("\t");
  return { email, password, roles: roles.split(","), ...(totpSecret ? { totpSecret } : {}) };
}

/**
 * Dual control: a gated admin action (CA revocation, agreement, profile fee, RA merge/close,
 * cessation, calendar) only asks for approval; the requester's page is now on the request
 * (/admin/approvals/<id>). The second demo administrator opens the same request and approves it,
 * which carries the action out; the requester's page is reloaded, showing it carried out.
 */
export async function approveAsSecondAdmin(page: Page): Promise<void> {
  await expect(page.locator('[data-alert="success"]')).toContainText("已提交审批，等待另一位管理员批准");
  const requestPath = new URL(page.url()).pathname;
  expect(requestPath).toMatch(/^\/admin\/approvals\/[0-9a-f-]{36}$/);
  const context = await page.context().browser()!.newContext();
  try {
    const second = await context.newPage();
    await signIn(second, demoAccountByEmail("ca-admin2@demo.test"));
    await second.goto(requestPath);
    await second.getByRole("button", { name: "同意并执行" }).click();
    await expect(second.getByTestId("approval")).toHaveAttribute("data-status", "EXECUTED");
  } finally {
    await context.close();
  }
  await page.reload();
}
