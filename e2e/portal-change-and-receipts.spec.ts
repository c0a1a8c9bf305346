import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { demoAccount, pageAs, signIn } from "./console-helpers";
import { expectAccessibleOnPhone, inspectCertificate, newSubscriber, ocspText, seed } from "./console-case-helpers";
import { waitForMail } from "./support/mailbox";
import { png } from "./support/portal-journeys";

// Issue 13, items 2 and 7: an objection resolved as CHANGE leads the subscriber, from the mail, to
// the certificate page's change card; the change application starts there, is edited and
// submitted on the application page, reviewed, issued and accepted; only then is the old
// certificate superseded (stored status and OCSP). The new certificate's acceptance receipt is
// downloaded from its page as .p7s, .tsr and chain.pem and checked with the very openssl commands
// the page prints.

/** Saves the receipt files the page links, runs the two printed commands in that folder and returns their output. */
async function verifyReceiptFromPage(page: Page): Promise<{ cms: string; ts: string; json: string }> {
  const receipt = page.locator('[data-testid="signed-receipt"][data-kind="acceptance"]');
  await expect(receipt).toHaveCount(1);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-receipt-"));
  for (const file of ["receipt.p7s", "receipt.tsr", "chain.pem"]) {
    const res = await page.request.get((await receipt.getByTestId(`receipt-file-${file}`).getAttribute("href"))!);
    expect(res.status(), file).toBe(200);
    const name = /filename="([^"]+)"/.exec(res.headers()["content-disposition"] ?? "")![1]!;
    writeFileSync(path.join(dir, name), await res.body());
  }
  await receipt.getByText("用 OpenSSL 核验").click();
  const [cms, ts] = (await receipt.getByTestId("receipt-commands").innerText()).trim().split("\n");
  // openssl writes its verdict on stderr; each command must also succeed.
  const run = (command: string) => {
    const [bin, ...args] = command.trim().split(" ");
    const r = spawnSync(bin!, args, { cwd: dir, encoding: "utf8" });
    expect(r.status, `${command}\n${r.stderr}`).toBe(0);
    return r.stdout + r.stderr;
  };
  const cmsOut = run(cms!);
  const jsonFile = /-out (\S+)/.exec(cms!)![1]!;
  const tsOut = run(ts!);
  return { cms: cmsOut, ts: tsOut, json: readFileSync(path.join(dir, jsonFile), "utf8") };
}

test("change after a CHANGE objection: started from the certificate page, edited, submitted, issued, accepted; the old certificate superseded only then; the acceptance receipt verified with openssl", async ({ browser }) => {
  test.setTimeout(240_000);
  const officer = await pageAs(browser, "RA_OFFICER");
  const subscriberEmail = await newSubscriber(officer, "change");
  const { certificateId: oldId, objectionId } = await seed<{ certificateId: string; objectionId: string }>(officer, {
    action: "objection",
    subscriberEmail,
    officerEmail: demoAccount("RA_OFFICER").email,
    reason: "证书中的所在城市有误。",
  });

  // The officer resolves the objection as a change.
  await officer.goto(`/ra/objections/${objectionId}`);
  await officer.getByLabel("处理方式").selectOption("CHANGE");
  await officer.getByLabel("处理结果（订户可见）").fill("请提交变更申请，更正所在城市后重新签发。");
  await officer.getByRole("button", { name: "处理异议" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("异议已处理");

  // The mail leads the subscriber straight to the change card.
  const page = await (await browser.newContext()).newPage();
  await signIn(page, { email: subscriberEmail, password: "subscriber pass 2026 e2e", roles: ["SUBSCRIBER"] });
  const mail = await waitForMail({ to: subscriberEmail, subjectIncludes: "异议已处理" });
  const link = mail.links.find((l) => l.includes(`/certificates/${oldId}#change`));
  expect(link, mail.text).toBeTruthy();
  await page.goto(link!);
  const card = page.getByTestId("change-card");
  await expect(card.getByTestId("change-ordered")).toBeVisible();
  await expectAccessibleOnPhone(page);

  // One acceptance rule: the version in force, accepted once when this certificate was used, covers the change too; no second agreement screen.
  await expect(card.getByTestId("change-agreement-gate")).toHaveCount(0);
  await card.getByRole("button", { name: "申请信息变更" }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  const changeApplicationId = /\/applications\/([0-9a-f-]+)/.exec(page.url())![1]!;
  await expect(page.getByTestId("application-status")).toHaveAttribute("data-status", "DRAFT");

  // On the application page: the detail that changed, the documents, the declarations, submit.
  await page.getByLabel("城市").fill("厦门市");
  await page.getByRole("button", { name: "保存申请信息" }).click();
  await expect(page.getByTestId("details-form").locator('[data-alert="success"]')).toHaveText("申请信息已保存。");
  await page.getByLabel("上传：身份证件正面").setInputFiles({ name: "正面.png", mimeType: "image/png", buffer: png() });
  await expect(page.locator('[data-testid="editor-document"][data-kind="ID_FRONT"]')).toHaveCount(1);
  await page.getByLabel("上传：身份证件背面").setInputFiles({ name: "背面.png", mimeType: "image/png", buffer: png() });
  await expect(page.locator('[data-testid="editor-document"][data-kind="ID_BACK"]')).toHaveCount(1);
  for (const box of await page.getByTestId("send-form").getByRole("checkbox").all()) await box.check();
  await page.getByTestId("send-form").getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByTestId("application-status")).toHaveAttribute("data-status", "SUBMITTED");

  // The officer reviews it like any application: approves and issues.
  await officer.goto(`/ra/applications/${changeApplicationId}`);
  if (await officer.getByLabel("流水号或收据号").count()) {
    await officer.getByLabel("流水号或收据号").fill("POS-change");
    await officer.getByRole("button", { name: "登记付款" }).click();
    await expect(officer.locator('[data-alert="success"]')).toBeVisible();
  }
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");

  // Issued but not accepted yet: the old certificate still stands.
  let old = await inspectCertificate(officer, oldId);
  expect(old.revokedAt).toBeNull();
  expect(ocspText(old)).toContain("Cert Status: good");

  // The subscriber receives the new certificate (first download) and accepts it.
  await page.reload();
  await page.getByTestId("application-certificate").click();
  await page.waitForURL(/\/certificates\/[0-9a-f-]+$/);
  const newId = /\/certificates\/([0-9a-f-]+)/.exec(page.url())![1]!;
  expect(newId).not.toBe(oldId);
  const download = page.waitForEvent("download");
  await page.getByTestId("download-pem").click();
  await download;
  await page.reload();
  await page.getByTestId("accept-form").getByRole("button", { name: "接受证书" }).click();
  // The page re-renders accepted: the decision's cards are gone.
  await expect(page.getByTestId("accept-form")).toHaveCount(0);
  await expect(page.getByTestId("certificate-status")).toHaveText("已接受");

  // Only now is the old certificate superseded: stored, and as OCSP answers it.
  old = await inspectCertificate(officer, oldId);
  expect(old).toMatchObject({ status: "REVOKED", revocationReason: "SUPERSEDED" });
  const ocsp = ocspText(old);
  expect(ocsp).toContain("Cert Status: revoked");
  expect(ocsp).toContain("Reason: superseded");

  // The acceptance receipt of the new certificate, checked with openssl alone.
  const verified = await verifyReceiptFromPage(page);
  expect(verified.cms).toContain("Verification successful");
  expect(verified.ts).toContain("Verification: OK");
  const record = JSON.parse(verified.json) as { type: string; acceptance: { context: string; acceptedBy: { email: string } } };
  // The contract of the changed certificate rests on the one acceptance that covered it: the one made before the first download (its context is evidence of where it was clicked).
  expect(record).toMatchObject({ type: "subscriber-agreement-acceptance-receipt", acceptance: { context: "DOWNLOAD", acceptedBy: { email: subscriberEmail } } });
  await expectAccessibleOnPhone(page);
  await page.screenshot({ path: test.info().outputPath("change-accepted-receipts.png"), fullPage: true });

  await page.context().close();
  await officer.context().close();
});
