import { expect, test } from "./support/page-scan";
import { demoAccount, expectAccessible, pageAs, setClock } from "./console-helpers";

// Journey 2: a revocation request's 24-hour clock starts when the officer confirms the
// requester's identity; the queue shows it red within 4 hours of its deadline and overdue after
// it (the request clock moved through the e2e-only test clock).

const HOUR = 3_600_000;

test("a revocation request turns red within 4 hours of its deadline and shows as overdue after it", async ({ browser }) => {
  const page = await pageAs(browser, "RA_OFFICER");
  try {
    const seeded = await page.request.post("/api/test/console/seed", {
      data: { action: "revocation-request", subscriberEmail: demoAccount("SUBSCRIBER").email, officerEmail: demoAccount("RA_OFFICER").email },
    });
    expect(seeded.status(), await seeded.text()).toBe(200);
    const { requestId } = (await seeded.json()) as { requestId: string };
    const row = page.locator(`[data-testid="work-item"][data-id="${requestId}"]`);

    // Waiting for identity confirmation: no clock yet.
    await page.goto("/ra?kind=revocation");
    await expect(row).toHaveAttribute("data-sla", "");
    await expect(row).toHaveAttribute("data-status", "RECEIVED");
    await expect(row.getByTestId("work-status")).toHaveText("已受理");
    await expect(row).toContainText("撤销申请");
    await row.getByRole("link").click();
    await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "RECEIVED");
    await expect(page.getByTestId("request-status")).toHaveText("已受理");
    await expectAccessible(page);
    await page.getByLabel("身份确认方式").fill("回拨登记电话，核对身份证号后四位");
    await page.getByRole("button", { name: "确认身份" }).click();
    await expect(page.locator('[data-alert="success"]')).toContainText("已确认申请人身份");
    await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "COMPLIANT");
    await expect(page.getByTestId("request-status")).toHaveText("身份已确认");

    await page.goto("/ra?kind=revocation");
    await expect(row).toHaveAttribute("data-sla", "ok");
    await expect(row.getByTestId("time-left")).toContainText(/剩余 23小时|剩余 1天/);

    // 20 h 5 min later: less than 4 hours left, shown red.
    await setClock(page, { offsetMs: 20 * HOUR + 5 * 60_000 });
    await page.goto("/ra?kind=revocation&sort=urgent");
    await expect(row).toHaveAttribute("data-sla", "dueSoon");
    await expect(row.getByTestId("time-left")).toContainText("剩余 3小时");
    await expect(row.getByTestId("time-left")).toHaveClass(/text-red-900/);
    await expect(page.getByTestId("queue-summary")).toContainText(/[1-9]\d* 项将在 4 小时内到期/);
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath("due-soon.png"), fullPage: true });

    // 24 h 5 min after confirmation: overdue, and counted.
    await setClock(page, { offsetMs: 24 * HOUR + 5 * 60_000 });
    await page.goto("/ra?kind=revocation");
    await expect(row).toHaveAttribute("data-sla", "overdue");
    await expect(row.getByTestId("time-left")).toContainText("已超时 5分钟");
    await expect(page.getByTestId("queue-summary")).toContainText(/[1-9]\d* 项撤销申请已超时/);
    await page.screenshot({ path: test.info().outputPath("overdue.png"), fullPage: true });

    // Carried out late: it leaves the queue.
    await row.getByRole("link").click();
    await page.getByRole("button", { name: "撤销证书" }).click();
    await expect(page.locator('[data-alert="success"]')).toContainText("证书已撤销");
    await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "DONE");
    await expect(page.getByTestId("request-status")).toHaveText("已办结");
    // Carried out after the deadline: the page says so.
    await expect(page.getByTestId("sla-outcome")).toHaveAttribute("data-sla", "missed");
    await page.goto("/ra?kind=revocation");
    await expect(row).toHaveCount(0);
  } finally {
    await setClock(page, { offsetMs: 0 });
    await page.context().close();
  }
});
