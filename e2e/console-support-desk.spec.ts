import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { demoAccount, pageAs } from "./console-helpers";
import { waitForMail } from "./support/mailbox";
import { seriousA11yViolations, signUp } from "./support/portal-journeys";

// Issue 14, item 1: a subscriber opens a support request; the RA officer finds it in the support
// desk's inbox with its answer clock in working days, takes it, adds an internal note, answers and
// closes it. The subscriber reads the answer (never the note) and the closed state. The stored
// outcome and the mails from the SMTP sink are checked.

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

test("support desk: opened, seen with its working-day SLA, noted internally, answered, closed; the subscriber reads the answer only", async ({ browser }) => {
  test.setTimeout(180_000);
  const subject = `证书无法导入 ${Date.now()}`;
  const question = "按说明导入证书时提示“文件已损坏”，请问如何处理？";
  const note = "内部：用户可能下载了不完整的文件，先请其重新下载。";
  const answer = "您好，请在证书详情页重新下载证书文件后再导入。";

  // The subscriber opens the request (about no certificate: every officer's desk holds it).
  const subscriber = await (await browser.newContext()).newPage();
  const email = await signUp(subscriber, "support-desk");
  await subscriber.goto("/support");
  await subscriber.getByLabel("主题", { exact: true }).fill(subject);
  await subscriber.getByLabel("内容", { exact: true }).fill(question);
  await subscriber.getByRole("button", { name: "提交" }).click();
  await subscriber.waitForURL(/\/support\/[0-9a-f-]+$/);
  const requestId = /\/support\/([0-9a-f-]+)$/.exec(subscriber.url())![1]!;
  await expect(subscriber.getByTestId("support-state")).toHaveAttribute("data-status", "OPEN");
  await expect(subscriber.getByTestId("support-handled-by")).toHaveText("待分配");

  // The officer is told by mail, with a link to the desk's thread.
  const officerAccount = demoAccount("RA_OFFICER");
  const deskMail = await waitForMail({ to: officerAccount.email, subjectIncludes: subject });
  // In the officer's own language: an earlier journey may have switched the demo officer to English.
  expect(deskMail.subject).toMatch(/新的服务请求|New request/);
  const deskLink = deskMail.links.find((l) => l.endsWith(`/ra/support/${requestId}`));
  expect(deskLink).toBeTruthy();

  // The inbox: the request, unassigned, due by the end of the next working day (1 working day left on the day it was written).
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto("/ra");
  await officer.getByRole("navigation", { name: "控制台" }).getByRole("link", { name: "客服工作台" }).click();
  await officer.waitForURL(/\/ra\/support$/);
  const row = officer.locator(`[data-testid="support-item"][data-id="${requestId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("desk-sla")).toHaveText(/^剩余 1 个工作日/);
  await expect(row.getByTestId("support-handler")).toHaveText("未分配");
  await checkPage(officer, "support-desk-inbox");

  // The thread: take it, note, answer, close; each step comes back with its outcome.
  await officer.goto(new URL(deskLink!).pathname);
  await expect(officer.getByTestId("support-status")).toHaveAttribute("data-status", "OPEN");
  await officer.getByRole("button", { name: "由我负责" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("负责人已更新");
  await expect(officer.getByTestId("support-handler")).toHaveText("Demo RA Officer");
  await officer.getByLabel("备注内容").fill(note);
  await officer.getByRole("button", { name: "添加备注" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("内部备注已保存");
  await expect(officer.locator('[data-testid="support-message"][data-internal="yes"]')).toContainText(note);
  await officer.getByLabel("答复内容").fill(answer);
  await officer.getByRole("button", { name: "发送答复" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("答复已发送");
  await expect(officer.getByTestId("support-status")).toHaveAttribute("data-status", "ANSWERED");
  await checkPage(officer, "support-desk-thread");
  await officer.getByRole("button", { name: "办结此请求" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("该请求已办结");
  await expect(officer.getByTestId("support-status")).toHaveAttribute("data-status", "CLOSED");
  // Closed: the desk is offered no answer, no closing, no taking any more.
  await expect(officer.getByRole("button", { name: "发送答复" })).toHaveCount(0);
  await expect(officer.getByRole("button", { name: "办结此请求" })).toHaveCount(0);
  await officer.goto("/ra/support?view=closed");
  await expect(officer.locator(`[data-testid="support-item"][data-id="${requestId}"]`)).toHaveAttribute("data-status", "CLOSED");

  // The subscriber: both mails, the answer on the thread, the note nowhere, the closed state and who handled it.
  const answered = await waitForMail({ to: email, subjectIncludes: "已有答复" });
  expect(answered.links.some((l) => l.endsWith(`/support/${requestId}`))).toBe(true);
  expect(answered.text).not.toContain(note);
  const closed = await waitForMail({ to: email, subjectIncludes: "已办结" });
  expect(closed.links.some((l) => l.endsWith(`/support/${requestId}`))).toBe(true);
  await subscriber.goto(`/support/${requestId}`);
  await expect(subscriber.getByTestId("support-thread")).toContainText(answer);
  await expect(subscriber.locator("body")).not.toContainText(note);
  await expect(subscriber.getByTestId("support-state")).toHaveAttribute("data-status", "CLOSED");
  await expect(subscriber.getByTestId("support-handled-by")).toHaveText("Demo RA Officer");
  await expect(subscriber.getByRole("button", { name: "回复并重新受理" })).toBeVisible();
  await checkPage(subscriber, "support-thread-subscriber");

  // A CA administrator's desk holds every request: the closed one is listed there too.
  const admin = await pageAs(browser, "CA_ADMIN");
  await admin.goto("/admin/support?view=closed");
  await expect(admin.locator(`[data-testid="support-item"][data-id="${requestId}"]`)).toHaveAttribute("data-status", "CLOSED");
  await checkPage(admin, "support-desk-admin");

  // The stored outcome.
  const stored = await (await officer.request.post("/api/test/support/inspect", { data: { requestId } })).json();
  expect(stored).toEqual({
    status: "CLOSED",
    closed: true,
    awaitingStaff: false,
    assignedTo: officerAccount.email,
    messages: [
      { body: question, internal: false, author: email },
      { body: note, internal: true, author: officerAccount.email },
      { body: answer, internal: false, author: officerAccount.email },
    ],
    audit: ["support.opened", "support.assigned", "support.internal-note", "support.answered", "support.closed"],
  });
});
