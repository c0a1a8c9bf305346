import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";

// The public side of the portal, tried as a relying party would: the agreement with its emphasised
// clauses, the repository, the certificate query, and the verification service on a real RFC 3161
// token from the CA's own TSA (issue 6, journey 6 for timestamps), in Chinese, English and at 390 px.

async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function checkPage(page: Page, pathName: string, shot: string): Promise<void> {
  await page.goto(pathName);
  expect(await seriousA11yViolations(page), `axe on ${pathName}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${pathName}`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath(`${shot}.png`), fullPage: true });
}

const PUBLIC_PAGES = ["/", "/agreement", "/query", "/verify", "/repository", "/privacy-policy"];

test("the agreement page shows the version in force with the liability-limiting clauses emphasised", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "公共服务" }).getByRole("link", { name: "订户协议" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "订户协议" })).toBeVisible();
  await expect(page.getByTestId("agreement-version")).toContainText(/第 \d+ 版/);
  await expect(page.getByTestId("agreement-version")).toContainText("现行版本");
  const emphasised = page.locator("[data-limits-liability=true]");
  expect(await emphasised.count()).toBeGreaterThan(2);
  await expect(emphasised.first()).toContainText("责任限制条款");
  // Emphasis is real bold text, not only a colour.
  expect(Number(await emphasised.first().evaluate((el) => getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(600);
  await expect(page.locator("#clause-1\\.4")).toBeVisible();
  // (Other journeys in the same run may publish later versions: the comparison section is not asserted here.)
  await page.screenshot({ path: test.info().outputPath("agreement-zh.png"), fullPage: true });
});

test("the repository publishes the CA certificates, CRL and OCSP address; openssl reads what it links to", async ({ page, request }) => {
  await page.goto("/repository");
  const certLinks = page.getByTestId("ca-cert-link");
  expect(await certLinks.count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("ocsp-url")).toContainText("/pki/ocsp");
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-repo-"));
  for (const [i, link] of (await certLinks.all()).entries()) {
    const res = await request.get((await link.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    writeFileSync(path.join(dir, `ca${i}.cer`), await res.body());
    const text = execFileSync("openssl", ["x509", "-inform", "DER", "-in", path.join(dir, `ca${i}.cer`), "-noout", "-subject"], { encoding: "utf8" });
    expect(text).toContain("subject=");
  }
  const crl = await request.get((await page.getByTestId("crl-link").first().getAttribute("href"))!);
  expect(crl.status()).toBe(200);
  writeFileSync(path.join(dir, "ca.crl"), await crl.body());
  expect(execFileSync("openssl", ["crl", "-inform", "DER", "-in", path.join(dir, "ca.crl"), "-noout", "-lastupdate"], { encoding: "utf8" })).toContain("lastUpdate=");

  // The SM2 card: the user ID, and its OpenSSL 3.0 commands work as printed on the published SM2 certificates.
  await expect(page.getByTestId("sm2-user-id")).toHaveText("1234567812345678");
  const sm2Lines = (await page.getByTestId("sm2-example").textContent())!.split("\n");
  for (const line of sm2Lines.filter((l) => l.startsWith("curl "))) {
    const [, , file, url] = line.split(" ");
    const res = await request.get(url!);
    expect(res.status()).toBe(200);
    writeFileSync(path.join(dir, file!), await res.body());
  }
  const sm2Commands = sm2Lines.filter((l) => l.startsWith("openssl ")).map((l) => l.split(" ").slice(1));
  for (const args of sm2Commands.slice(0, 3)) expect(execFileSync("openssl", args, { cwd: dir, encoding: "utf8" })).toMatch(/OK|^$/);
  expect(execFileSync("openssl", sm2Commands[2]!, { cwd: dir, encoding: "utf8" })).toContain("issuing-sm2.pem: OK");
});

test("the certificate query answers an unknown serial and refuses a one-letter name search with a clear message", async ({ page }) => {
  await page.goto("/query");
  await page.getByLabel("查询内容").fill("0a1b2c3d4e5f");
  await page.getByRole("main").getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/by=serial&q=0a1b2c3d4e5f/);
  await expect(page.getByText("未找到符合条件的证书。")).toBeVisible();
  await page.getByLabel("查询方式").selectOption("subject");
  await page.getByLabel("查询内容").fill("张");
  await page.getByRole("main").getByRole("button", { name: "查询" }).click();
  await expect(page.locator('[data-alert="error"]')).toBeVisible();
});

test("verification service: a timestamp from the CA's TSA verifies; the same file changed by one byte fails with the reason shown", async ({ page, request }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-verify-"));
  const original = path.join(dir, "contract.txt");
  writeFileSync(original, "甲方与乙方签订的合同全文 / the full text of the contract\n");
  execFileSync("openssl", ["ts", "-query", "-data", original, "-sha256", "-cert", "-out", path.join(dir, "req.tsq")]);
  const tsr = await request.post("/pki/tsa", { data: readFileSync(path.join(dir, "req.tsq")), headers: { "content-type": "application/timestamp-query" } });
  expect(tsr.status()).toBe(200);
  writeFileSync(path.join(dir, "token.tsr"), await tsr.body());
  const changed = path.join(dir, "contract-changed.txt");
  const bytes = readFileSync(original);
  bytes[0] = bytes[0]! ^ 0x01;
  writeFileSync(changed, bytes);

  await page.goto("/verify");
  await page.getByLabel("时间戳", { exact: true }).check();
  await page.getByLabel("时间戳令牌（.tsr / .tst）").setInputFiles(path.join(dir, "token.tsr"));
  await page.getByLabel("时间戳所覆盖的文件").setInputFiles(original);
  await page.getByRole("button", { name: "开始验证" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-overall", "valid");
  await expect(page.getByTestId("verdict-overall")).toHaveText("有效");
  await expect(page.locator('[data-check="message_imprint"]')).toHaveAttribute("data-outcome", "pass");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("verify-valid.png"), fullPage: true });

  // The evidence report downloads and names the verdict.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载证据报告（JSON）" }).click();
  const report = JSON.parse(readFileSync((await (await downloadPromise).path())!, "utf8")) as { kind: string; verdict: { overall: string }; digest: string };
  expect(report.kind).toBe("timestamp");
  expect(report.verdict.overall).toBe("valid");
  expect(report.digest).toMatch(/^[0-9a-f]{64}$/);

  await page.getByLabel("时间戳所覆盖的文件").setInputFiles(changed);
  await page.getByRole("button", { name: "开始验证" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-overall", "invalid");
  const imprint = page.locator('[data-check="message_imprint"]');
  await expect(imprint).toHaveAttribute("data-outcome", "fail");
  await expect(imprint).toContainText("未通过");
  await page.screenshot({ path: test.info().outputPath("verify-changed.png"), fullPage: true });
});

test("every public page passes axe and fits a 390 px phone, in Chinese and in English", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const p of PUBLIC_PAGES) await checkPage(page, p, `zh${p.replace(/\//g, "-") || "-home"}`);
  await page.goto("/");
  await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const p of PUBLIC_PAGES) await checkPage(page, p, `en${p.replace(/\//g, "-") || "-home"}`);
  await page.goto("/agreement");
  await expect(page.getByRole("heading", { level: 1, name: "Subscriber agreement" })).toBeVisible();
  await expect(page.locator("[data-limits-liability=true]").first()).toContainText("Liability-limiting clause");
  await context.close();
});
