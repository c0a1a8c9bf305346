import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { demoAccount, signIn } from "./console-helpers";

// Issue 6, journey 7 for the subscriber's own pages: a 390 px phone, in English; a support request
// opened and answered in its thread; the personal data export downloaded; every page axe-clean.

async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function fits(page: Page, what: string): Promise<void> {
  expect(await seriousA11yViolations(page), `axe on ${what}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath(`${what.replace(/\W+/g, "-")}.png`), fullPage: true });
}

test("journey 7: the subscriber pages in English on a 390 px phone: dashboard, apply, support thread, data export", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-GB" });
  const page = await context.newPage();
  const subscriber = demoAccount("SUBSCRIBER");
  await signIn(page, subscriber);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await fits(page, "dashboard");
  await expect(page.getByRole("link", { name: "Apply for a certificate" })).toBeVisible();

  await page.getByRole("link", { name: "Apply for a certificate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Apply for a certificate" })).toBeVisible();
  await expect(page.getByTestId("wizard-steps")).toContainText("1. Certificate type");
  await fits(page, "apply");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("ID number").fill("110105194912310021");
  await expect(page.getByTestId("id-check")).toHaveText("The check character does not match: check the number.");
  await fits(page, "apply identity");

  await page.goto("/support");
  await fits(page, "support");
  await page.getByLabel("Subject").fill("Where is my certificate?");
  await page.getByLabel("Message").fill("I applied last week and have not heard back.");
  await page.getByRole("button", { name: "Send" }).click();
  await page.waitForURL(/\/support\/[0-9a-f-]+$/);
  await expect(page.getByTestId("support-thread")).toContainText("I applied last week");
  await page.getByLabel("Message").fill("The application was for an individual signing certificate.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByTestId("support-thread").locator("li")).toHaveCount(2);
  await fits(page, "support thread");

  await page.goto("/my-data");
  await fits(page, "my data");
  // What is held, at a glance: the account from the database, and the acceptances card with its receipts.
  await expect(page.getByTestId("my-data-email")).toContainText(subscriber.email);
  await expect(page.getByRole("heading", { name: "Agreement acceptances" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the JSON file" }).click();
  const exported = JSON.parse(readFileSync((await (await download).path())!, "utf8")) as { account?: { email?: string } };
  expect(exported.account?.email).toBe(subscriber.email);

  for (const p of ["/agreement", "/verify", "/privacy-policy"]) {
    await page.goto(p);
    await fits(page, p);
  }
  await context.close();
});

test("the agent page lists the organisations and certificates the agent may act for, in both languages", async ({ page }) => {
  await signIn(page, demoAccount("AGENT"));
  await page.goto("/agent");
  await expect(page.getByRole("heading", { level: 1, name: "经办人" })).toBeVisible();
  await expect(page.locator("#organisations")).toBeVisible();
  await expect(page.locator("#certificates")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Agent" })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});
