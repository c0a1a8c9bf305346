import { expect, test } from "./support/page-scan";
import { approveAsSecondAdmin, demoAccount, pageAs } from "./console-helpers";
import { crlText, expectAccessibleOnPhone, inspectCertificate, newSubscriber, seed } from "./console-case-helpers";

// Issue 14 item 6: a batch revocation by a pasted list of serials. The administrator previews it
// (count, the unknown serial listed back), requests it, the second administrator approves it, the
// batch runs to done, and the certificates are revoked in OCSP's and the CRL's eyes.

test("the administrator previews a list of serials, a second administrator approves, the batch reaches done and the certificates are revoked", async ({ browser }) => {
  const admin = await pageAs(browser, "CA_ADMIN");
  const subscriberEmail = await newSubscriber(admin, "batch");
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push((await seed<{ certificateId: string }>(admin, { action: "certificate", subscriberEmail, officerEmail: demoAccount("RA_OFFICER").email })).certificateId);
  }
  const certs = await Promise.all(ids.map((id) => inspectCertificate(admin, id)));

  await admin.goto("/admin/revocations");
  await admin.getByRole("link", { name: "批量撤销" }).click();
  await expect(admin).toHaveURL(/\/admin\/revocations\/batch$/);
  // As an administrator may paste them: upper case, one with colons, an unknown serial and a line that is none.
  const pasted = [certs[0]!.serialHex.toUpperCase(), certs[1]!.serialHex.match(/.{1,2}/g)!.join(":"), `0x${certs[2]!.serialHex}`, "DEADBEEF0001", "不是序列号"].join("\n");
  await admin.getByLabel("序列号清单（十六进制，每行一个）").fill(pasted);
  await admin.getByLabel("撤销事由（第 3 条）及发布的撤销原因").selectOption("USE_OUTSIDE_PURPOSE:PRIVILEGE_WITHDRAWN");
  await admin.getByRole("button", { name: "预览" }).click();

  const preview = admin.getByTestId("batch-preview");
  await expect(preview).toHaveAttribute("data-total", "3");
  await expect(preview).toHaveAttribute("data-to-revoke", "3");
  await expect(admin.getByTestId("batch-unknown")).toContainText("deadbeef0001");
  await expect(admin.getByTestId("batch-invalid")).toContainText("不是序列号");
  await expectAccessibleOnPhone(admin);

  const form = admin.getByTestId("batch-request-form");
  await form.getByLabel("事实和理由（将告知每一位订户，至少 10 个字）").fill("经核查，这批证书被用于申请范围以外的交易平台。");
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "提交审批" }).click();
  // Nothing is revoked before the second administrator approves.
  expect((await inspectCertificate(admin, ids[0]!)).status).not.toBe("REVOKED");
  await approveAsSecondAdmin(admin);

  // The approved batch runs at once; its progress reaches done / total.
  await admin.goto("/admin/revocations/batch");
  const row = admin.getByTestId("batch-list").locator("li").first();
  await expect(async () => {
    await admin.reload();
    await expect(row).toHaveAttribute("data-status", "DONE", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(row).toHaveAttribute("data-handled", "3");
  await expect(row.getByTestId("batch-progress")).toHaveText("已处理 3 / 3（撤销 3，跳过 0，失败 0）");
  await expectAccessibleOnPhone(admin);

  for (const id of ids) {
    const after = await inspectCertificate(admin, id);
    expect(after).toMatchObject({ status: "REVOKED", revocationReason: "PRIVILEGE_WITHDRAWN" });
    expect(after.audit.find((a) => a.action === "revocation.revoked-by-ca")?.summary).toMatchObject({ ground: "USE_OUTSIDE_PURPOSE" });
  }
  // Each in the CRL shard its certificate names (published once at the end of the batch).
  for (const c of certs) expect(await crlText(admin, c)).toContain(`SERIAL NUMBER: ${(c.serialHex.length % 2 ? "0" : "") + c.serialHex.toUpperCase()}`);
});
