import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { expectAccessibleOnPhone, seed } from "./console-case-helpers";
import { waitForMail } from "./support/mailbox";
import { png } from "./support/portal-journeys";

// Issue 15, item 1: the wizard that remembers. A new subscriber (name given at sign-up) fills steps
// 1-3; the browser's Back twice, Forward and a refresh keep every input; the tab is closed and the
// draft resumed from the dashboard at its step; empty required steps mark their fields; a second
// draft is deleted from the dashboard; the first is finished and submitted, and the stored
// application holds what was typed.

const current = (page: Page) => page.getByTestId("wizard-steps").locator("[aria-current=step]");

async function signUpNamed(page: Page, name: string): Promise<void> {
  const email = `wizard-${Date.now()}@example.com`;
  const password = "a long passphrase 2026";
  await page.goto("/sign-up");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("姓名（可选）").fill(name);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入密码").fill(password);
  await page.getByRole("main").getByRole("button", { name: "注册" }).click();
  await expect(page.getByTestId("sign-up-done")).toBeVisible();
  const mail = await waitForMail({ to: email, subjectIncludes: "验证" });
  await page.goto(mail.links.find((l) => l.includes("/verify-email?token="))!);
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
}

/** Step 3; `again`: this person accepted the version in force before, so it is not asked again (one acceptance rule, issue 15). */
async function acceptAgreementStep(page: Page, again = false): Promise<void> {
  await expect(current(page)).toHaveText("3. 订户协议");
  if (again) {
    await expect(page.getByTestId("agreement-already-accepted")).toContainText("无需再次接受");
    await page.getByRole("button", { name: "下一步" }).click();
  } else {
    await page.getByTestId("agreement-end").scrollIntoViewIfNeeded();
    await page.getByRole("checkbox", { name: /我已阅读并理解第 \d+ 版订户协议/ }).check();
    await page.getByRole("button", { name: "接受协议并继续" }).click();
  }
  await expect(current(page)).toHaveText("4. 证明文件");
}

test("the apply wizard survives Back, Forward, refresh and a closed tab; drafts resume and delete from the dashboard", async ({ page }) => {
  await signUpNamed(page, "王小明");

  // A second draft first (encryption certificate), to delete later from the dashboard.
  await page.goto("/apply");
  await page.getByRole("radio", { name: /加密证书/ }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByLabel("证件号码").fill("11010519491231002X");
  await page.getByRole("button", { name: "下一步" }).click();
  await acceptAgreementStep(page);
  const spareId = new URL(page.url()).searchParams.get("draft")!;
  expect(spareId).toMatch(/^[0-9a-f-]{36}$/);

  // Steps 1-3 of the application that will be submitted.
  await page.goto("/apply");
  await page.getByRole("radio", { name: /^个人签名证书 / }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(current(page)).toHaveText("2. 身份信息");
  // The name from sign-up is pre-filled; a private person is not asked where the certificate is used.
  await expect(page.getByLabel("姓名（与证件一致）")).toHaveValue("王小明");
  await expect(page.getByLabel("项目/系统/平台名称")).toHaveCount(0);
  // An empty required field is marked, named in the summary, and gets the focus.
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByLabel("证件号码")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("证件号码")).toBeFocused();
  await expect(page.locator("[data-alert=error]")).toHaveText("有 1 处内容需要更正，已用红色标出。");
  await expectAccessibleOnPhone(page);
  await page.getByLabel("证件号码").fill("11010519491231002X");
  await page.getByLabel("省份（可选）").fill("北京");
  await page.getByLabel("城市（可选）").fill("北京");
  await page.getByRole("button", { name: "下一步" }).click();
  await acceptAgreementStep(page, true);
  expect(page.url()).toMatch(/\/apply\?draft=[0-9a-f-]{36}&step=documents$/);
  const draftId = new URL(page.url()).searchParams.get("draft")!;
  await page.getByLabel("身份证件正面").setInputFiles({ name: "front.png", mimeType: "image/png", buffer: png() });
  await expect(page.getByTestId("upload-ID_FRONT")).toHaveAttribute("data-state", "done");

  // Back twice, Forward, refresh: the same step with the inputs.
  await page.goBack();
  await expect(current(page)).toHaveText("3. 订户协议");
  await expect(page.getByTestId("agreement-accepted-for-draft")).toBeVisible();
  await page.goBack();
  await expect(current(page)).toHaveText("2. 身份信息");
  await expect(page.getByLabel("姓名（与证件一致）")).toHaveValue("王小明");
  await expect(page.getByLabel("证件号码")).toHaveValue("11010519491231002X");
  await expect(page.getByLabel("省份（可选）")).toHaveValue("北京");
  await page.goForward();
  await expect(current(page)).toHaveText("3. 订户协议");
  await page.reload();
  await expect(current(page)).toHaveText("3. 订户协议");
  expect(new URL(page.url()).searchParams.get("draft")).toBe(draftId);
  await page.getByRole("button", { name: "上一步" }).click();
  await expect(page.getByLabel("城市（可选）")).toHaveValue("北京");
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(current(page)).toHaveText("4. 证明文件");
  await expect(page.getByTestId("upload-ID_FRONT")).toHaveAttribute("data-state", "done");
  // The missing back side is marked.
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByLabel("身份证件背面")).toHaveAttribute("aria-invalid", "true");
  await expectAccessibleOnPhone(page);

  // Close the tab; a new one resumes from the dashboard at the documents step.
  const context = page.context();
  await page.close();
  const tab = await context.newPage();
  await tab.goto("/dashboard");
  const card = tab.getByTestId("draft-application").and(tab.locator(`[data-application-id="${draftId}"]`));
  await expect(card).toHaveAttribute("data-step", "documents");
  await expectAccessibleOnPhone(tab);

  // Delete the other draft, after the confirmation.
  const spare = tab.getByTestId("draft-application").and(tab.locator(`[data-application-id="${spareId}"]`));
  await spare.getByRole("button", { name: "删除草稿" }).click();
  await spare.getByRole("button", { name: "确认删除" }).click();
  await expect(spare).toHaveCount(0);
  expect(((await seed(tab, { action: "inspect-application", applicationId: spareId })) as { status: string }).status).toBe("CANCELLED");

  await card.getByRole("link", { name: "继续填写" }).click();
  await expect(current(tab)).toHaveText("4. 证明文件");
  await expect(tab.getByTestId("upload-ID_FRONT")).toHaveAttribute("data-state", "done");
  await tab.getByLabel("身份证件背面").setInputFiles({ name: "back.png", mimeType: "image/png", buffer: png() });
  await expect(tab.getByTestId("upload-ID_BACK")).toHaveAttribute("data-state", "done");
  await tab.getByRole("button", { name: "下一步" }).click();

  // Declarations: the unticked ones are marked.
  await expect(current(tab)).toHaveText("5. 声明");
  await tab.getByRole("button", { name: "下一步" }).click();
  await expect(tab.locator("input[type=checkbox][aria-invalid=true]")).toHaveCount(4);
  for (const box of await tab.getByRole("checkbox").all()) await box.check();
  await tab.getByRole("button", { name: "下一步" }).click();
  await tab.getByRole("checkbox").check();
  await tab.getByRole("button", { name: "下一步" }).click();

  // The key: made once; back and forth keeps it and makes no second one.
  await expect(current(tab)).toHaveText("7. 密钥");
  await tab.getByRole("button", { name: "生成密钥" }).click();
  await expect(tab.getByTestId("key-progress")).toHaveText("密钥已就绪，证书请求已发送。");
  const firstKey = ((await seed(tab, { action: "inspect-application", applicationId: draftId })) as { csrSpkiSha256: string }).csrSpkiSha256;
  await tab.getByRole("button", { name: "上一步" }).click();
  await expect(current(tab)).toHaveText("6. 费用");
  await tab.getByRole("button", { name: "下一步" }).click();
  await expect(tab.getByRole("button", { name: "生成密钥" })).toBeDisabled();
  await tab.getByRole("button", { name: "下一步" }).click();
  await expect(current(tab)).toHaveText("8. 提交");
  await expect(tab.getByRole("button", { name: "上一步" })).toBeVisible();
  await expectAccessibleOnPhone(tab);
  await tab.getByRole("button", { name: "提交申请" }).click();
  await expect(tab.getByTestId("application-submitted")).toBeVisible();

  const stored = (await seed(tab, { action: "inspect-application", applicationId: draftId })) as { status: string; subjectDetails: unknown; legalName: string; csrSpkiSha256: string };
  expect(stored).toMatchObject({ status: "SUBMITTED", legalName: "王小明", subjectDetails: { country: "CN", province: "北京", city: "北京" }, csrSpkiSha256: firstKey });
  expect(stored.subjectDetails).not.toHaveProperty("usageScope");
});
