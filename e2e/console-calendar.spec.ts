import { expect, test } from "./support/page-scan";
import { approveAsSecondAdmin, demoAccount, pageAs } from "./console-helpers";
import { expectAccessibleOnPhone, inspectCertificate, newSubscriber, seed, switchLanguage } from "./console-case-helpers";

// Issue 7, calendar (clause 1.8): holidays and make-up working days per year; the test-window
// deadlines that reach into a year not yet held wait for it as provisional; importing that year
// recomputes them (never earlier), confirms the year and is recorded in the audit log.

type Provisional = { certificateId: string; year: number; receiptAt: string; deadline: string; lastWorkingDay: string };

/** Every Monday-Friday day from 1 January of the year up to and including `date`: the days an import makes holidays. */
function weekdaysUpTo(date: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${date.slice(0, 4)}-01-01T00:00:00Z`); d.toISOString().slice(0, 10) <= date; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** Start (Beijing midnight) of the day after the first Monday-Friday day after `date`: the deadline once `date` is a holiday. */
function deadlineWhenHoliday(date: string): string {
  let d = new Date(`${date}T00:00:00Z`);
  do d = new Date(d.getTime() + 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return new Date(d.getTime() + 86_400_000 - 8 * 3_600_000).toISOString();
}

test("a deadline waiting for a year not held is recomputed when the administrator imports that year", async ({ browser }) => {
  const admin = await pageAs(browser, "CA_ADMIN");
  const subscriberEmail = await newSubscriber(admin, "calendar");
  const seeded = await seed<Provisional>(admin, { action: "provisional-deadline", subscriberEmail, officerEmail: demoAccount("RA_OFFICER").email });
  const { serialHex } = await inspectCertificate(admin, seeded.certificateId);

  await admin.goto("/admin/calendar");
  // The years held, each with its days in words.
  const previous = admin.locator(`[data-testid="calendar-year"][data-year="${seeded.year - 1}"]`);
  await expect(previous).toHaveAttribute("data-confirmed", "true");
  await expect(previous.locator('[data-testid="calendar-day"][data-kind="HOLIDAY"]').first()).toBeVisible();
  await expect(previous).toContainText("法定节假日");
  await expect(previous).toContainText("调休上班日");
  await expect(admin.locator(`[data-testid="calendar-year"][data-year="${seeded.year}"]`)).toHaveCount(0);
  // The certificate's deadline waits for the year.
  const waiting = admin.locator(`[data-testid="provisional-deadline"][data-serial="${serialHex}"]`);
  await expect(waiting).toHaveAttribute("data-deadline", seeded.deadline);
  await expect(waiting).toContainText(String(seeded.year));
  await expect(waiting).toContainText(subscriberEmail);
  await expect(waiting).toContainText("本人领取");
  await expectAccessibleOnPhone(admin);

  // Mistakes come back in words and change nothing.
  await admin.getByLabel("年度", { exact: true }).fill(String(seeded.year));
  await admin.getByLabel("通知文号").fill(`国办发明电〔${seeded.year - 1}〕e2e号`);
  await admin.getByLabel("放假日期（每行一个：日期 名称）").fill("元旦放假");
  await admin.getByRole("button", { name: "导入并重新计算" }).click();
  await expect(admin.locator('[data-alert="error"]')).toContainText("以下各行不是日期");
  const monday = deadlineWhenHoliday(seeded.lastWorkingDay).slice(0, 10);
  await admin.getByLabel("年度", { exact: true }).fill(String(seeded.year));
  await admin.getByLabel("通知文号").fill(`国办发明电〔${seeded.year - 1}〕e2e号`);
  await admin.getByLabel("放假日期（每行一个：日期 名称）").fill(`${seeded.lastWorkingDay} 元旦`);
  await admin.getByLabel("调休上班日期（每行一个：日期 名称）").fill(`${monday} 错误的调休`);
  await admin.getByRole("button", { name: "导入并重新计算" }).click();
  await expect(admin.locator('[data-alert="error"]')).toContainText(`${monday} 不是周末，不能作为调休上班日`);
  await expect(waiting).toHaveAttribute("data-deadline", seeded.deadline);

  // The real notice: every weekday of the new year up to the provisional last working day is a
  // holiday (the estimate may already count New Year's Day off), so the window ends a working day later.
  const daysOff = weekdaysUpTo(seeded.lastWorkingDay);
  const holidays = daysOff.map((d) => `${d} 元旦`).join("\n");
  await admin.getByLabel("年度", { exact: true }).fill(String(seeded.year));
  await admin.getByLabel("通知文号").fill(`国办发明电〔${seeded.year - 1}〕e2e号`);
  await admin.getByLabel("放假日期（每行一个：日期 名称）").fill(holidays);
  await admin.getByLabel("调休上班日期（每行一个：日期 名称）").fill("");
  await admin.getByRole("button", { name: "导入并重新计算" }).click();
  // Dual control: requested; the second administrator's approval carries it out.
  await approveAsSecondAdmin(admin);
  await admin.goto("/admin/calendar");
  const expected = deadlineWhenHoliday(seeded.lastWorkingDay);
  await expect(waiting).toHaveCount(0);
  const imported = admin.locator(`[data-testid="calendar-import"][data-year="${seeded.year}"]`).first();
  await expect(imported).toContainText(`国办发明电〔${seeded.year - 1}〕e2e号`);
  const moved = imported.locator(`[data-testid="moved-deadline"][data-serial="${serialHex}"]`);
  await expect(moved).toHaveAttribute("data-from", seeded.deadline);
  await expect(moved).toHaveAttribute("data-to", expected);
  const year = admin.locator(`[data-testid="calendar-year"][data-year="${seeded.year}"]`);
  await expect(year).toHaveAttribute("data-confirmed", "true");
  await expect(year.locator(`[data-testid="calendar-day"][data-date="${daysOff[0]}"]`)).toContainText("元旦");
  await expect(year.locator(`[data-testid="calendar-day"][data-date="${seeded.lastWorkingDay}"]`)).toHaveAttribute("data-kind", "HOLIDAY");
  await expectAccessibleOnPhone(admin);

  // From outside: the certificate's deadline moved and is no longer provisional.
  const after = await inspectCertificate(admin, seeded.certificateId);
  expect(after.testWindowDeadline).toBe(expected);
  expect(after.testWindowProvisional).toBe(false);

  await switchLanguage(admin, "English");
  await expect(year).toContainText("confirmed");
  await expect(year).toContainText("Public holiday");
  await expect(imported).toContainText(`Certificate ${serialHex}`);
  await expectAccessibleOnPhone(admin);
  await admin.screenshot({ path: test.info().outputPath("calendar-en.png"), fullPage: true });
  await switchLanguage(admin, "中文");
  await admin.context().close();
});
