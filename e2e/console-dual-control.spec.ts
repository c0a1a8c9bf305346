import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { approveAsSecondAdmin, demoAccount, demoAccountByEmail, pageAs, setClock, signIn } from "./console-helpers";
import { expectAccessibleOnPhone, inspectCertificate, newSubscriber, seed } from "./console-case-helpers";

// Issue 14 item 5, dual control: a CA administrator's revocation is only a request until another
// administrator approves it; the requester cannot approve their own; an expired request changes nothing.

const HOUR = 3_600_000;

/** Asks for the CA revocation of a certificate through the revocation page; ends on the request's page. */
async function requestRevocation(admin: Page, serialHex: string): Promise<void> {
  await admin.goto(`/admin/revocations?serial=${serialHex}`);
  const form = admin.getByTestId("ca-revoke-form");
  await form.getByLabel("撤销情形（第三条）及公布的原因").selectOption("FALSE_APPLICATION_DATA:PRIVILEGE_WITHDRAWN");
  await form.getByLabel("决定所依据的事实（订户可见，至少 10 个字）").fill("经核查，申请材料中的营业执照系伪造。");
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "撤销证书" }).click();
  await expect(admin.locator('[data-alert="success"]')).toContainText("已提交审批，等待另一位管理员批准");
}

test("a CA revocation waits for a second administrator; the requester cannot approve it; an expired request does nothing", async ({ browser }) => {
  const admin = await pageAs(browser, "CA_ADMIN");
  const officerEmail = demoAccount("RA_OFFICER").email;
  const first = await seed<{ certificateId: string }>(admin, { action: "certificate", subscriberEmail: await newSubscriber(admin, "dual"), officerEmail });
  const second = await seed<{ certificateId: string }>(admin, { action: "certificate", subscriberEmail: await newSubscriber(admin, "dual-late"), officerEmail });
  const certA = await inspectCertificate(admin, first.certificateId);
  const certB = await inspectCertificate(admin, second.certificateId);

  // Requested, not done: the approval page says what will happen, and offers the requester nothing.
  await requestRevocation(admin, certA.serialHex);
  const approval = admin.getByTestId("approval");
  await expect(approval).toHaveAttribute("data-status", "PENDING");
  await expect(admin.getByTestId("approval-summary")).toContainText(certA.serialHex);
  await expect(admin.getByTestId("approval-summary")).toContainText("申请资料不真实");
  await expect(admin.getByRole("button", { name: "同意并执行" })).toHaveCount(0);
  await expect(admin.getByTestId("approval-why-not")).toContainText("不能审批本人提交的申请");
  await expectAccessibleOnPhone(admin);
  expect((await inspectCertificate(admin, first.certificateId)).status).toBe("ISSUED");

  // The second administrator approves: the certificate is revoked (the stored status says so).
  await approveAsSecondAdmin(admin);
  await expect(approval).toHaveAttribute("data-status", "EXECUTED");
  const revoked = await inspectCertificate(admin, first.certificateId);
  expect(revoked.status).toBe("REVOKED");
  expect(revoked.revocationReason).toBe("PRIVILEGE_WITHDRAWN");
  await admin.goto("/admin/approvals");
  await expect(admin.getByTestId("approvals-mine").locator(`[data-approval-id]`).first()).toContainText("已执行");
  await expectAccessibleOnPhone(admin);

  // A request past its 72 hours: nobody can approve it, and the certificate stays as it was.
  await requestRevocation(admin, certB.serialHex);
  const late = new URL(admin.url()).pathname;
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, demoAccountByEmail("ca-admin2@demo.test"));
  await other.goto(late);
  await expect(other.getByRole("button", { name: "同意并执行" })).toHaveCount(1);
  try {
    await setClock(admin, { offsetMs: 73 * HOUR });
    await other.goto(late);
    await expect(other.getByTestId("approval")).toHaveAttribute("data-status", "EXPIRED");
    await expect(other.getByRole("button", { name: "同意并执行" })).toHaveCount(0);
  } finally {
    await setClock(admin, { offsetMs: 0 });
    await context.close();
  }
  expect((await inspectCertificate(admin, second.certificateId)).status).toBe("ISSUED");
});
