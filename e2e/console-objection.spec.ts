import type { Browser } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { demoAccount, pageAs } from "./console-helpers";
import { expectAccessibleOnPhone, inspectCertificate, newSubscriber, ocspText, seed, switchLanguage } from "./console-case-helpers";

// Issue 7, objections (clauses 1.8 and 2.2): the officer sees the failed test with its reason and
// the certificate, and resolves the objection by consultation, revocation or change. Each test
// seeds its own subscriber, certificate (downloaded, tests run, certificate test failed) and objection.

type Seeded = { certificateId: string; objectionId: string; testResultId: string };

async function openObjection(browser: Browser, reason: string) {
  const officer = await pageAs(browser, "RA_OFFICER");
  const subscriberEmail = await newSubscriber(officer, "objector");
  const seeded = await seed<Seeded>(officer, { action: "objection", subscriberEmail, officerEmail: demoAccount("RA_OFFICER").email, reason });
  // Reached from the work queue, as an officer would.
  await officer.goto("/ra?kind=objection");
  await officer.locator(`[data-testid="work-item"][data-id="${seeded.objectionId}"]`).getByRole("link").click();
  await expect(officer.getByTestId("objection-case")).toBeVisible();
  return { officer, subscriberEmail, ...seeded };
}

test("the officer sees the failed test with its reason and the certificate, and resolves by consultation", async ({ browser }) => {
  const { officer, subscriberEmail, certificateId, objectionId } = await openObjection(browser, "证书测试未通过：浏览器中没有私钥。");
  const status = officer.getByTestId("objection-status");
  await expect(status).toHaveAttribute("data-status", "OPEN");
  await expect(status).toHaveText("待处理");
  await expect(officer.getByTestId("objection-reason")).toHaveText("证书测试未通过：浏览器中没有私钥。");
  // The attached test in words: kind, outcome and why it failed; no JSON anywhere.
  const attached = officer.getByTestId("objection-test");
  await expect(attached).toHaveAttribute("data-kind", "CERTIFICATE");
  await expect(attached).toContainText("证书测试 · 未通过");
  await expect(attached.locator('[data-key="keySource"]')).toHaveText("本浏览器中没有此证书的私钥");
  await expect(attached.locator('[data-key="serverCheck"]')).toHaveText("未收到签名，无法核验");
  await expect(officer.getByTestId("test-run")).toHaveCount(2);
  await expect(officer.locator('[data-testid="test-run"][data-kind="INFO_LOADING"]')).toContainText("信息加载测试");
  await expect(officer.getByTestId("objection-case")).not.toContainText("{");
  // The certificate it is about: profile by name, status and delivery as labels.
  const cert = officer.getByTestId("case-certificate");
  await expect(cert).toContainText(subscriberEmail);
  await expect(cert.locator("[data-profile]")).toHaveAttribute("data-profile", "individual-signing");
  await expect(cert.locator("[data-profile]")).not.toHaveText("individual-signing");
  await expect(cert.locator("[data-delivery-method]")).toHaveText("在线下载");
  // The state derived from the times, not the coarse stored one.
  await expect(cert.locator("[data-derived]")).toHaveAttribute("data-derived", "OBJECTED");
  await expect(cert.locator("[data-derived]")).toHaveText("异议处理中");
  await expect(cert.getByTestId("case-test-window")).toContainText("北京时间");
  await expectAccessibleOnPhone(officer);

  await officer.getByLabel("处理方式").selectOption("CONSULTATION");
  await officer.getByLabel("处理结果（订户可见）").fill("已电话说明：在原浏览器中测试即可，证书无误。");
  await officer.getByRole("button", { name: "处理异议" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("异议已处理");
  await expect(status).toHaveAttribute("data-resolution", "CONSULTATION");
  await expect(status).toHaveText("协商解决");
  await expect(officer.getByTestId("objection-note")).toHaveText("已电话说明：在原浏览器中测试即可，证书无误。");
  await expect(officer.getByRole("button", { name: "处理异议" })).toHaveCount(0);
  await expect(cert.locator("[data-derived]")).not.toHaveAttribute("data-derived", "OBJECTED");

  // From outside: the certificate stands, the audit log has the resolution.
  const after = await inspectCertificate(officer, certificateId);
  expect(after.revokedAt).toBeNull();
  expect(ocspText(after)).toContain("Cert Status: good");
  const resolved = after.audit.filter((e) => e.action === "certificate.objection-resolved");
  expect(resolved).toHaveLength(1);
  expect(resolved[0]!.summary).toMatchObject({ resolution: "CONSULTATION", certificateId });

  // The same page in English.
  await switchLanguage(officer, "English");
  await expect(status).toHaveText("Resolved by consultation");
  await expect(attached).toContainText("Certificate test · failed");
  await expect(attached.locator('[data-key="keySource"]')).toHaveText("no private key for this certificate in the browser");
  await expect(officer.getByTestId("case-certificate").locator("[data-delivery-method]")).toHaveText("Online download");
  await expectAccessibleOnPhone(officer);
  await officer.screenshot({ path: test.info().outputPath(`objection-${objectionId}-en.png`), fullPage: true });
  await switchLanguage(officer, "中文");
  await officer.context().close();
});

test("an objection resolved by revocation revokes at once with the reason chosen: OCSP says keyCompromise", async ({ browser }) => {
  const { officer, certificateId } = await openObjection(browser, "私钥可能已被他人复制。");
  expect(ocspText(await inspectCertificate(officer, certificateId))).toContain("Cert Status: good");
  await officer.getByLabel("处理方式").selectOption("REVOCATION");
  await officer.getByLabel("撤销原因（仅在撤销时使用）").selectOption("KEY_COMPROMISE");
  await officer.getByLabel("处理结果（订户可见）").fill("经核实私钥可能泄露，撤销该证书，请重新申请。");
  await officer.getByRole("button", { name: "处理异议" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("异议已处理");
  await expect(officer.getByTestId("objection-status")).toHaveText("撤销证书");
  const certStatus = officer.getByTestId("case-certificate").locator("[data-status]");
  await expect(certStatus).toHaveAttribute("data-status", "REVOKED");
  await expect(certStatus).toHaveAttribute("data-derived", "REVOKED");
  await expect(certStatus).toContainText("已撤销");
  await expect(certStatus).toContainText("密钥泄露");

  const after = await inspectCertificate(officer, certificateId);
  expect(after).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
  const ocsp = ocspText(after);
  expect(ocsp).toContain("Cert Status: revoked");
  expect(ocsp).toContain("Reason: keyCompromise");
  await officer.screenshot({ path: test.info().outputPath("objection-revoked.png"), fullPage: true });
  await officer.context().close();
});

test("an objection resolved by change leaves the certificate valid until its replacement is issued", async ({ browser }) => {
  const { officer, certificateId } = await openObjection(browser, "证书中的单位名称有误。");
  await officer.getByLabel("处理方式").selectOption("CHANGE");
  await officer.getByLabel("处理结果（订户可见）").fill("请提交变更申请，新证书签发后本证书将被取代。");
  await officer.getByRole("button", { name: "处理异议" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("异议已处理");
  await expect(officer.getByTestId("objection-status")).toHaveAttribute("data-resolution", "CHANGE");
  await expect(officer.getByTestId("objection-status")).toHaveText("变更证书");
  const after = await inspectCertificate(officer, certificateId);
  expect(after.revokedAt).toBeNull();
  expect(ocspText(after)).toContain("Cert Status: good");
  const resolved = after.audit.find((e) => e.action === "certificate.objection-resolved");
  expect(resolved?.summary).toMatchObject({ resolution: "CHANGE", changeApplicationExpected: true });
  await officer.context().close();
});
