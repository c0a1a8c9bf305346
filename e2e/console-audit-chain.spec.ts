import { execFileSync } from "node:child_process";
import { expect, test } from "./support/page-scan";
import { expectAccessible, pageAs } from "./console-helpers";

// Journey 7: the auditor's chain check passes; after one stored event is altered behind the
// chain's back (e2e-only route standing in for someone with database access), it fails and names it.

test("the auditor's chain check passes, then fails naming the altered event", async ({ browser }) => {
  const page = await pageAs(browser, "AUDITOR");
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await page.getByRole("button", { name: "立即校验" }).click();
  const result = page.getByTestId("chain-result");
  await expect(result).toHaveAttribute("data-ok", "true");
  await expect(result).toContainText("哈希链完整");
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("chain-ok.png"), fullPage: true });

  // Search: the auditor's own sign-in is in the log.
  await page.getByLabel("操作（前缀）").fill("account.sign-in");
  await page.getByRole("button", { name: "检索", exact: true }).click();
  await expect(page.getByTestId("audit-row").first()).toContainText("account.sign-in");
  // The subject type and the actor's role in words; no JSON blob anywhere in the log.
  const first = page.getByTestId("audit-row").first();
  await expect(first.locator("[data-subject-type]")).toHaveAttribute("data-subject-type", "User");
  await expect(first.locator("[data-subject-type]")).toContainText("用户账户");
  await expect(first).toContainText("审计员");
  expect(await page.getByTestId("audit-log").innerText()).not.toMatch(/\{"|":/);
  // The subject-type filter offers names: user accounts only.
  await page.getByLabel("操作（前缀）").fill("");
  await page.getByLabel("对象类型", { exact: true }).selectOption({ label: "用户账户" });
  await page.getByRole("button", { name: "检索", exact: true }).click();
  await expect(page).toHaveURL(/subjectType=User/);
  const types = await page.locator('[data-testid="audit-row"] [data-subject-type]').evaluateAll((cells) => cells.map((c) => c.getAttribute("data-subject-type")));
  expect(types.length).toBeGreaterThan(0);
  expect(new Set(types)).toEqual(new Set(["User"]));
  await expect(page.getByTestId("audit-summary").first()).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("对象类型", { exact: true }).selectOption("");
  await page.getByLabel("操作（前缀）").fill("account.sign-in");
  await page.getByRole("button", { name: "检索", exact: true }).click();

  // Signed evidence of the selection.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出为签名证据" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-evidence-.*\.p7m$/);
  // openssl checks the CMS signature over the content (the chain is the portal's own demo CA).
  const content = execFileSync("openssl", ["cms", "-verify", "-noverify", "-inform", "DER", "-in", await file.path()], { encoding: "utf8" });
  const evidence = JSON.parse(content) as { events: Array<{ action: string; hash: string }> };
  expect(evidence.events.length).toBeGreaterThan(0);
  expect(evidence.events.every((e) => e.action.startsWith("account.sign-in") && e.hash.length === 64)).toBe(true);

  const tampered = await page.request.post("/api/test/console/tamper-audit", { data: {} });
  expect(tampered.status()).toBe(200);
  const { seq } = (await tampered.json()) as { seq: number };

  await page.goto("/audit?check=1");
  await expect(result).toHaveAttribute("data-ok", "false");
  await expect(result).toContainText(`第 ${seq} 号事件`);
  await expect(result).toContainText("已被篡改");
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("chain-broken.png"), fullPage: true });
  await page.context().close();
});
