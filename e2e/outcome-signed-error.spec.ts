import { expect, test } from "./support/page-scan";
import { pageAs } from "./console-helpers";

// A refusal comes back to its page in the query (?error=...). Only a message the portal signed is
// shown, on the page it was signed for (and for ten minutes, a unit test's matter): a link someone
// crafted cannot put its own words in a red alert on a trusted page, nor move a genuine one elsewhere.

const FORGED = "请拨打 400-000-0000 核实身份";

test("a crafted ?error= link shows nothing; a genuine refusal is shown, and altering its text hides it", async ({ browser }) => {
  const admin = await pageAs(browser, "CA_ADMIN");
  await admin.goto(`/admin/calendar?error=${encodeURIComponent(FORGED)}`);
  await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(admin.locator('[data-alert="error"]')).toHaveCount(0);
  await expect(admin.getByText(FORGED)).toHaveCount(0);

  // A genuine refusal from the import form.
  await admin.getByLabel("年度", { exact: true }).fill("2031");
  await admin.getByLabel("通知文号").fill("国办发明电〔2030〕e2e号");
  await admin.getByLabel("放假日期（每行一个：日期 名称）").fill("元旦放假");
  await admin.getByRole("button", { name: "导入并重新计算" }).click();
  await expect(admin.locator('[data-alert="error"]')).toContainText("以下各行不是日期");

  // The same signature (and expiry) with other words is refused.
  const genuine = new URL(admin.url()).searchParams.get("error") ?? "";
  const [sig, expires] = genuine.split(".", 2);
  expect(sig && expires).toBeTruthy();
  await admin.goto(`/admin/calendar?error=${encodeURIComponent(`${sig}.${expires}.${FORGED}`)}`);
  await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(admin.locator('[data-alert="error"]')).toHaveCount(0);
  await expect(admin.getByText(FORGED)).toHaveCount(0);

  // The genuine value is bound to its page: on the calendar page again it shows, on another page nothing.
  await admin.goto(`/admin/calendar?error=${encodeURIComponent(genuine)}`);
  await expect(admin.locator('[data-alert="error"]')).toContainText("以下各行不是日期");
  await admin.goto(`/admin/agreements?error=${encodeURIComponent(genuine)}`);
  await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(admin.locator('[data-alert="error"]')).toHaveCount(0);
  await expect(admin.getByText("以下各行不是日期")).toHaveCount(0);

  // The letter and organisation banners check it too.
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/authorisations?error=${encodeURIComponent(FORGED)}`);
  await expect(officer.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(officer.getByText(FORGED)).toHaveCount(0);
  const subscriber = await pageAs(browser, "SUBSCRIBER");
  await subscriber.goto(`/organisations?error=${encodeURIComponent(FORGED)}`);
  await expect(subscriber.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(subscriber.getByText(FORGED)).toHaveCount(0);
});
