import { expect, test } from "./support/page-scan";
import { demoAccount, pageAs } from "./console-helpers";
import { expectAccessibleOnPhone, inspectCertificate, newSubscriber, seed, switchLanguage } from "./console-case-helpers";

// Issue 7, delivery (clause 1.7): the officer records a collection at the counter (in person or by
// an agent), or a mail dispatch and then the signed-for time; that time is the receipt and starts
// the test window. Each test seeds its own issued, undelivered certificate.

/** A Beijing-time `datetime-local` value for an instant. */
const beijingLocal = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

test("collection by an authorised agent: recorded with who collected it, the receipt starts the test window", async ({ browser }) => {
  const officer = await pageAs(browser, "RA_OFFICER");
  const subscriberEmail = await newSubscriber(officer, "collect");
  const { certificateId } = await seed<{ certificateId: string }>(officer, { action: "certificate", subscriberEmail, officerEmail: demoAccount("RA_OFFICER").email });

  await officer.goto("/ra?kind=delivery");
  const item = officer.locator(`[data-testid="work-item"][data-id="${certificateId}"]`);
  await item.getByRole("link").click();
  const page = officer.getByTestId("delivery-case");
  await expect(page).toHaveAttribute("data-received", "false");
  await expect(officer.getByTestId("delivery-steps-empty")).toBeVisible();
  await expect(officer.getByTestId("case-receipt")).toHaveText("尚未登记");
  await expect(officer.getByTestId("case-certificate").locator("[data-derived]")).toHaveText("待交付");
  await expect(officer.getByTestId("case-certificate")).toContainText(subscriberEmail);
  await expectAccessibleOnPhone(officer);

  await officer.getByLabel("领取人").selectOption("AGENT");
  await officer.getByLabel("姓名及核验的证件").fill("王代理，身份证 110105194912310021");
  await officer.getByRole("button", { name: "登记领取" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("已登记交付");
  await expect(page).toHaveAttribute("data-received", "true");
  await expect(page).toHaveAttribute("data-delivery-method", "AGENT");
  await expect(officer.getByTestId("case-certificate").locator("[data-delivery-method]")).toHaveText("经办人代领");
  const step = officer.locator('[data-testid="delivery-step"][data-action="certificate.received-by-hand-over"]');
  await expect(step).toContainText("现场领取");
  await expect(step).toContainText("经办人代领 · 领取人：王代理，身份证 110105194912310021");
  await expect(step).toContainText(`登记人：${demoAccount("RA_OFFICER").email}`);
  await expect(officer.getByTestId("delivery-received")).toContainText("测试期截止");
  await expect(officer.getByTestId("case-certificate").locator("[data-derived]")).toHaveAttribute("data-derived", "IN_TEST_WINDOW");
  // Nothing left to record: the forms are gone, and so is the queue item.
  await expect(officer.getByRole("button", { name: "登记领取" })).toHaveCount(0);
  await expectAccessibleOnPhone(officer);

  const after = await inspectCertificate(officer, certificateId);
  expect(after.deliveryMethod).toBe("AGENT");
  expect(after.receiptAt).toBeTruthy();
  expect(new Date(after.testWindowDeadline!).getTime()).toBeGreaterThan(new Date(after.receiptAt!).getTime());
  const audit = after.audit.find((e) => e.action === "certificate.received-by-hand-over");
  expect(audit?.summary).toMatchObject({ method: "AGENT", collectedBy: "王代理，身份证 110105194912310021" });
  await officer.goto("/ra?kind=delivery");
  await expect(item).toHaveCount(0);
  await officer.context().close();
});

test("mail: dispatch with a tracking number, a signed-for time before dispatch is refused, the carrier's time is the receipt", async ({ browser }) => {
  const officer = await pageAs(browser, "RA_OFFICER");
  const clockBefore = (await (await officer.request.get("/api/test/clock")).json()) as { now: string };
  const offsetBefore = new Date(clockBefore.now).getTime() - Date.now();
  try {
    const subscriberEmail = await newSubscriber(officer, "mail");
    const { certificateId } = await seed<{ certificateId: string }>(officer, { action: "certificate", subscriberEmail, officerEmail: demoAccount("RA_OFFICER").email });
    await officer.goto(`/ra/deliveries/${certificateId}`);
    await officer.getByLabel("快递单号").fill("SF1029384756");
    await officer.getByRole("button", { name: "登记寄出" }).click();
    await expect(officer.locator('[data-alert="success"]')).toContainText("已登记寄出");
    await expect(officer.getByTestId("delivery-case")).toHaveAttribute("data-received", "false");
    await expect(officer.getByText("已寄出（快递单号 SF1029384756），等待签收时间。")).toBeVisible();
    await expect(officer.locator('[data-testid="delivery-step"][data-action="certificate.mailed"]')).toContainText("快递单号：SF1029384756");
    await expect(officer.getByTestId("case-certificate").locator("[data-delivery-method]")).toHaveText("邮寄 · 快递单号 SF1029384756");
    await expectAccessibleOnPhone(officer);

    const mailed = await inspectCertificate(officer, certificateId);
    const dispatchedAt = new Date(mailed.deliveredAt!).getTime();
    // A signed-for time before the dispatch cannot be.
    await officer.getByLabel("签收时间（北京时间，以快递记录为准）").fill(beijingLocal(dispatchedAt - 86_400_000));
    await officer.getByRole("button", { name: "登记签收时间" }).click();
    await expect(officer.locator('[data-alert="error"]')).toBeVisible();
    await expect(officer.getByTestId("delivery-case")).toHaveAttribute("data-received", "false");

    // Three hours on, the carrier reports the parcel signed for two hours after dispatch.
    await officer.request.post("/api/test/clock", { data: { offsetMs: offsetBefore + 3 * 3_600_000 } });
    const signedFor = Math.ceil((dispatchedAt + 2 * 3_600_000) / 60_000) * 60_000;
    await officer.getByLabel("签收时间（北京时间，以快递记录为准）").fill(beijingLocal(signedFor));
    await officer.getByRole("button", { name: "登记签收时间" }).click();
    await expect(officer.locator('[data-alert="success"]')).toContainText("已登记签收时间");
    await expect(officer.getByTestId("delivery-case")).toHaveAttribute("data-received", "true");
    await expect(officer.locator('[data-testid="delivery-step"][data-action="certificate.received-by-mail"]')).toContainText(`收到时间：${beijingLocal(signedFor).replace("T", " ")}`);
    const after = await inspectCertificate(officer, certificateId);
    expect(after.receiptAt).toBe(new Date(signedFor).toISOString());
    expect(after.deliveryMethod).toBe("MAIL");
    expect(after.auditActions).toEqual(expect.arrayContaining(["certificate.mailed", "certificate.received-by-mail"]));

    await switchLanguage(officer, "English");
    await expect(officer.locator('[data-testid="delivery-step"][data-action="certificate.received-by-mail"]')).toContainText("Signed for");
    await expect(officer.getByTestId("case-certificate").locator("[data-delivery-method]")).toHaveText("By mail · tracking no. SF1029384756");
    await expectAccessibleOnPhone(officer);
    await officer.screenshot({ path: test.info().outputPath("delivery-mail-en.png"), fullPage: true });
    await switchLanguage(officer, "中文");
  } finally {
    await officer.request.post("/api/test/clock", { data: { offsetMs: offsetBefore } });
    await officer.context().close();
  }
});
