import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { demoAccount, pageAs } from "./console-helpers";
import { png, seriousA11yViolations } from "./support/portal-journeys";

// Issue 13, item 1: an RA officer asks for more information; the subscriber sees the question on the
// application page, removes a document, is refused a forbidden file (nothing stored), uploads the
// replacement, changes a detail, answers and resubmits (a stale tab's second resubmit is refused in
// words); the officer sees what changed, approves and issues. A second application is withdrawn by
// its applicant. The applications are seeded; every step under test goes through the pages.

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

test("more information: question, documents replaced, answer, resubmit, what changed, approve, issue; and a withdrawal", async ({ browser }) => {
  test.setTimeout(180_000);
  const officer = await pageAs(browser, "RA_OFFICER");
  const seed = async (data: Record<string, unknown>) => {
    const r = await officer.request.post("/api/test/console/seed", { data });
    expect(r.status(), await r.text()).toBe(200);
    return r.json();
  };
  const subscriberEmail = demoAccount("SUBSCRIBER").email;
  const { applicationId } = (await seed({ action: "application", applicantEmail: subscriberEmail, withDocument: true, applicantAccepted: true })) as { applicationId: string };
  const withdrawn = (await seed({ action: "application", applicantEmail: subscriberEmail })) as { applicationId: string };
  const before = (await seed({ action: "inspect-application", applicationId })) as { registrationAuthorityId: string };

  // The officer asks.
  const question = "身份证正面照片模糊，请重新拍摄上传，并补充身份证背面。";
  await officer.goto(`/ra/applications/${applicationId}`);
  await officer.getByLabel("申请人需补充或更正的内容").fill(question);
  await officer.getByRole("button", { name: "要求补充材料" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("已要求申请人补充材料");
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "NEEDS_INFO");

  // The subscriber: from the dashboard straight to the question.
  const subscriber = await pageAs(browser, "SUBSCRIBER");
  await subscriber.goto("/dashboard");
  await subscriber.locator(`[data-testid="application-next"][href="/applications/${applicationId}"]`).click();
  await expect(subscriber.getByTestId("info-request-question")).toHaveText(question);
  await expect(subscriber.getByTestId("info-request")).toContainText("注册机构请您补充信息");
  await expect(subscriber.getByTestId("documents-missing")).toContainText("身份证件背面");
  // A tab opened now goes stale once the application changes below.
  const staleTab = await subscriber.context().newPage();
  await staleTab.goto(`/applications/${applicationId}`);
  await checkPage(subscriber, "needs-info");

  // Remove the blurred front side (the RA saw it: withdrawn, kept as the record).
  const front = subscriber.locator('[data-testid="editor-document"][data-kind="ID_FRONT"]');
  await front.getByRole("button", { name: "删除" }).click();
  await expect(front).toHaveCount(0);

  // A forbidden file (a program named .png): the catalog's words, nothing stored.
  await subscriber.getByLabel("上传：身份证件正面").setInputFiles({ name: "正面.png", mimeType: "image/png", buffer: Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 this program cannot be run in DOS mode") });
  await expect(subscriber.getByTestId("upload-error-ID_FRONT")).toContainText("仅接受 JPEG、PNG 或 PDF 文件");
  await subscriber.reload();
  await expect(subscriber.getByTestId("editor-document")).toHaveCount(0);

  // The replacement and the missing back side.
  await subscriber.getByLabel("上传：身份证件正面").setInputFiles({ name: "正面-清晰.png", mimeType: "image/png", buffer: png() });
  await expect(front).toHaveCount(1);
  await subscriber.getByLabel("上传：身份证件背面").setInputFiles({ name: "背面.png", mimeType: "image/png", buffer: png() });
  await expect(subscriber.locator('[data-testid="editor-document"][data-kind="ID_BACK"]')).toHaveCount(1);
  await expect(subscriber.getByTestId("documents-missing")).toHaveCount(0);

  // A detail changed.
  await subscriber.getByLabel("省份").fill("上海");
  await subscriber.getByRole("button", { name: "保存申请信息" }).click();
  await expect(subscriber.getByTestId("details-form").locator('[data-alert="success"]')).toHaveText("申请信息已保存。");

  // Answer and resubmit.
  const answer = "已重新拍摄并上传身份证正面，补充了背面；所在省份改为上海。";
  const send = async (page: Page) => {
    await page.getByLabel("您对注册机构问题的答复").fill(answer);
    for (const box of await page.getByTestId("send-form").getByRole("checkbox").all()) await box.check();
    await page.getByRole("button", { name: "重新提交" }).click();
  };
  await send(subscriber);
  await expect(subscriber.getByTestId("application-status")).toHaveAttribute("data-status", "SUBMITTED");
  await expect(subscriber.getByTestId("info-request-answer")).toHaveText(answer);
  await expect(subscriber.getByTestId("send-form")).toHaveCount(0);
  // The stale tab still shows the form: its resubmit is refused in words and changes nothing.
  await send(staleTab);
  await expect(staleTab.getByTestId("send-form").locator('[data-alert="error"]')).toContainText("您打开本页后，此申请已有变动");
  await staleTab.close();

  // The officer sees what changed since the question, approves and issues.
  await officer.goto(`/ra/applications/${applicationId}`);
  const changes = officer.getByTestId("since-question");
  await expect(changes.getByTestId("since-question-question")).toHaveText(question);
  await expect(changes.getByTestId("since-question-answer")).toHaveText(answer);
  await expect(changes.getByTestId("since-question-added").locator("li")).toHaveCount(2);
  await expect(changes.getByTestId("since-question-removed").locator('li[data-kind="ID_FRONT"]')).toContainText("身份证正面.png");
  await expect(changes.getByTestId("since-question-details").locator('li[data-field="province"]')).toContainText("（空） → 上海");
  expect(await seriousA11yViolations(officer)).toEqual([]);
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  const issued = (await seed({ action: "inspect-application", applicationId })) as { status: string; certificates: number; registrationAuthorityId: string; certificateId: string | null };
  expect(issued).toMatchObject({ status: "ISSUED", certificates: 1, registrationAuthorityId: before.registrationAuthorityId });
  expect(issued.certificateId).not.toBeNull();

  // The second application: withdrawn by its applicant, after confirming.
  await subscriber.goto(`/applications/${withdrawn.applicationId}`);
  await expect(subscriber.getByTestId("application-status")).toHaveAttribute("data-status", "SUBMITTED");
  await subscriber.getByLabel("我确认撤回此申请").check();
  await subscriber.getByRole("button", { name: "撤回申请" }).click();
  await expect(subscriber.getByTestId("application-status")).toHaveAttribute("data-status", "CANCELLED");
  await expect(subscriber.getByTestId("cancel-form")).toHaveCount(0);
  expect(((await seed({ action: "inspect-application", applicationId: withdrawn.applicationId })) as { status: string }).status).toBe("CANCELLED");

  await subscriber.context().close();
  await officer.context().close();
});
