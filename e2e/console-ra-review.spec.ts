import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { residentIdCheckChar } from "@/domain/identity";
import { pageAs } from "./console-helpers";
import { waitForMail } from "./support/mailbox";
import { fillIndividualApplicationToKeyStep, seriousA11yViolations, signUp } from "./support/portal-journeys";

// Issue 14, item 2: two subscribers apply, from two accounts, with one identity number under two
// spellings of the name ("张三", and "张 三" with the number typed in groups and a full-width last
// digit). The officer sees the other application as a possible duplicate (same ID number) and in
// the subject's history, follows the link, asks the first for more information (read by its
// applicant on the application page) and rejects the second with a reason (read on the page and
// in the mail). The stored outcome is read back.

/** axe finds nothing serious, and the page does not scroll sideways on a 390 px phone. */
async function checkPage(page: Page, name: string) {
  expect(await seriousA11yViolations(page), name).toEqual([]);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: test.info().outputPath(`${name}-390.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
  expect(wide, `${name} at 390 px`).toBeLessThanOrEqual(390);
}

/** Applies as an individual with a browser key; returns the application id. */
async function apply(page: Page, tag: string, name: string, idNumber: string): Promise<{ email: string; applicationId: string }> {
  const email = await signUp(page, tag);
  await page.goto("/apply");
  await page.getByRole("radio", { name: /^个人签名证书 / }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await fillIndividualApplicationToKeyStep(page, name, idNumber);
  await page.getByRole("button", { name: "生成密钥" }).click();
  await expect(page.getByTestId("key-progress")).toHaveText("密钥已就绪，证书请求已发送。");
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("button", { name: "提交申请" }).click();
  await page.getByRole("link", { name: "查看申请状态" }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  return { email, applicationId: /\/applications\/([0-9a-f-]+)/.exec(page.url())![1]! };
}

test("RA review: a duplicate under another spelling, the subject's history, more information, a rejection with its reason", async ({ browser }) => {
  test.setTimeout(240_000);
  // A number of this run (the database may hold earlier runs' applications under the sample number).
  const first17 = `110101${1950 + randomInt(50)}${String(1 + randomInt(12)).padStart(2, "0")}${String(1 + randomInt(28)).padStart(2, "0")}${String(randomInt(1000)).padStart(3, "0")}`;
  const number = first17 + residentIdCheckChar(first17);
  const last = number.at(-1)!;
  const typedOtherwise = `${number.slice(0, 6)} ${number.slice(6, 14)} ${number.slice(14, 17)}${/\d/.test(last) ? String.fromCharCode(last.charCodeAt(0) + 0xfee0) : "x"}`;

  const first = await (await browser.newContext()).newPage();
  const a = await apply(first, "ra-review-a", "张三", number);
  const second = await (await browser.newContext()).newPage();
  const b = await apply(second, "ra-review-b", "张 三", typedOtherwise);

  // The officer reviews the second: the first is a possible duplicate by ID number, and in the history, linked.
  const officer = await pageAs(browser, "RA_OFFICER");
  const seed = async (data: Record<string, unknown>) => {
    const r = await officer.request.post("/api/test/console/seed", { data });
    expect(r.status(), await r.text()).toBe(200);
    return r.json();
  };
  await officer.goto(`/ra/applications/${b.applicationId}`);
  await expect(officer.getByTestId("identity-name")).toHaveText("张 三");
  const duplicate = officer.locator(`[data-testid="duplicate"][data-id="${a.applicationId}"]`);
  await expect(duplicate).toHaveAttribute("data-match", "SAME_ID_NUMBER");
  await expect(duplicate).toContainText("证件号码相同");
  await expect(duplicate.getByTestId("subject-name")).toHaveText("张三");
  await expect(duplicate).toContainText(a.email);
  await expect(duplicate).toContainText("其他账户");
  const earlier = officer.getByTestId("subject-applications").locator(`li[data-id="${a.applicationId}"]`);
  await expect(earlier).toHaveAttribute("data-other-account", "true");
  await expect(earlier.getByRole("link")).toHaveAttribute("href", `/ra/applications/${a.applicationId}`);
  await checkPage(officer, "review-duplicate");

  // Follow the duplicate's link and ask its applicant for more information.
  await duplicate.getByRole("link").click();
  await officer.waitForURL(new RegExp(`/ra/applications/${a.applicationId}$`));
  await expect(officer.locator(`[data-testid="duplicate"][data-id="${b.applicationId}"]`)).toHaveAttribute("data-match", "SAME_ID_NUMBER");
  const question = "另有一份申请使用相同的身份证号码，但姓名写作“张 三”。请说明是否由您本人提交，并上传手持身份证照片。";
  await officer.getByLabel("申请人需补充或更正的内容").fill(question);
  await officer.getByRole("button", { name: "要求补充材料" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("已要求申请人补充材料");
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "NEEDS_INFO");

  await first.goto(`/applications/${a.applicationId}`);
  await expect(first.getByTestId("info-request-question")).toHaveText(question);
  await expect(first.getByTestId("application-status")).toHaveAttribute("data-status", "NEEDS_INFO");

  // Reject the second with a reason.
  const reason = "该身份证号码已有他人以“张三”名义提交申请，姓名与证件不一致，本申请不予受理。";
  await officer.goto(`/ra/applications/${b.applicationId}`);
  await officer.getByLabel("拒绝理由（申请人可见）").fill(reason);
  await officer.getByRole("button", { name: "拒绝" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "REJECTED");

  await second.goto(`/applications/${b.applicationId}`);
  await expect(second.getByTestId("application-status")).toHaveAttribute("data-status", "REJECTED");
  await expect(second.getByTestId("decision-reason")).toHaveText(reason);
  await checkPage(second, "rejected");
  const mail = await waitForMail({ to: b.email, subjectIncludes: "未通过审核" });
  expect(mail.text).toContain(reason);
  expect(mail.links.some((l) => l.endsWith(`/applications/${b.applicationId}`))).toBe(true);

  // What was stored: one key for both spellings of the number, the question, the rejection and its reason.
  const storedA = (await seed({ action: "inspect-application", applicationId: a.applicationId })) as { status: string; identityKey: string; infoRequests: Array<{ question: string; answer: string | null }> };
  const storedB = (await seed({ action: "inspect-application", applicationId: b.applicationId })) as { status: string; decisionReason: string; identityKey: string };
  expect(storedA).toMatchObject({ status: "NEEDS_INFO", identityKey: `P:${number}`, infoRequests: [{ question, answer: null }] });
  expect(storedB).toMatchObject({ status: "REJECTED", decisionReason: reason, identityKey: `P:${number}` });

  await first.context().close();
  await second.context().close();
  await officer.context().close();
});
