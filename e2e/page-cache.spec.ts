import type { Page, Response } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { fillIndividualApplicationToKeyStep, signUp } from "./support/portal-journeys";

// Issue 16, pages without waste: under `npm start` the most-read pages are answered from what was
// rendered for the same session (src/server/page-cache, through scripts/page-cache.cjs) until the
// data they show changes. What a person must see: a page answered from the cache runs like a
// rendered one (a fresh nonce on its scripts, which the browser runs), their own change shows at
// once, and nobody is ever given another session's page.

const FROM = "x-portal-page-cache";

/** Loads a page until it comes from the cache (a background job's write may end a stored page in between). */
async function loadUntilHit(page: Page, url: string): Promise<{ first: Response; hit: Response }> {
  const first = (await page.goto(url))!;
  for (let i = 0; i < 6; i++) {
    const again = (await page.goto(url))!;
    if (again.headers()[FROM] === "hit") return { first, hit: again };
    await page.waitForTimeout(300);
  }
  throw new Error(`${url} never came from the page cache`);
}

const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers()["content-security-policy"] ?? "")?.[1];

/** The nonce every script of the loaded page carries, and whether Next's scripts ran under the policy. */
async function scripts(page: Page) {
  return page.evaluate(() => ({
    nonces: [...new Set(Array.from(document.scripts).map((s) => s.nonce))],
    inlineRan: Array.isArray((window as unknown as { __next_f?: unknown[] }).__next_f),
    routerRan: Boolean((window as unknown as { next?: { router?: unknown } }).next?.router),
  }));
}

test("pages come from the cache with a fresh nonce and run; a person's own change shows at once; no session sees another's page", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });

  // A public page: the cached answer names a new nonce, every script carries it, and they run.
  const home = await loadUntilHit(page, "/");
  expect(nonceOf(home.hit)).toBeTruthy();
  expect(nonceOf(home.hit)).not.toBe(nonceOf(home.first));
  const ran = await scripts(page);
  expect(ran.nonces).toEqual([nonceOf(home.hit)]);
  expect(ran.inlineRan).toBe(true);
  await expect.poll(async () => (await scripts(page)).routerRan).toBe(true);

  // A subscriber's dashboard, answered from the cache once rendered.
  const email = await signUp(page, "page-cache");
  const dashboard = await loadUntilHit(page, "/dashboard");
  expect(dashboard.hit.status()).toBe(200);
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByTestId("draft-application")).toHaveCount(0);

  // Their own change (a draft application, saved by the wizard's server actions) shows on the very next load.
  await page.goto("/apply");
  await page.getByRole("radio", { name: /^个人签名证书 / }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await fillIndividualApplicationToKeyStep(page, "缓存测试");
  const after = (await page.goto("/dashboard"))!;
  expect(after.headers()[FROM]).toBe("miss");
  await expect(page.getByTestId("draft-application")).toHaveCount(1);

  // Another person, in another browser, gets their own dashboard, never the stored one.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const otherEmail = await signUp(otherPage, "page-cache-other");
  await loadUntilHit(otherPage, "/dashboard");
  await expect(otherPage.getByTestId("account-email")).toHaveText(otherEmail);
  await expect(otherPage.getByTestId("draft-application")).toHaveCount(0);
  await other.close();

  // A visitor without a session asking for the dashboard is sent to sign in, whatever is stored.
  const anonymous = await browser.newContext();
  const anonymousPage = await anonymous.newPage();
  await anonymousPage.goto("/dashboard");
  await expect(anonymousPage).toHaveURL(/\/sign-in/);
  await anonymous.close();

  expect(violations).toEqual([]);
});
