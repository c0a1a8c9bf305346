// Session cookies for bench:portal: one real sign-in per demo account, driven in Chromium exactly as
// the browser journeys do it (e2e/console-helpers.ts signIn): password, then for staff the TOTP code
// from the demo accounts file, as an authenticator app computes it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { findChromium } from "../../scripts/find-chromium.mjs";

export type DemoLogin = { email: string; password: string; roles: string[]; totpSecret?: string };

/** The demo account holding `role` (DATA_DIR/demo-accounts.txt: email, password, roles, -, TOTP secret), if any. */
export function demoLogin(dataDir: string, role: string): DemoLogin | undefined {
  const file = path.join(dataDir, "demo-accounts.txt");
  if (!existsSync(file)) return undefined;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [email = "", password = "", roles = "", , totpSecret = ""] = line.split("\t");
    if (roles.split(",").includes(role)) return { email, password, roles: roles.split(","), ...(totpSecret ? { totpSecret } : {}) };
  }
  return undefined;
}

const totpNow = (secret: string) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();

/** Signs each account in (one browser, one context per account) and returns its Cookie header value. */
export async function signInCookies(base: string, logins: DemoLogin[]): Promise<Map<string, string>> {
  const found = findChromium();
  if (!found) throw new Error("no Chromium for the sign-in (npx playwright install chromium, or apt-get install chromium)");
  const browser = await chromium.launch(found.kind === "system" ? { executablePath: found.executablePath, args: found.args } : {});
  const out = new Map<string, string>();
  try {
    for (const login of logins) {
      const context = await browser.newContext({ baseURL: base, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await page.locator("#email").fill(login.email);
      await page.locator("#password").fill(login.password);
      await page.getByRole("main").getByRole("button", { name: /^(登录|Sign in)$/ }).click();
      if (login.totpSecret) {
        await page.locator("#code").fill(totpNow(login.totpSecret));
        await page.getByRole("main").getByRole("button", { name: /^(登录|Sign in)$/ }).click();
      }
      await page.waitForURL(/\/dashboard$/, { timeout: 30_000 });
      out.set(login.email, (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; "));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}
