import { expect, test } from "./support/page-scan";
import { approveAsSecondAdmin, expectAccessible, pageAs, setClock } from "./console-helpers";

// Journey 3: an administrator drafts a new agreement version, previews both languages with the
// difference to the current one, and publishes it with an effective date; once it is in force a
// subscriber starting an application is asked to accept the new version. The effective date is
// two hours ahead and the test clock is moved past it, so other journeys of the run (at the real
// time) still see version 1.

const HOUR = 3_600_000;

/** "YYYY-MM-DDTHH:mm" in Beijing time, as a datetime-local field takes it. */
function beijingLocal(d: Date): string {
  return new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16);
}

test("a new agreement version is published and a subscriber is asked to accept it at the next application", async ({ browser }) => {
  const admin = await pageAs(browser, "CA_ADMIN");
  const subscriber = await pageAs(browser, "SUBSCRIBER");
  try {
    await admin.goto("/admin/agreements");
    await expect(admin.getByTestId("agreement-versions").locator("tbody tr")).toHaveCount(1);
    await expectAccessible(admin);

    // A form, not a JSON document: the first clause of the first section, in both languages side by side.
    const form = admin.getByTestId("agreement-form");
    await expect(form).not.toContainText("limitsLiability");
    await expect(form).not.toContainText('"preamble"');
    const zhBox = form.locator('textarea[data-locale="zh-CN"][data-section="0"][data-index="0"]');
    const enBox = form.locator('textarea[data-locale="en"][data-section="0"][data-index="0"]');
    const clause = { number: (await zhBox.getAttribute("data-clause"))! };
    await expect(admin.getByLabel(`条款 ${clause.number} 中文`, { exact: true })).toBeVisible();
    await zhBox.fill(`${await zhBox.inputValue()}（2026 年修订）`);
    await enBox.fill(`${await enBox.inputValue()} (revised 2026)`);
    await admin.getByRole("button", { name: "预览并比较" }).click();

    const preview = admin.getByTestId("agreement-preview");
    await expect(preview).toBeVisible();
    await expect(admin.getByTestId("changes-zh-CN")).toContainText(`修改 ${clause.number}`);
    await expect(admin.getByTestId("changes-zh-CN")).toContainText("（2026 年修订）");
    await expect(admin.getByTestId("changes-en")).toContainText("(revised 2026)");
    await expectAccessible(admin);
    await admin.screenshot({ path: test.info().outputPath("agreement-preview.png"), fullPage: true });

    await admin.getByLabel("生效时间（北京时间）").fill(beijingLocal(new Date(Date.now() + 2 * HOUR)));
    await admin.getByLabel("修订说明").fill("第一条措辞修订");
    await admin.getByRole("button", { name: "发布此版本" }).click();
    // Dual control: publishing is requested; the second administrator's approval publishes it.
    await approveAsSecondAdmin(admin);
    await admin.goto("/admin/agreements");
    await expect(admin.getByTestId("agreement-versions").locator("tbody tr")).toHaveCount(2);
    await expect(admin.getByTestId("agreement-versions").locator("tbody tr").first()).toContainText("第一条措辞修订");
    await admin.screenshot({ path: test.info().outputPath("agreement-published.png"), fullPage: true });

    // Three hours later version 2 is in force: the next application asks for it.
    await setClock(subscriber, { offsetMs: 3 * HOUR });
    await subscriber.goto("/apply");
    await subscriber.getByRole("button", { name: "下一步" }).click();
    await subscriber.getByLabel("姓名（与证件一致）").fill("张三");
    await subscriber.getByLabel("证件号码").fill("11010519491231002X");
    await subscriber.getByRole("button", { name: "下一步" }).click();
    await expect(subscriber.getByRole("checkbox", { name: /我已阅读并理解第 2 版订户协议/ })).toBeVisible();
    await expect(subscriber.getByTestId("agreement-scroll")).toContainText("（2026 年修订）");
    await subscriber.screenshot({ path: test.info().outputPath("subscriber-asked.png"), fullPage: true });
  } finally {
    await setClock(admin, { offsetMs: 0 });
    await admin.context().close();
    await subscriber.context().close();
  }
});
