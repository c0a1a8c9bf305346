import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { demoAccount, pageAs, setClock, signIn } from "./console-helpers";
import { expectAccessibleOnPhone, inspectCertificate as inspect, newSubscriber, ocspText, seed, type InspectedCertificate } from "./console-case-helpers";
import { subscriberWithCertificate } from "./support/portal-journeys";

// Issue 13, item 3: renewal and rekey by the subscriber, inside the profile's renewal window
// (default: from 90 days before expiry). A fresh certificate is outside it and its page says when
// it opens; with the test clock 300 days on, one subscriber renews with the key this browser made
// in the wizard (same key), another, whose key this browser does not hold, is told so and rekeys
// with a new browser key. Back at the real time, the renewal is approved, issued and accepted, and
// only then is the old certificate revoked as superseded (OCSP, through openssl).

const DAY = 86_400_000;
type InspectedApplication = { kind: string; replacesCertificateId: string | null; keyGeneration: string; csrSpkiSha256: string | null; status: string; certificateId: string | null };
const inspectApplication = (page: Page, applicationId: string) => seed<InspectedApplication>(page, { action: "inspect-application", applicationId });
const inspectCertificate = (page: Page, certificateId: string) => inspect(page, certificateId) as Promise<InspectedCertificate & { publicKeySha256: string; supersededById: string | null }>;

/** The renewal page asks for the agreement in force for renewals first, when not accepted yet for them. */
async function acceptRenewalAgreement(page: Page) {
  const gate = page.locator("#reaccept").getByTestId("agreement-gate");
  await expect(page.locator("#reaccept, #renew").first()).toBeVisible();
  if (!(await gate.count())) return;
  await gate.getByTestId("agreement-end").scrollIntoViewIfNeeded();
  await gate.getByRole("checkbox").check();
  await gate.getByRole("button", { name: "接受协议" }).click();
  await expect(page.getByTestId("renewal-form")).toBeVisible();
}

/** Receives (downloads, after the agreement for downloads) and accepts a certificate on its page. */
async function receiveAndAccept(page: Page, certificateId: string) {
  await page.goto(`/certificates/${certificateId}`);
  const gate = page.locator("#downloads").getByTestId("agreement-gate");
  if (await gate.count()) {
    await gate.getByTestId("agreement-end").scrollIntoViewIfNeeded();
    await gate.getByRole("checkbox").check();
    await gate.getByRole("button", { name: "接受协议" }).click();
    await expect(gate).toBeHidden();
  }
  const download = page.waitForEvent("download");
  await page.getByTestId("download-pem").click();
  readFileSync((await (await download).path())!, "utf8");
  await page.reload();
  await page.getByTestId("accept-form").getByRole("button", { name: "接受证书" }).click();
  await expect(page.getByTestId("accepted-at")).toHaveAttribute("data-kind", "EXPLICIT");
}

/** Ticks the declarations and submits the renewal form; returns the new application's id. */
async function submitRenewal(page: Page, button: string): Promise<string> {
  for (const box of await page.getByTestId("renewal-form").getByRole("checkbox").all()) await box.check();
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByTestId("renewal-submitted")).toBeVisible({ timeout: 60_000 });
  const href = await page.getByTestId("renewal-submitted").getByRole("link").getAttribute("href");
  return /\/applications\/([0-9a-f-]+)/.exec(href!)![1]!;
}

async function approveAndIssue(browser: Browser, applicationId: string) {
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/applications/${applicationId}`);
  // A fee may be set on the profile by an earlier journey: then the payment is recorded first.
  if (await officer.getByLabel("流水号或收据号").count()) {
    await officer.getByLabel("流水号或收据号").fill(`POS-renewal-${Date.now()}`);
    await officer.getByRole("button", { name: "登记付款" }).click();
    await expect(officer.locator('[data-alert="success"]')).toBeVisible();
  }
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  await officer.context().close();
}

test("renewal window: too early is explained; inside it one subscriber renews with the same browser key, another rekeys with a new one; the old certificate is superseded only on acceptance", async ({ page, browser }) => {
  test.setTimeout(300_000);
  // 1. A subscriber applies in the wizard (key made in this browser), gets and accepts the certificate.
  const a = await subscriberWithCertificate(page, browser, "renew-same");
  await page.getByTestId("accept-form").getByRole("button", { name: "接受证书" }).click();
  await expect(page.getByTestId("accepted-at")).toHaveAttribute("data-kind", "EXPLICIT");
  // Outside the window: the page says why not and from when.
  const card = page.getByTestId("renewal-card");
  await expect(card).toHaveAttribute("data-state", "too-early");
  await expect(card).toContainText("续期办理期自");
  await expect(card.getByTestId("renew-link")).toHaveCount(0);
  const oldA = await inspectCertificate(page, a.certificateId);

  // 2. A second subscriber whose certificate was issued from a CSR made elsewhere (seeded), received and accepted here.
  const other = await browser.newContext();
  const b = await other.newPage();
  const bEmail = await newSubscriber(b, "renew-rekey");
  const { certificateId: bCertificateId } = await seed<{ certificateId: string }>(b, { action: "certificate", subscriberEmail: bEmail, officerEmail: demoAccount("RA_OFFICER").email });
  await signIn(b, { email: bEmail, password: "subscriber pass 2026 e2e", roles: ["SUBSCRIBER"] });
  await receiveAndAccept(b, bCertificateId);
  const oldB = await inspectCertificate(b, bCertificateId);

  const before = ((await (await page.request.get("/api/test/clock")).json()) as { now: string }).now;
  const offsetBefore = new Date(before).getTime() - Date.now();
  let renewId = "";
  try {
    // 3. 300 days later: 65 days before expiry, inside the window.
    await setClock(page, { offsetMs: offsetBefore + 300 * DAY });

    // The dashboard lists the certificate as renewable until the window's end, with the way in.
    await page.goto("/dashboard");
    const line = page.getByTestId("certificate-renewal");
    await expect(line).toContainText("可续期至");
    await line.getByRole("link", { name: "续期" }).click();
    await page.waitForURL(new RegExp(`/certificates/${a.certificateId}/renew$`));
    await acceptRenewalAgreement(page);
    await expect(page.getByTestId("renewal-window")).toContainText("期间办理续期或更换密钥");
    await expect(page.getByRole("radio", { name: /^续期/ })).toBeChecked();
    await expect(page.getByTestId("renewal-key-status")).toHaveAttribute("data-state", "found");
    await expectAccessibleOnPhone(page);
    renewId = await submitRenewal(page, "提交续期申请");
    const renewal = await inspectApplication(page, renewId);
    // Same key: the request is signed by the certificate's own key, which never left this browser.
    expect(renewal).toMatchObject({ kind: "RENEW", replacesCertificateId: a.certificateId, keyGeneration: "CLIENT_CSR", status: "SUBMITTED" });
    expect(renewal.csrSpkiSha256).toBe(oldA.publicKeySha256);

    // 4. The second subscriber: this browser does not hold the key, so the renewal offers a rekey instead.
    await b.goto(`/certificates/${bCertificateId}`);
    await expect(b.getByTestId("renewal-card")).toHaveAttribute("data-state", "open");
    await b.goto(`/certificates/${bCertificateId}/renew?kind=renew`);
    await acceptRenewalAgreement(b);
    await expect(b.getByTestId("renewal-key-status")).toHaveAttribute("data-state", "missing");
    await b.getByRole("button", { name: "改为更换密钥" }).click();
    await expect(b.getByRole("radio", { name: /^更换密钥/ })).toBeChecked();
    await expect(b.getByRole("radio", { name: /在本浏览器中生成/ })).toBeChecked();
    const rekeyId = await submitRenewal(b, "提交更换密钥申请");
    const rekey = await inspectApplication(b, rekeyId);
    expect(rekey).toMatchObject({ kind: "REKEY", replacesCertificateId: bCertificateId, keyGeneration: "CLIENT_CSR", status: "SUBMITTED" });
    expect(rekey.csrSpkiSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rekey.csrSpkiSha256).not.toBe(oldB.publicKeySha256);
    // The certificate page now shows the rekey under way rather than offering another.
    await b.goto(`/certificates/${bCertificateId}`);
    await expect(b.getByTestId("renewal-card")).toHaveAttribute("data-state", "in-progress");
  } finally {
    await setClock(page, { offsetMs: offsetBefore });
    await other.close();
  }

  // 5. Back at the real time: approved and issued (same key); the old certificate stays good until the new one is accepted.
  await approveAndIssue(browser, renewId);
  const issued = await inspectApplication(page, renewId);
  expect(issued.status).toBe("ISSUED");
  const newId = issued.certificateId!;
  expect((await inspectCertificate(page, newId)).publicKeySha256).toBe(oldA.publicKeySha256);
  expect(ocspText(oldA)).toContain("Cert Status: good");
  await receiveAndAccept(page, newId);
  await expect.poll(() => ocspText(oldA), { timeout: 20_000 }).toContain("Cert Status: revoked");
  expect(ocspText(oldA)).toMatch(/Revocation Reason: superseded/);
  expect((await inspectCertificate(page, a.certificateId)).supersededById).toBe(newId);
});
