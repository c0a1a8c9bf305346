import { expect, test } from "./support/page-scan";
import { demoAccount, expectAccessible, pageAs, signIn } from "./console-helpers";
import { newTotpSecret } from "./support/totp";

// Journey 1: an officer works a queue of mixed items; approving an application and issuing its
// certificate gives exactly one certificate, even with a double-click and a second officer
// pressing the button at the same moment.

test("a queue of mixed items; approve, then one issuance despite a double-click and two officers", async ({ browser }) => {
  const officer = await pageAs(browser, "RA_OFFICER");
  const seed = async (data: Record<string, unknown>) => {
    const r = await officer.request.post("/api/test/console/seed", { data });
    expect(r.status(), await r.text()).toBe(200);
    return r.json();
  };
  const subscriber = demoAccount("SUBSCRIBER").email;
  const { applicationId } = (await seed({ action: "application", applicantEmail: subscriber, withDocument: true })) as { applicationId: string };
  const change = (await seed({ action: "application", applicantEmail: subscriber, kind: "CHANGE" })) as { applicationId: string };
  await seed({ action: "revocation-request", subscriberEmail: subscriber, officerEmail: demoAccount("RA_OFFICER").email });
  // Staff need a second factor: the second officer's is enrolled by the seed, the sign-in computes the codes.
  const officer2Account = { email: "officer2@demo.test", password: "second officer pass 2026", roles: ["RA_OFFICER"], totpSecret: newTotpSecret() };
  await seed({ action: "staff", ...officer2Account });

  await officer.goto("/ra");
  const kinds = await officer.getByTestId("work-item").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kind")));
  for (const k of ["application", "change", "revocation"]) expect(kinds).toContain(k);
  const changeRow = officer.locator(`[data-testid="work-item"][data-id="${change.applicationId}"]`);
  await expect(changeRow).toContainText("变更申请");
  // Labels, not codes: the application kind, its profile by name, its status.
  await expect(changeRow).toHaveAttribute("data-status", "SUBMITTED");
  await expect(changeRow.getByTestId("work-status")).toHaveText("已提交");
  await expect(changeRow).toContainText("证书变更");
  const queueText = await officer.getByTestId("work-queue").innerText();
  for (const raw of ["SUBMITTED", "CHANGE", "RECEIVED", "REVOCATION", "individual-signing", "AWAITING_RECEIPT"]) expect(queueText).not.toContain(raw);
  await expect(officer.getByLabel("类别").locator("option")).toContainText(["全部类别", "证书申请", "变更申请", "撤销申请", "异议", "交付", "经办人授权书"]);
  await expect(officer.getByLabel("排序")).toContainText("最紧急");
  await expectAccessible(officer);
  await officer.screenshot({ path: test.info().outputPath("queue.png"), fullPage: true });

  // Filter: applications only.
  await officer.getByLabel("类别").selectOption("application");
  await officer.getByRole("button", { name: "显示" }).click();
  await expect(officer).toHaveURL(/kind=application/);
  const kindsAfter = await officer.getByTestId("work-item").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kind")));
  expect(new Set(kindsAfter)).toEqual(new Set(["application"]));

  await officer.locator(`[data-testid="work-item"][data-id="${applicationId}"]`).getByRole("link").click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "SUBMITTED");
  await expect(officer.getByTestId("application-status")).toHaveText("已提交");
  // The verified identity the certificate will rest on, beside the document.
  await expect(officer.getByTestId("identity-name")).toHaveText("李测试");
  await expect(officer.locator('[data-id-type="RESIDENT_ID_CARD"]')).toContainText("11010519491231002X");
  // The identity document beside the data, streamed inline with its sniffed type.
  const image = officer.getByRole("img", { name: /身份证件正面/ });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  const src = (await image.getAttribute("src"))!;
  const doc = await officer.request.get(src);
  expect(doc.status()).toBe(200);
  expect(doc.headers()["content-type"]).toBe("image/png");
  expect(doc.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(doc.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await doc.body()).subarray(1, 4).toString()).toBe("PNG");
  await expectAccessible(officer);
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("申请已批准");
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await expect(officer.getByTestId("application-status")).toHaveText("已批准");

  // A second officer has the same page open.
  const context2 = await browser.newContext();
  const officer2 = await context2.newPage();
  await signIn(officer2, officer2Account);
  await officer2.goto(`/ra/applications/${applicationId}`);
  await expect(officer2.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");

  const issue1 = officer.getByRole("button", { name: "签发证书" });
  const issue2 = officer2.getByRole("button", { name: "签发证书" });
  await Promise.all([issue1.dblclick(), issue2.click()]);
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  await expect(officer.getByTestId("application-status")).toHaveText("已签发");
  await expect(officer2.locator("[data-alert]").first()).toBeVisible();
  await officer.screenshot({ path: test.info().outputPath("issued.png"), fullPage: true });
  await officer2.screenshot({ path: test.info().outputPath("issued-second-officer.png"), fullPage: true });

  const state = (await seed({ action: "inspect-application", applicationId })) as { status: string; certificates: number; issuedAudit: number; certificateId: string };
  expect(state).toMatchObject({ status: "ISSUED", certificates: 1, issuedAudit: 1 });

  // The new certificate waits for its receipt: the officer records a collection at the counter.
  await officer.goto("/ra?kind=delivery");
  const delivery = officer.locator(`[data-testid="work-item"][data-id="${state.certificateId}"]`);
  await expect(delivery).toHaveAttribute("data-status", "AWAITING_RECEIPT");
  await expect(delivery.getByTestId("work-status")).toHaveText("待交付");
  await delivery.getByRole("link").click();
  await expect(officer.getByTestId("delivery-case")).toBeVisible();
  await expectAccessible(officer);
  await officer.getByLabel("姓名及核验的证件").fill("李测试，身份证 11010519491231002X");
  await officer.getByRole("button", { name: "登记领取" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("已登记交付");
  await expect(officer.getByTestId("case-certificate").locator('[data-delivery-method="IN_PERSON"]')).toContainText("本人领取");
  await officer.goto("/ra?kind=delivery");
  await expect(delivery).toHaveCount(0);

  // In English the same queue speaks English; on a phone kind and status fold into the item.
  await officer.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(officer.locator("html")).toHaveAttribute("lang", "en");
  await officer.goto("/ra?kind=change");
  await expect(changeRow.getByTestId("work-status")).toHaveText("Submitted");
  await expect(changeRow).toContainText("Change request");
  await expect(officer.getByLabel("Kind")).toContainText("All kinds");
  await officer.setViewportSize({ width: 390, height: 844 });
  await expect(changeRow.getByRole("cell").first()).toContainText("Change request · Submitted");
  await expectAccessible(officer);
  await officer.screenshot({ path: test.info().outputPath("queue-en-390.png"), fullPage: true });
  await context2.close();
  await officer.context().close();
});
