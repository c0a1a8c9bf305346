import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { expectAccessibleOnPhone, inspectCertificate, newSubscriber, ocspText, seed, unique } from "./console-case-helpers";
import { demoAccount, pageAs } from "./console-helpers";
import { waitForMail } from "./support/mailbox";

// Issue 14 item 3 in the browser. A third party (no account) finds a certificate in the public
// query, reports its key compromised with a signature made by the key (openssl, over the text the
// page shows), and follows the report through the link of the receipt mail. The RA officer sees
// the report's 24-hour clock in the queue, sends the preliminary report (reporter and subscriber
// read it from the SMTP sink) and revokes: OCSP says keyCompromise. A misuse report is answered
// with no action, its reason mailed to the reporter.

/** A key and a CSR the journey holds: the certificate issued on it can be proven compromised. */
function keyAndCsr(dir: string): { keyFile: string; csrPem: string } {
  const keyFile = path.join(dir, "key.pem");
  execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keyFile], { stdio: "pipe" });
  const csrPem = execFileSync("openssl", ["req", "-new", "-key", keyFile, "-subj", "/CN=problem-report-e2e"], { encoding: "utf8" });
  return { keyFile, csrPem };
}

/** Reports a certificate from the public query, as a visitor without an account; answers the reference. */
async function report(browser: Browser, serialHex: string, fill: (page: Page) => Promise<void>, reporterEmail: string, check = false): Promise<{ page: Page; reference: string }> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/query?by=serial&q=${serialHex}`);
  await page.getByTestId("report-problem-link").click();
  await page.waitForURL(/\/report-problem\?serial=/);
  await expect(page.getByLabel("证书序列号")).toHaveValue(serialHex);
  await fill(page);
  await page.getByLabel("电子邮箱").fill(reporterEmail);
  if (check) await expectAccessibleOnPhone(page);
  await page.getByRole("button", { name: "提交报告" }).click();
  const reference = (await page.getByTestId("report-reference").textContent({ timeout: 30_000 }))!.trim();
  expect(reference).toMatch(/^CPR-\d{4}-\d{6}$/);
  return { page, reference };
}

test("a third party reports a key compromise proven with the key: clock in the queue, preliminary report to both, revoked; a misuse report closed with no action", async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-cpr-"));
  const { keyFile, csrPem } = keyAndCsr(dir);
  const officer = await pageAs(browser, "RA_OFFICER");
  const subscriber = await newSubscriber(officer, "cpr-sub");
  const officerEmail = demoAccount("RA_OFFICER").email;
  const { certificateId } = await seed<{ certificateId: string }>(officer, { action: "certificate", subscriberEmail: subscriber, officerEmail, csrPem });
  const cert = await inspectCertificate(officer, certificateId);
  const reporter = `${unique("cpr-reporter")}@demo.test`;

  // The reporter signs the page's text with the key, as the page says (openssl dgst -sha256 -sign).
  const { page, reference } = await report(
    browser,
    cert.serialHex,
    async (p) => {
      await p.getByLabel("问题描述").fill("该证书的私钥被公开发布在代码托管网站上，任何人都可以下载。");
      const text = (await p.getByTestId("proof-text").textContent())!;
      expect(text).toContain(`serial=${cert.serialHex.replace(/^0+/, "")}`);
      writeFileSync(path.join(dir, "proof.txt"), text);
      const signature = execFileSync("openssl", ["dgst", "-sha256", "-sign", keyFile, path.join(dir, "proof.txt")]).toString("base64");
      await p.getByLabel("签名（Base64）").fill(signature);
    },
    reporter,
    true,
  );
  await expect(page.getByTestId("receipt-demonstrated")).toBeVisible();
  const receipt = await waitForMail({ to: reporter, subjectIncludes: reference });
  const statusLink = receipt.links.find((l) => l.includes("/report-problem/status?token="))!;
  await page.goto(statusLink);
  await expect(page.getByTestId("problem-report-status")).toHaveAttribute("data-status", "RECEIVED");
  await expect(page.getByTestId("problem-report-status")).toContainText("已证实私钥泄露");
  await expectAccessibleOnPhone(page);

  // The officer: the report in the queue with its 24-hour clock, beside the revocation clocks.
  await officer.goto("/ra?kind=problemReport");
  const row = officer.locator('[data-testid="work-item"][data-kind="problemReport"]', { hasText: reference });
  await expect(row).toHaveAttribute("data-sla", "ok");
  await expect(row.getByTestId("time-left")).toContainText(/剩余 23小时|剩余 1天/);
  await expect(officer.getByTestId("clocks")).toContainText("证书问题报告（24 小时初步意见）");
  await row.getByRole("link").click();
  await expect(officer.getByTestId("key-compromise-demonstrated")).toBeVisible();
  await expect(officer.getByTestId("report-clock")).toHaveAttribute("data-sla", "ok");
  await expectAccessibleOnPhone(officer);
  await officer.getByLabel("初步处理意见（将原文发给报告人和订户）").fill("已用证书公钥核验报告人提交的签名，确认私钥泄露，将于今日撤销该证书。");
  await officer.getByRole("button", { name: "发出初步意见" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("初步处理意见已发出");
  await expect(officer.getByTestId("report-clock")).toHaveAttribute("data-sla", "met");
  expect((await waitForMail({ to: reporter, subjectIncludes: "初步处理意见" })).text).toContain("确认私钥泄露");
  expect((await waitForMail({ to: subscriber, subjectIncludes: "收到问题报告" })).text).toContain("确认私钥泄露");

  // Revoked on clause 3 item (2) with keyCompromise, through the revocation area: OCSP says so.
  await officer.getByLabel("事实与理由（将告知订户和报告人）").fill("报告人用该证书私钥对指定文本签名，签名经核验有效，私钥已泄露。");
  await officer.getByRole("button", { name: "撤销证书" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("证书已撤销");
  await expect(officer.getByTestId("report-certificate-status")).toHaveAttribute("data-status", "REVOKED");
  expect(ocspText(cert)).toMatch(/Cert Status: revoked[\s\S]*Reason: keyCompromise/);
  expect((await waitForMail({ to: reporter, subjectIncludes: "证书已撤销" })).text).toContain("第三条第（2）项");
  await page.goto(statusLink);
  await expect(page.getByTestId("status-outcome")).toHaveAttribute("data-outcome", "REVOKED");

  // A misuse report, answered with no action: the reason reaches the reporter.
  const other = await seed<{ certificateId: string }>(officer, { action: "certificate", subscriberEmail: subscriber, officerEmail });
  const otherCert = await inspectCertificate(officer, other.certificateId);
  const reporter2 = `${unique("cpr-reporter")}@demo.test`;
  const misuse = await report(browser, otherCert.serialHex, async (p) => {
    await p.getByLabel("问题类别").selectOption("MISUSE");
    await p.getByLabel("问题描述").fill("该证书被用于签署与订户业务无关的合同。");
  }, reporter2);
  await officer.goto("/ra/problem-reports");
  await officer.getByRole("link", { name: misuse.reference }).click();
  await officer.getByLabel("初步处理意见（将原文发给报告人和订户）").fill("正在向订户核实该证书的使用情况。");
  await officer.getByRole("button", { name: "发出初步意见" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("初步处理意见已发出");
  await officer.getByLabel("不予撤销的理由（将告知报告人和订户）").fill("经核实，该合同由订户本人签署，属于申请时载明的用途，未发现滥用。");
  await officer.getByRole("button", { name: "不予撤销并办结" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("不予撤销");
  await expect(officer.getByTestId("report-outcome")).toHaveAttribute("data-outcome", "NO_ACTION");
  expect((await waitForMail({ to: reporter2, subjectIncludes: "不予撤销" })).text).toContain("未发现滥用");
  expect((await inspectCertificate(officer, other.certificateId)).status).not.toBe("REVOKED");
  await officer.context().close();
});
