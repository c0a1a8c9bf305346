import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { demoAccount, pageAs, signIn } from "./console-helpers";
import { seriousA11yViolations } from "./support/portal-journeys";

// Issue 15: the agent's journey on a fresh start, from the demo data alone (no seed route): the
// demo agent signs in, sees the demo organisation's certificate, renews it with the fee and the
// new validity shown first, the demo officer approves and issues, the agent downloads and accepts
// the new one. Beside it, the smaller items on the pages it passes: the dashboard lists the
// agent's application for the organisation, the loss report asks for confirmation, the header
// marks the RA console current after client-side navigation, "已核验" only for a verified name,
// and the repository's OpenSSL commands work as written.

const ORG = "演示科技有限公司";

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

/** Accepts the agreement a gate shows (a journey before this one may have published a new version). */
async function acceptGateIfShown(page: Page, within: string) {
  const gate = page.locator(within).getByTestId("agreement-gate");
  if ((await gate.count()) === 0) return;
  await gate.getByTestId("agreement-end").scrollIntoViewIfNeeded();
  await gate.getByRole("checkbox").check();
  await gate.getByRole("button").last().click();
  await expect(gate).toBeHidden();
}

test("fresh agent: the demo organisation's certificate renewed (fee and validity first), approved, downloaded; and the smaller items on the way", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const agent = demoAccount("AGENT");
  await signIn(page, agent);
  await expect(page.getByRole("navigation", { name: /主导航|Main/ }).getByRole("link", { name: "我的证书" })).toHaveAttribute("aria-current", "page");

  // The agent's dashboard lists the application the agent made for the organisation (not "您还没有提交申请。").
  await expect(page.getByTestId("organisation-applications")).toContainText(ORG);
  await expect(page.getByText("您还没有提交申请。")).toHaveCount(0);
  await checkPage(page, "01-dashboard");

  // The test page address the agreement names (/certificates) points an agent to the organisation's certificates.
  await page.goto("/certificates");
  await page.getByTestId("certificates-agent-note").getByRole("link", { name: "经办人" }).click();
  await expect(page).toHaveURL(/\/agent$/);

  // The organisation and its certificate, renewable now (the demo CA ordered its update).
  await page.goto("/agent");
  await expect(page.getByTestId("agent-organisations")).toContainText(ORG);
  const row = page.getByTestId("agent-certificates").locator("li").filter({ hasText: ORG }).filter({ has: page.getByRole("link", { name: "续期" }) });
  await expect(row).toHaveCount(1);
  const oldId = /\/certificates\/([0-9a-f-]+)/.exec((await row.locator('a[href^="/certificates/"]').getAttribute("href"))!)![1]!;

  // Its page offers renewal with the fee and the new validity, and the loss report asks first.
  await page.goto(`/certificates/${oldId}`);
  await expect(page.getByTestId("renewal-card")).toHaveAttribute("data-state", "ordered");
  await expect(page.getByTestId("renewal-card").getByTestId("renewal-fee")).toHaveText(/300\.00 元/);
  await expect(page.getByTestId("renewal-card").getByTestId("renewal-validity")).toContainText("730 天");
  await page.getByTestId("loss-form").getByRole("button", { name: "立即挂失" }).click();
  const confirm = page.getByTestId("loss-form-confirm");
  await expect(confirm).toContainText("立即挂起");
  await expect(confirm).toContainText("解除挂起");
  await expect(confirm).toContainText("证书到期");
  await checkPage(page, "02-certificate-loss-confirm");
  await confirm.getByRole("button", { name: "暂不挂失" }).click();
  await expect(page.getByTestId("certificate-status")).not.toHaveAttribute("data-status", "SUSPENDED");

  // Renew from the agent page: the terms are on the renewal page before anything is submitted.
  await page.goto("/agent");
  await row.getByRole("link", { name: "续期" }).click();
  await page.waitForURL(new RegExp(`/agent/renew/${oldId}$`));
  await acceptGateIfShown(page, "main");
  await expect(page.getByTestId("renewal-fee")).toHaveText(/300\.00 元/);
  await expect(page.getByTestId("renewal-validity")).toContainText("自签发之日起 730 天");
  await checkPage(page, "03-renew-terms");
  for (const box of await page.locator("#renew").getByRole("checkbox").all()) await box.check();
  await page.getByRole("button", { name: "生成新密钥并提交续期申请" }).click();
  await expect(page.getByTestId("renewal-submitted")).toBeVisible({ timeout: 60_000 });
  await page.getByTestId("renewal-submitted").getByRole("link").click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  const applicationId = /\/applications\/([0-9a-f-]+)/.exec(page.url())![1]!;
  // The renewal's key was made on the portal's page in this browser, and the application says so.
  await expect(page.getByTestId("key-generation")).toContainText("浏览器生成密钥");

  // The officer: the header follows client-side navigation; the name was verified with the first application.
  const officer = await pageAs(browser, "RA_OFFICER");
  const header = officer.getByRole("navigation", { name: /主导航|Main/ });
  await header.getByRole("link", { name: "注册审核" }).click();
  await officer.waitForURL(/\/ra$/);
  await expect(header.getByRole("link", { name: "注册审核" })).toHaveAttribute("aria-current", "page");
  await expect(header.getByRole("link", { name: "我的证书" })).not.toHaveAttribute("aria-current", "page");
  await officer.goto(`/ra/applications/${applicationId}`);
  await expect(officer.getByTestId("identity-name-label")).toHaveAttribute("data-verified", "true");
  await expect(officer.getByTestId("identity-name-label")).toHaveText("法定姓名（已核验）");
  if (await officer.getByLabel("流水号或收据号").count()) {
    await officer.getByLabel("流水号或收据号").fill(`DEMO-RENEW-${Date.now()}`);
    await officer.getByRole("button", { name: "登记付款" }).click();
    await expect(officer.locator('[data-alert="success"]')).toBeVisible();
  }
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  await officer.context().close();

  // The agent downloads the new certificate and accepts it; the old one is superseded.
  await page.goto("/agent");
  const hrefs = await page.getByTestId("agent-certificates").locator("li").filter({ hasText: ORG }).locator('a[href^="/certificates/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const newId = hrefs.map((h) => /\/certificates\/([0-9a-f-]+)/.exec(h ?? "")![1]!).find((id) => id !== oldId)!;
  await page.goto(`/certificates/${newId}`);
  await acceptGateIfShown(page, "#downloads");
  const download = page.waitForEvent("download");
  await page.getByTestId("download-pem").click();
  const leafPem = readFileSync((await (await download).path())!, "utf8");
  expect(leafPem).toContain("BEGIN CERTIFICATE");
  // The key made in this browser for the renewal may be saved as PKCS#12 while the certificate is valid.
  await expect(page.getByTestId("pkcs12-save")).toBeVisible();
  // The download was a file: the page itself shows the receipt (and the acceptance it allows) once reloaded.
  await page.goto(`/certificates/${newId}`);
  await page.getByTestId("accept-form").getByRole("button", { name: "接受证书" }).click();
  await expect(page.getByTestId("accepted-at")).toHaveAttribute("data-kind", "EXPLICIT");
  await page.goto(`/certificates/${oldId}`);
  await expect(page.getByTestId("revoked-at")).toBeVisible();
  await expect(page.getByTestId("renewal-card")).toHaveCount(0);

  // The repository's OpenSSL commands, run as written against the new certificate: the response verifies.
  await page.goto("/repository");
  const lines = (await page.getByTestId("ocsp-example").innerText()).split("\n");
  const algorithm = execFileSync("openssl", ["x509", "-noout", "-text"], { input: leafPem, encoding: "utf8" }).includes("id-ecPublicKey") ? "EC" : "RSA";
  // The certificate's own issuing CA: the example line, or the commented one for the other key family.
  const forFamily = lines.find((l) => l.startsWith("#") && l.includes(`${algorithm}-`));
  const script = lines.filter((l) => !l.startsWith("#")).map((l) => (forFamily && l.startsWith("curl -fsSo issuer.cer") ? forFamily.slice(forFamily.indexOf("curl ")) : l));
  const dir = mkdtempSync(path.join(os.tmpdir(), "fresh-agent-"));
  writeFileSync(path.join(dir, "my-cert.pem"), leafPem);
  const out = execFileSync("sh", ["-c", `${script.join("\n")} 2>&1`], { cwd: dir, encoding: "utf8" });
  expect(out).toContain("Response verify OK");
  expect(out).toMatch(/my-cert\.pem: good/);
});
