import { expect, test } from "./support/page-scan";
import { approveAsSecondAdmin, demoAccount, expectAccessible, pageAs, signIn } from "./console-helpers";
import { newTotpSecret } from "./support/totp";

// Journey 4: an administrator marks a registration authority merged into another; its open
// applications appear in the successor's officers' queue at once.

test("an RA is marked merged and its open applications appear in the successor's queue", async ({ browser }) => {
  const admin = await pageAs(browser, "CA_ADMIN");
  const suffix = Date.now().toString(36);
  const east = `东区注册点 ${suffix}`;
  const west = `西区注册点 ${suffix}`;

  await admin.goto("/admin/registration-authorities");
  await expectAccessible(admin);
  for (const name of [east, west]) {
    await admin.getByLabel("名称", { exact: true }).fill(name);
    await admin.getByRole("button", { name: "设立", exact: true }).click();
    await expect(admin.locator('[data-alert="success"]')).toContainText("注册机构已设立");
  }
  const eastRow = admin.locator(`[data-testid="ra-row"][data-name="${east}"]`);
  const westRow = admin.locator(`[data-testid="ra-row"][data-name="${west}"]`);
  const eastId = (await eastRow.getAttribute("data-ra-id"))!;
  const westId = (await westRow.getAttribute("data-ra-id"))!;

  // An open application at the east office; an officer who works for the west office.
  const seed = async (data: Record<string, unknown>) => {
    const r = await admin.request.post("/api/test/console/seed", { data });
    expect(r.status(), await r.text()).toBe(200);
    return r.json();
  };
  const { applicationId } = (await seed({ action: "application", applicantEmail: demoAccount("SUBSCRIBER").email, registrationAuthorityId: eastId })) as { applicationId: string };
  const westOfficer = { email: `west-${suffix}@demo.test`, password: "west officer pass 2026", roles: ["RA_OFFICER"], totpSecret: newTotpSecret() };
  await seed({ action: "staff", ...westOfficer, registrationAuthorityId: westId });

  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signIn(officer, westOfficer);
  const item = officer.locator(`[data-testid="work-item"][data-id="${applicationId}"]`);
  await officer.goto("/ra");
  await expect(officer.getByTestId("area-ra")).toBeVisible();
  await expect(item).toHaveCount(0);

  await admin.reload();
  await expect(eastRow.getByTestId("ra-open")).toHaveText("1");
  await expect(westRow.getByTestId("ra-open")).toHaveText("0");
  await eastRow.getByLabel("标记为").selectOption("MERGED");
  await eastRow.getByLabel("承接机构").selectOption(westId);
  await eastRow.getByRole("button", { name: "移交" }).click();
  // Dual control: requested; the second administrator's approval carries it out.
  await approveAsSecondAdmin(admin);
  await admin.goto("/admin/registration-authorities");
  await expect(eastRow.getByTestId("ra-status")).toHaveAttribute("data-status", "MERGED");
  await expect(eastRow.getByTestId("ra-status")).toContainText("已合并");
  await expect(eastRow.getByTestId("ra-status")).toContainText(`业务由 ${west} 承接`);
  await expect(eastRow.getByTestId("ra-open")).toHaveText("0");
  await expect(westRow.getByTestId("ra-open")).toHaveText("1");
  await admin.screenshot({ path: test.info().outputPath("ra-merged.png"), fullPage: true });

  await officer.reload();
  await expect(item).toBeVisible();
  // The item names the RA that now holds it, and its kind and status in words.
  await expect(item).toContainText(west);
  await expect(item).toContainText("新办");
  await expect(item).toHaveAttribute("data-status", "SUBMITTED");
  await officer.screenshot({ path: test.info().outputPath("successor-queue.png"), fullPage: true });
  const state = (await seed({ action: "inspect-application", applicationId })) as { registrationAuthorityId: string };
  expect(state.registrationAuthorityId).toBe(westId);
  await officerContext.close();
  await admin.context().close();
});
