import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { expectAccessible, pageAs } from "./console-helpers";
import { switchLanguage } from "./console-case-helpers";
import { freshUscc, onePagePdf } from "./support/organisation-documents";
import { png, signUp } from "./support/portal-journeys";

// An organisation and its agent (经办人) through the real pages: a subscriber registers the
// organisation and authorises a second subscriber with a signed letter; the authorisation does
// nothing until an RA officer has checked the letter on /ra/authorisations; then the agent's page
// lists the organisation with scope and validity.

async function fitsAt390(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${page.url()} at 390 px`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("an organisation authorises an agent; the agent may act only after an RA officer checked the letter", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const shot = (p: Page, name: string) => p.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

  // The future agent signs up first: only an existing account can be named.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const agentEmail = await signUp(agent, "org-agent");

  // 1. A new subscriber finds the organisations page from the dashboard and registers one.
  await signUp(page, "org-admin");
  await page.getByRole("link", { name: "机构与经办人" }).click();
  await page.waitForURL(/\/organisations$/);
  await expect(page.getByRole("heading", { level: 1, name: "机构与经办人" })).toBeVisible();
  await expectAccessible(page);
  await fitsAt390(page);

  const orgName = `经办测试科技有限公司${Date.now().toString(36)}`;
  const uscc = freshUscc("91350100");
  const code = page.getByLabel("统一社会信用代码");
  // Checked as typed: a wrong check character is refused before anything is sent.
  await code.fill(`${uscc.slice(0, 17)}${uscc[17] === "0" ? "1" : "0"}`);
  await expect(page.getByTestId("uscc-check")).toHaveAttribute("data-ok", "false");
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await code.fill(uscc.toLowerCase());
  await expect(page.getByTestId("uscc-check")).toHaveAttribute("data-ok", "true");
  await page.getByLabel("机构名称").fill(orgName);
  await page.getByLabel("法定代表人").fill("王法人");
  await page.getByLabel("联系电话（选填）").fill("0591-88886666");
  await shot(page, "1-register");
  await page.getByRole("button", { name: "登记机构" }).click();
  await page.waitForURL(/\/organisations\/[0-9a-f-]+\?ok=registered$/);
  const organisationPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  await expect(page.locator('[data-alert="success"]')).toContainText("您是该机构的管理员");
  await expect(page.getByTestId("members").locator('li[data-role="ADMIN"]')).toHaveCount(1);

  // 2. It authorises the second subscriber for renewals and downloads, with the signed letter.
  await page.getByLabel("经办人邮箱").fill(agentEmail);
  const grant = page.getByTestId("grant-form");
  await grant.getByRole("checkbox", { name: "更新（续期）" }).check();
  await grant.getByRole("checkbox", { name: "下载" }).check();
  await page.getByLabel("授权委托书文件").setInputFiles({ name: "授权委托书.pdf", mimeType: "application/pdf", buffer: onePagePdf("Authorisation letter - e2e") });
  await page.getByRole("button", { name: "授权", exact: true }).click();
  await page.waitForURL(/\?ok=granted/);
  const first = page.getByTestId("authorisations").locator(`li[data-agent="${agentEmail}"]`);
  await expect(first).toHaveAttribute("data-checked", "false");
  await expect(first).toHaveAttribute("data-state", "AWAITING_CHECK");
  await expect(first.getByTestId("letter-check")).toContainText("等待注册机构审核");
  await expectAccessible(page);
  await fitsAt390(page);
  await shot(page, "2-granted");

  // A second authorisation for the same agent (applications), which the officer will reject.
  await page.getByLabel("经办人邮箱").fill(agentEmail);
  await grant.getByRole("checkbox", { name: "申请" }).check();
  await page.getByLabel("授权委托书文件").setInputFiles({ name: "委托书-无公章.png", mimeType: "image/png", buffer: png() });
  await page.getByRole("button", { name: "授权", exact: true }).click();
  const rows = page.getByTestId("authorisations").locator(`li[data-agent="${agentEmail}"]`);
  await expect(rows).toHaveCount(2);
  // Newest first: the second grant is the first row.
  const rejectedId = (await rows.first().getAttribute("data-authorisation"))!;
  const checkedId = (await rows.last().getAttribute("data-authorisation"))!;
  const row = page.locator(`li[data-authorisation="${checkedId}"]`);

  // Members: one added (an existing account) and removed again.
  await page.getByLabel("邮箱", { exact: true }).fill(agentEmail);
  await page.getByRole("button", { name: "添加", exact: true }).click();
  await expect(page.locator('[data-alert="success"]')).toContainText("成员已添加");
  await expect(page.getByTestId("members").locator('li[data-role="MEMBER"]')).toContainText(agentEmail);
  await page.getByRole("button", { name: `移除 ${agentEmail}` }).click();
  await expect(page.locator('[data-alert="success"]')).toContainText("成员已移除");
  await expect(page.getByTestId("members").locator("li")).toHaveCount(1);

  // The same page in English.
  await switchLanguage(page, "English");
  await expect(page.getByRole("heading", { name: "Agent authorisations" })).toBeVisible();
  await expect(row.getByTestId("letter-check")).toContainText("Waiting for the registration authority");
  await expect(row).toContainText("Download");
  await expectAccessible(page);
  await switchLanguage(page, "中文");

  // 3. Not checked yet: the agent's page shows the organisation only as waiting for the check.
  await agent.goto("/agent");
  const waiting = agent.getByTestId("agent-organisations").locator('li[data-verified="false"]', { hasText: orgName });
  // Two letters were sent: both wait.
  await expect(waiting).toHaveCount(2);
  await expect(waiting.first()).toContainText("审核通过前，您还不能代表该机构办理业务");
  await expect(agent.getByTestId("agent-organisations").locator('li[data-verified="true"]', { hasText: orgName })).toHaveCount(0);
  // The organisations page tells the agent why.
  await agent.goto("/organisations");
  await expect(agent.getByTestId("awaiting-check")).toContainText(orgName);

  // 4. An RA officer checks the letter from the queue.
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto("/ra");
  await officer.getByRole("navigation", { name: "控制台" }).getByRole("link", { name: "经办人授权审核" }).click();
  await officer.waitForURL(/\/ra\/authorisations$/);
  // Oldest first: the letter granted first comes first.
  const items = officer.locator(`li[data-agent="${agentEmail}"]`);
  await expect(items).toHaveCount(2);
  await expect(items.first()).toHaveAttribute("data-authorisation", checkedId);
  const item = officer.locator(`li[data-authorisation="${checkedId}"]`);
  await expect(item).toContainText(orgName);
  await expect(item).toContainText("更新（续期）、下载");
  await expect(item.getByTestId("waiting")).toHaveAttribute("data-waiting-ms", /^\d+$/);
  await expectAccessible(officer);
  await fitsAt390(officer);
  await officer.locator(`li[data-authorisation="${rejectedId}"]`).getByRole("link", { name: /^审核/ }).click();
  await expect(officer.locator('img[alt^="授权委托书"]')).toBeVisible();
  await officer.getByLabel(/退回原因/).fill("委托书未加盖机构公章");
  await officer.getByRole("button", { name: "退回并撤销授权" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("已退回");
  await expect(officer.getByTestId("authorisation-state")).toHaveAttribute("data-state", "REVOKED");
  await officer.getByRole("link", { name: "返回待审核列表" }).click();
  await expect(items).toHaveCount(1);
  await item.getByRole("link", { name: /^审核/ }).click();
  await officer.waitForURL(/\/ra\/authorisations\/[0-9a-f-]+$/);
  await expect(officer.getByTestId("authorisation-state")).toHaveAttribute("data-state", "AWAITING_CHECK");
  await expect(officer.getByTestId("agent")).toContainText(agentEmail);
  await expect(officer.locator('iframe[title^="授权委托书"]')).toBeVisible();
  await expectAccessible(officer);
  await fitsAt390(officer);
  await shot(officer, "4-letter-check");
  await officer.getByRole("button", { name: "委托书审核通过" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("审核通过");
  await expect(officer.getByTestId("authorisation-state")).toHaveAttribute("data-state", "IN_FORCE");
  await officer.goto("/ra/authorisations");
  await expect(items).toHaveCount(0);
  await officer.context().close();

  // 5. Now the agent's page lists the organisation with scope and validity.
  await agent.goto("/agent");
  const orgs = agent.getByTestId("agent-organisations").locator('li[data-verified="true"]', { hasText: orgName });
  await expect(orgs).toHaveCount(1);
  await expect(agent.getByTestId("agent-organisations").locator('li[data-verified="false"]')).toHaveCount(0);
  await expect(orgs).toContainText(/续期.*下载/);
  await expect(orgs).toContainText(/\d{4}-\d\d-\d\d/);
  await shot(agent, "5-agent");
  await agentContext.close();

  // And the organisation sees the letter as checked.
  await page.goto(organisationPath);
  await expect(row).toHaveAttribute("data-checked", "true");
  await expect(row).toHaveAttribute("data-state", "IN_FORCE");
  await expect(row.getByTestId("letter-check")).toContainText("已由注册机构审核");
  const rejected = page.locator(`li[data-authorisation="${rejectedId}"]`);
  await expect(rejected).toHaveAttribute("data-state", "REVOKED");
  await expect(rejected).toContainText("委托书未加盖机构公章");
});
