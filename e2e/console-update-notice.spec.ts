import { expect, test } from "./support/page-scan";
import { demoAccount, expectAccessible, pageAs } from "./console-helpers";
import { waitForMail } from "./support/mailbox";

// Journey 5: an administrator orders the certificates of a profile updated by a deadline; the
// notice reaches the subscribers by mail, and its progress counts a certificate as updated once
// its renewal has been issued and accepted.

const DAY = 86_400_000;
const beijingLocal = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

test("an update notice reaches the selected subscribers and its progress updates when one renews", async ({ browser }) => {
  const started = new Date();
  const admin = await pageAs(browser, "CA_ADMIN");
  const subscriber = demoAccount("SUBSCRIBER").email;
  const officer = demoAccount("RA_OFFICER").email;
  const seed = async (data: Record<string, unknown>) => {
    const r = await admin.request.post("/api/test/console/seed", { data });
    expect(r.status(), await r.text()).toBe(200);
    return r.json();
  };
  const { certificateId } = (await seed({ action: "certificate", subscriberEmail: subscriber, officerEmail: officer })) as { certificateId: string };

  await admin.goto("/admin/update-notices");
  await expectAccessible(admin);
  // Profiles by name, not code (the code is the checkbox's value).
  const profiles = admin.getByRole("group", { name: "证书类型" });
  await expect(profiles).not.toContainText("individual-signing");
  await profiles.locator('input[value="individual-signing"]').check();
  await admin.getByLabel("原因（发送给订户）").fill("签发 CA 密钥轮换，请更新证书");
  await admin.getByLabel("期限（北京时间）").fill(beijingLocal(new Date(Date.now() + 30 * DAY)));
  // No revocation at the deadline: this notice names every individual certificate of the run, and later
  // journeys move the test clock past its deadline (the revoking consequence has its own journey).
  await admin.locator('input[name="consequence"][value="NO_ACTION"]').check();
  await admin.getByRole("button", { name: "发出通知" }).click();
  await expect(admin.locator('[data-alert="success"]')).toContainText("更新通知已发出");
  await expect(admin.getByTestId("notice-progress")).toBeVisible();
  const pending = admin.getByTestId("targets-pending");
  await expect(pending.locator(`[data-certificate-id="${certificateId}"]`)).toBeVisible();
  await expect(admin.getByTestId("targets-updated").locator(`[data-certificate-id="${certificateId}"]`)).toHaveCount(0);
  const before = await admin.getByTestId("notice-counts").textContent();
  await expectAccessible(admin);

  const mail = await waitForMail({ to: subscriber, subjectIncludes: "更新您的证书", since: started });
  expect(mail.text).toContain("签发 CA 密钥轮换，请更新证书");

  // The subscriber renews: the replacement is issued and accepted.
  await seed({ action: "renewal", subscriberEmail: subscriber, officerEmail: officer, certificateId });
  await admin.reload();
  await expect(admin.getByTestId("targets-updated").locator(`[data-certificate-id="${certificateId}"]`)).toBeVisible();
  await expect(pending.locator(`[data-certificate-id="${certificateId}"]`)).toHaveCount(0);
  expect(await admin.getByTestId("notice-counts").textContent()).not.toBe(before);
  await admin.screenshot({ path: test.info().outputPath("notice-progress.png"), fullPage: true });

  await admin.goto("/admin/update-notices");
  await expect(admin.getByRole("link", { name: "签发 CA 密钥轮换，请更新证书" }).first()).toBeVisible();
  await admin.context().close();
});
