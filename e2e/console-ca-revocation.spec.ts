import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/page-scan";
import { approveAsSecondAdmin, demoAccount, pageAs } from "./console-helpers";
import { crlText, expectAccessibleOnPhone, inspectCertificate, newSubscriber, ocspText, seed, switchLanguage } from "./console-case-helpers";
import { waitForMail } from "./support/mailbox";

// Issue 7, CA-initiated revocation (clause 3, administrator rights): the administrator finds the
// certificate by serial number, checks it, revokes on one of the five grounds with the facts;
// OCSP and the CRL say revoked with the mapped reason, the subscriber is told, the audit log has it.

test("the administrator revokes on a clause 3 ground: OCSP and CRL say revoked, the subscriber is mailed, the audit log records it", async ({ browser }) => {
  const admin = await pageAs(browser, "CA_ADMIN");
  const since = new Date();
  const subscriberEmail = await newSubscriber(admin, "ca-revoke");
  const { certificateId } = await seed<{ certificateId: string }>(admin, { action: "certificate", subscriberEmail, officerEmail: demoAccount("RA_OFFICER").email });
  const before = await inspectCertificate(admin, certificateId);
  expect(ocspText(before)).toContain("Cert Status: good");

  await admin.goto("/admin/revocations");
  await expect(admin.getByTestId("ca-grounds").locator("li")).toHaveCount(5);
  await expect(admin.getByTestId("ca-grounds")).toContainText("（二）私钥泄露或证书安全性无法保证 — 在 CRL/OCSP 中公布为：密钥泄露");
  // A serial that matches nothing says so.
  await admin.getByLabel("序列号（十六进制）").fill("DEADBEEF0001");
  await admin.getByRole("button", { name: "查找" }).click();
  await expect(admin.locator('[data-alert="error"]')).toContainText("没有序列号为 DEADBEEF0001 的证书");

  // The serial as an administrator may copy it from elsewhere: upper case, with colons.
  const typed = before.serialHex.toUpperCase().match(/.{1,2}/g)!.join(":");
  await admin.getByLabel("序列号（十六进制）").fill(typed);
  await admin.getByRole("button", { name: "查找" }).click();
  const candidate = admin.getByTestId("ca-revocation-candidate");
  await expect(candidate).toHaveCount(1);
  await expect(candidate).toContainText(subscriberEmail);
  await expect(candidate).not.toContainText("individual-signing");
  await expect(admin.getByTestId("candidate-status")).toHaveText("已签发");
  await expectAccessibleOnPhone(admin);

  const form = admin.getByTestId("ca-revoke-form");
  // Only the reasons clause 3 permits for each ground are offered.
  const choice = form.getByLabel("撤销情形（第三条）及公布的原因");
  await expect(choice.locator("option")).toHaveCount(10);
  await expect(choice.locator('option[value="FALSE_APPLICATION_DATA:KEY_COMPROMISE"]')).toHaveCount(0);
  await choice.selectOption("KEY_COMPROMISED:KEY_COMPROMISE");
  await form.getByLabel("决定所依据的事实（订户可见，至少 10 个字）").fill("订户私钥出现在公开代码仓库中，经核实已泄露。");
  // Without the confirmation the browser does not send the form.
  await form.getByRole("button", { name: "撤销证书" }).click();
  await expect(admin.locator('[data-alert="success"]')).toHaveCount(0);
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "撤销证书" }).click();
  // Dual control: the revocation is requested; the second administrator's approval carries it out.
  await approveAsSecondAdmin(admin);
  await admin.goto("/admin/revocations");
  const row = admin.locator(`[data-testid="ca-revocation-row"][data-serial="${before.serialHex}"]`);
  await expect(row).toHaveAttribute("data-ground", "KEY_COMPROMISED");
  await expect(row).toContainText("（二）私钥泄露或证书安全性无法保证");
  await expect(row).toContainText("密钥泄露");
  await expect(row).toContainText("已撤销");
  await expect(row).toContainText("订户私钥出现在公开代码仓库中，经核实已泄露。");
  await expect(row).toContainText(demoAccount("CA_ADMIN").email);
  await expectAccessibleOnPhone(admin);

  // Looking it up again: revoked, and no form to revoke twice.
  await admin.goto(`/admin/revocations?serial=${before.serialHex}`);
  await expect(admin.getByTestId("candidate-status")).toContainText("已撤销");
  await expect(admin.getByTestId("ca-revoke-form")).toHaveCount(0);

  // From outside: OCSP, the CRL, the subscriber's mail, the audit log.
  const after = await inspectCertificate(admin, certificateId);
  expect(after).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
  const ocsp = ocspText(after);
  expect(ocsp).toContain("Cert Status: revoked");
  expect(ocsp).toContain("Reason: keyCompromise");
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-ca-revoke-"));
  writeFileSync(path.join(dir, "leaf.pem"), after.pem);
  const serial = execFileSync("openssl", ["x509", "-in", path.join(dir, "leaf.pem"), "-noout", "-serial"], { encoding: "utf8" }).replace("serial=", "").trim().toUpperCase();
  const crl = await crlText(admin, after);
  expect(crl).toContain(`SERIAL NUMBER: ${serial}`);
  expect(crl).toMatch(new RegExp(`SERIAL NUMBER: ${serial}\\s+REVOCATION DATE: [^\\n]+\\n\\s+CRL ENTRY EXTENSIONS:\\s+X509V3 CRL REASON CODE:\\s+KEY COMPROMISE`));
  const mail = await waitForMail({ to: subscriberEmail, subjectIncludes: "证书已被本中心撤销", since });
  expect(mail.text).toContain("第（2）项");
  expect(mail.text).toContain("订户私钥出现在公开代码仓库中");
  const audit = after.audit.find((e) => e.action === "revocation.revoked-by-ca");
  expect(audit?.summary).toMatchObject({ ground: "KEY_COMPROMISED", reason: "KEY_COMPROMISE", clauseItem: 2 });

  await switchLanguage(admin, "English");
  await admin.goto("/admin/revocations");
  await expect(row).toContainText("(2) Private key compromised or security not assured");
  await expect(row).toContainText("Key compromise");
  await expectAccessibleOnPhone(admin);
  await admin.screenshot({ path: test.info().outputPath("ca-revocation-en.png"), fullPage: true });
  await switchLanguage(admin, "中文");
  await admin.context().close();
});
