import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { pageAs, setClock } from "./console-helpers";
import { e2eRun } from "./support/run";
import { seriousA11yViolations, subscriberWithCertificate } from "./support/portal-journeys";

// Issue 6, journeys 6 (a file signed with an issued certificate verifies; one byte changed fails),
// 5 (loss report: suspended at once, OCSP certificateHold, officer revokes, CRL
// lists it, the receipt has the times) and 3 (no objection: the clock passes the deadline and the
// certificate shows as deemed accepted). Each starts from a fresh subscriber with an issued
// certificate, made through the same pages as journey 1 without re-checking them.

/** The issuing CA certificate (PEM) whose subject is the leaf's issuer, from the repository. */
async function issuerPem(page: Page, dir: string, leaf: string): Promise<string> {
  const issuer = execFileSync("openssl", ["x509", "-in", leaf, "-noout", "-issuer", "-nameopt", "RFC2253"], { encoding: "utf8" }).replace("issuer=", "").trim();
  await page.goto("/repository");
  for (const [i, link] of (await page.getByTestId("ca-cert-link").all()).entries()) {
    const der = path.join(dir, `ca${i}.cer`);
    writeFileSync(der, await (await page.request.get((await link.getAttribute("href"))!)).body());
    const subject = execFileSync("openssl", ["x509", "-inform", "DER", "-in", der, "-noout", "-subject", "-nameopt", "RFC2253"], { encoding: "utf8" }).replace("subject=", "").trim();
    if (subject === issuer) {
      const pem = path.join(dir, "issuer.pem");
      writeFileSync(pem, execFileSync("openssl", ["x509", "-inform", "DER", "-in", der], { encoding: "utf8" }));
      return pem;
    }
  }
  throw new Error(`issuer ${issuer} not in the repository`);
}

function ocspText(issuer: string, leaf: string): string {
  return execFileSync("openssl", ["ocsp", "-issuer", issuer, "-cert", leaf, "-url", `${e2eRun().baseURL}/pki/ocsp`, "-noverify", "-resp_text"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test("journey 5: a loss report suspends at once (OCSP certificateHold), an officer revokes, the CRL lists it, the receipt has the times", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { certificateId, leafPem } = await subscriberWithCertificate(page, browser, "loss");
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-loss-"));
  const leaf = path.join(dir, "leaf.pem");
  writeFileSync(leaf, leafPem);
  const issuer = await issuerPem(page, dir, leaf);
  expect(ocspText(issuer, leaf)).toContain("Cert Status: good");

  await page.goto(`/certificates/${certificateId}`);
  await page.getByLabel("说明（可选）").first().fill("U 盘在地铁上丢失");
  await page.getByTestId("loss-form").getByRole("button", { name: "立即挂失" }).click();
  // Issue 15: the loss report asks for confirmation, saying what happens (hold, release, until when).
  await expect(page.getByTestId("loss-form-confirm")).toContainText("解除挂起");
  await page.getByTestId("loss-form-confirm").getByRole("button", { name: "确认挂失" }).click();
  await expect(page.getByTestId("certificate-status")).toHaveText("已挂起");
  const held = ocspText(issuer, leaf);
  expect(held).toContain("Cert Status: revoked");
  expect(held).toContain("Reason: certificateHold");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("loss-reported.png"), fullPage: true });

  // The receipt (signed JSON) states when the report was received and the hold took effect.
  const lossHref = (await page.getByTestId("loss-form-done").getByRole("link", { name: "下载回执" }).getAttribute("href"))!;
  const lossReceipt = JSON.parse(((await (await page.request.get(lossHref)).json()) as { json: string }).json) as { request: { kind: string; times: { receivedAt: string } }; certificate: { holdAt: string } };
  expect(lossReceipt.request.kind).toBe("LOSS_REPORT");
  expect(lossReceipt.request.times.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(lossReceipt.certificate.holdAt).toBe(lossReceipt.request.times.receivedAt);

  // The subscriber asks for revocation; an RA officer confirms and revokes through the console.
  await page.getByTestId("revoke-form").getByLabel("原因").selectOption("KEY_COMPROMISE");
  await page.getByTestId("revoke-form").getByRole("button", { name: "提交撤销申请" }).click();
  const revokeHref = (await page.getByTestId("revoke-form-done").getByRole("link", { name: "下载回执" }).getAttribute("href"))!;
  const requestId = revokeHref.split("/").pop()!;
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/revocations/${requestId}`);
  if (await officer.getByLabel("身份确认方式").count()) {
    await officer.getByLabel("身份确认方式").fill("电话回拨核对身份证号后四位");
    await officer.getByRole("button", { name: "确认身份" }).click();
    await expect(officer.getByRole("button", { name: "撤销证书" })).toBeVisible();
    // The 24-hour clock runs: the dashboard's next deadline is the revocation's, named as such.
    await page.goto("/dashboard");
    await expect(page.getByTestId("next-deadline")).toHaveAttribute("data-kind", "revocation");
    await expect(page.getByTestId("next-deadline")).toContainText("撤销办理时限");
    await expect(page.getByTestId("certificate-deadline")).toHaveAttribute("data-kind", "revocation");
    // Notifications by their subject in the reader's language, never by template name.
    await expect(page.getByTestId("my-notifications")).toContainText("证书已挂起（序列号");
    await expect(page.getByTestId("my-notifications")).not.toContainText("revocation.");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath("dashboard-revocation-deadline.png"), fullPage: true });
    await page.goto(`/certificates/${certificateId}`);
  }
  await officer.getByRole("button", { name: "撤销证书" }).click();
  // The request's own status, not the first success alert: the identity check left one on the page
  // already, and closing the officer's browser before the revocation lands would cancel it.
  await expect(officer.getByTestId("request-status")).toHaveAttribute("data-status", "DONE");
  await officer.context().close();

  await page.reload();
  await expect(page.getByTestId("certificate-status")).toHaveText("已撤销");
  await expect(page.getByTestId("revoked-at")).toContainText("北京时间");
  const serial = execFileSync("openssl", ["x509", "-in", leaf, "-noout", "-serial"], { encoding: "utf8" }).replace("serial=", "").trim().toUpperCase();
  const crlUrl = execFileSync("openssl", ["x509", "-in", leaf, "-noout", "-ext", "crlDistributionPoints"], { encoding: "utf8" }).match(/URI:(\S+)/)![1]!;
  const crlPath = path.join(dir, "ca.crl");
  writeFileSync(crlPath, await (await page.request.get(new URL(new URL(crlUrl).pathname, e2eRun().baseURL).toString())).body());
  const crl = execFileSync("openssl", ["crl", "-inform", "DER", "-in", crlPath, "-noout", "-text"], { encoding: "utf8" }).toUpperCase();
  expect(crl).toContain(`SERIAL NUMBER: ${serial}`);
  const done = JSON.parse(((await (await page.request.get(revokeHref)).json()) as { json: string }).json) as { request: { times: { receivedAt: string; compliantAt: string | null; doneAt: string | null } }; revocation: { revokedAt: string } | null };
  expect(done.request.times.doneAt).toMatch(/^\d{4}-/);
  expect(done.revocation?.revokedAt).toBeTruthy();
  await page.screenshot({ path: test.info().outputPath("revoked.png"), fullPage: true });
});

test("journey 3: without an objection the certificate is deemed accepted once the clock passes the deadline", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { certificateId } = await subscriberWithCertificate(page, browser, "deemed");
  await expect(page.getByTestId("test-deadline")).toContainText("北京时间");
  try {
    await setClock(page, { offsetMs: 12 * 86_400_000 });
    await page.goto(`/certificates/${certificateId}`);
    await expect(page.getByTestId("certificate-status")).toHaveText("视为已接受");
    await expect(page.getByTestId("accepted-at")).toHaveAttribute("data-kind", "DEEMED");
    await expect(page.getByTestId("acceptance-record")).toContainText("视为已接受");
    await page.goto("/dashboard");
    await expect(page.getByTestId("certificate-status")).toHaveText("视为已接受");
    await page.screenshot({ path: test.info().outputPath("deemed-accepted.png"), fullPage: true });
  } finally {
    await setClock(page, { offsetMs: 0 });
  }
});

test("journey 6: a file signed with an issued certificate (CSR from OpenSSL) verifies; the same file changed by one byte fails with the reason", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-sign-"));
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key]);
  const csrPem = execFileSync("openssl", ["req", "-new", "-key", key, "-subj", "/CN=openssl-user"], { encoding: "utf8" });
  const { leafPem } = await subscriberWithCertificate(page, browser, "signer", csrPem);
  const leaf = path.join(dir, "leaf.pem");
  writeFileSync(leaf, leafPem);
  const file = path.join(dir, "contract.txt");
  writeFileSync(file, "合同正文：甲方向乙方支付人民币一万元整。\n");
  const sig = path.join(dir, "contract.p7s");
  execFileSync("openssl", ["cms", "-sign", "-binary", "-signer", leaf, "-inkey", key, "-in", file, "-outform", "DER", "-out", sig, "-md", "sha256"]);
  const changed = path.join(dir, "contract-changed.txt");
  const bytes = readFileSync(file);
  bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0x01;
  writeFileSync(changed, bytes);

  await page.goto("/verify");
  await page.getByLabel("签名文件", { exact: true }).check();
  await page.getByLabel("签名文件（CMS / PKCS#7，.p7s）").setInputFiles(sig);
  await page.getByLabel("原文文件（分离式签名时必填）").setInputFiles(file);
  await page.getByRole("button", { name: "开始验证" }).click();
  await expect(page.getByTestId("verdict")).toBeVisible();
  for (const id of ["signature", "chain", "revocation"]) await expect(page.locator(`[data-check="${id}"]`).first()).toHaveAttribute("data-outcome", "pass");
  const outcomes = await page.locator("[data-check]").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-check")}=${e.getAttribute("data-outcome")}: ${e.textContent}`));
  expect(outcomes.filter((o) => o.includes("=fail")), outcomes.join("\n")).toEqual([]);
  await expect(page.getByTestId("verdict")).not.toHaveAttribute("data-overall", "invalid");
  await page.screenshot({ path: test.info().outputPath("signature-verified.png"), fullPage: true });

  await page.getByLabel("原文文件（分离式签名时必填）").setInputFiles(changed);
  await page.getByRole("button", { name: "开始验证" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-overall", "invalid");
  await expect(page.locator('[data-outcome="fail"]').first()).toContainText("内容与签名摘要不一致");
  await page.screenshot({ path: test.info().outputPath("signature-changed.png"), fullPage: true });
});

test("journey 2: a failed certificate test leads to an objection; the officer resolves it by revocation; OCSP says revoked", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The key is made with OpenSSL and never enters this browser, so the certificate test cannot sign.
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-objection-"));
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key]);
  const csrPem = execFileSync("openssl", ["req", "-new", "-key", key, "-subj", "/CN=objector"], { encoding: "utf8" });
  const { certificateId, leafPem } = await subscriberWithCertificate(page, browser, "objector", csrPem);
  const leaf = path.join(dir, "leaf.pem");
  writeFileSync(leaf, leafPem);

  await page.goto(`/certificates/${certificateId}/test`);
  await page.getByRole("button", { name: "开始测试" }).click();
  await expect(page.getByTestId("test-INFO_LOADING")).toHaveAttribute("data-state", "pass");
  await expect(page.getByTestId("test-CERTIFICATE")).toHaveAttribute("data-state", "fail");
  await expect(page.getByTestId("test-CERTIFICATE")).toContainText("本浏览器中没有此证书的私钥");
  await page.screenshot({ path: test.info().outputPath("test-failed.png"), fullPage: true });

  await page.goto(`/certificates/${certificateId}`);
  await expect(page.getByTestId("object-form")).toContainText("将附上最近一次未通过的测试（证书测试）");
  await page.getByLabel("异议内容").fill("证书测试未通过：无法用私钥签名。");
  await page.getByTestId("object-form").getByRole("button", { name: "提出异议" }).click();
  await expect(page.getByTestId("certificate-status")).toHaveText("异议处理中");

  const serial = execFileSync("openssl", ["x509", "-in", leaf, "-noout", "-serial"], { encoding: "utf8" }).replace("serial=", "").trim().toLowerCase().replace(/^(00)+/, "");
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto("/ra");
  await officer.locator('[data-testid="work-item"][data-kind="objection"]').filter({ hasText: serial }).getByRole("link").click();
  await expect(officer.getByTestId("objection-test")).toHaveAttribute("data-kind", "CERTIFICATE");
  await expect(officer.getByTestId("objection-test")).toHaveAttribute("data-passed", "false");
  await officer.getByLabel("处理方式").selectOption("REVOCATION");
  await officer.getByLabel("处理结果（订户可见）").fill("经核实，撤销该证书并重新受理。");
  await officer.getByRole("button", { name: "处理异议" }).click();
  await expect(officer.locator('[data-alert="success"]').first()).toBeVisible();
  await officer.context().close();

  await page.reload();
  await expect(page.getByTestId("certificate-status")).toHaveText("已撤销");
  const issuer = await issuerPem(page, dir, leaf);
  const ocsp = ocspText(issuer, leaf);
  expect(ocsp).toContain("Cert Status: revoked");
  expect(ocsp).not.toContain("certificateHold");
  await page.goto(`/certificates/${certificateId}`);
  await page.screenshot({ path: test.info().outputPath("objection-revoked.png"), fullPage: true });
});
