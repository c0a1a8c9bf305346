import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { expectAccessibleOnPhone, inspectCertificate, ocspText } from "./console-case-helpers";
import { pageAs } from "./console-helpers";
import { subscriberWithCertificate, verifyWithPublishedChain } from "./support/portal-journeys";

// Issue 13 items 5 and 6, one subscriber and one certificate: a loss report suspends it (OCSP
// certificateHold); the key is found, the holder asks for release with the declaration, the page
// shows the request pending and OCSP still says hold; the RA officer reads the declaration and
// releases: OCSP good. Then the holder revokes proving control of the key kept in this browser:
// compliant at once (received = compliant, due 24 h later, on the page and in the CA-signed
// receipt checked with openssl); the officer carries it out: OCSP revoked (keyCompromise), and the
// revoked certificate offers no release.

type Receipt = { json: string; cmsBase64: string };
type ReceiptBody = {
  request: { kind: string; status: string; confirmationMethod: string | null; times: { receivedAt: string; compliantAt: string | null; dueAt: string | null; doneAt: string | null } };
  revocation: { revokedAt: string; reason: string } | null;
};

/** The receipt's JSON wrapper, its CMS checked by openssl against the published chain; answers the signed record. */
async function verifiedReceipt(page: Page, href: string, dir: string, name: string): Promise<ReceiptBody> {
  const receipt = (await (await page.request.get(href)).json()) as Receipt;
  const cms = path.join(dir, `${name}.p7s`);
  const out = path.join(dir, `${name}.json`);
  writeFileSync(cms, Buffer.from(receipt.cmsBase64, "base64"));
  execFileSync("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", cms, "-CAfile", path.join(dir, "roots.pem"), "-certfile", path.join(dir, "intermediates.pem"), "-purpose", "any", "-out", out], { stdio: "pipe" });
  const signed = readFileSync(out, "utf8");
  expect(signed).toBe(receipt.json);
  return JSON.parse(signed) as ReceiptBody;
}

/** How many requests the certificate page lists (distinct request ids among its receipt links). */
async function requestsOnPage(page: Page): Promise<number> {
  const hrefs = await page.locator('#receipts a[href*="/receipt/"]').evaluateAll((links) => links.map((l) => l.getAttribute("href") ?? ""));
  return new Set(hrefs.map((h) => h.split("/receipt/")[1]!.split("/")[0])).size;
}

test("hold released only by the officer, then revocation proven by the browser key: compliant at once", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { certificateId, leafPem } = await subscriberWithCertificate(page, browser, "hold-key");
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-hold-key-"));
  writeFileSync(path.join(dir, "leaf.pem"), leafPem);
  await verifyWithPublishedChain(page, dir, path.join(dir, "leaf.pem"));
  const cert = await inspectCertificate(page, certificateId);
  expect(ocspText(cert)).toContain("Cert Status: good");

  // Loss report: suspended at once; the page now offers the release.
  await page.goto(`/certificates/${certificateId}`);
  await page.getByTestId("loss-form").getByRole("button", { name: "立即挂失" }).click();
  // Issue 15: the loss report asks for confirmation, saying what happens (hold, release, until when).
  await expect(page.getByTestId("loss-form-confirm")).toContainText("解除挂起");
  await page.getByTestId("loss-form-confirm").getByRole("button", { name: "确认挂失" }).click();
  await expect(page.getByTestId("certificate-status")).toHaveText("已挂起");
  expect(ocspText(cert)).toMatch(/Cert Status: revoked[\s\S]*Reason: certificateHold/);

  // The key is found: release asked with the declaration, shown pending with its receipt; OCSP unchanged.
  const release = page.getByTestId("hold-release-form");
  await release.getByLabel("私钥是如何找回的").fill("U 盾落在会议室，行政部次日交还");
  await release.getByRole("checkbox", { name: /没有他人持有、复制或使用过该私钥/ }).check();
  await release.getByRole("button", { name: "申请解除挂起" }).click();
  const pending = page.getByTestId("hold-release-pending");
  await expect(pending).toContainText("正在等待注册机构核实身份");
  await expect(page.getByTestId("certificate-status")).toHaveText("已挂起");
  expect(ocspText(cert)).toContain("Reason: certificateHold");
  const releaseHref = (await pending.getByRole("link", { name: "下载回执" }).getAttribute("href"))!;
  const releaseReceipt = await verifiedReceipt(page, releaseHref, dir, "release");
  expect(releaseReceipt.request).toMatchObject({ kind: "HOLD_RELEASE", status: "RECEIVED", times: { compliantAt: null, doneAt: null } });

  // The officer reads the declaration and releases: OCSP good again.
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/revocations/${releaseHref.split("/").pop()}`);
  await expect(officer.getByTestId("declaration-key-found")).toHaveText("U 盾落在会议室，行政部次日交还");
  await expect(officer.getByTestId("declaration-key-not-shared")).toHaveAttribute("data-declared", "yes");
  await officer.getByLabel("身份确认方式").fill("柜台核验身份证原件");
  await officer.getByRole("button", { name: "解除挂起" }).click();
  await expect(officer.getByTestId("request-status")).toHaveAttribute("data-status", "DONE");
  expect(ocspText(cert)).toContain("Cert Status: good");
  const released = await inspectCertificate(page, certificateId);
  expect(released).toMatchObject({ revokedAt: null });
  expect(released.auditActions.slice(-2)).toEqual(["revocation.loss-reported", "revocation.hold-released"]);

  // Revocation proven by the key kept in this browser since the application.
  await page.reload();
  await expect(page.getByTestId("certificate-status")).toHaveText("测试期内");
  await expect(page.locator("#hold-release")).toHaveCount(0);
  const byKey = page.getByTestId("key-revocation");
  await expect(byKey.getByTestId("key-revocation-key")).toHaveAttribute("data-browser-key", "yes");
  await expectAccessibleOnPhone(page);
  await byKey.getByLabel("撤销原因").selectOption("KEY_COMPROMISE");
  // A picked file that is no PKCS#12 is refused in the browser, before anything is sent; without it the browser key signs.
  const file = byKey.getByLabel("PKCS#12 文件（.p12 / .pfx）");
  await file.setInputFiles({ name: "not.p12", mimeType: "application/x-pkcs12", buffer: Buffer.from("not a PKCS#12 file") });
  await byKey.getByRole("button", { name: "用私钥签名并提交撤销申请" }).click();
  await expect(byKey.getByTestId("p12-error")).toHaveText("无法读取此 PKCS#12 文件（格式不支持或文件已损坏）。未向服务器发送任何内容。");
  expect(await requestsOnPage(page)).toBe(2); // the loss report and the release: no revocation request was made
  await file.setInputFiles([]);
  await byKey.getByRole("button", { name: "用私钥签名并提交撤销申请" }).click();
  const done = page.getByTestId("key-revocation-done");
  await expect(done).toContainText("已即时合规");
  const receivedAt = (await done.getAttribute("data-received-at"))!;
  expect(await done.getAttribute("data-compliant-at")).toBe(receivedAt);
  expect(Date.parse((await done.getAttribute("data-due-at"))!) - Date.parse(receivedAt)).toBe(24 * 3_600_000);
  const revokeHref = (await done.getByRole("link", { name: "下载回执" }).getAttribute("href"))!;
  const compliant = await verifiedReceipt(page, revokeHref, dir, "revocation");
  expect(compliant.request).toMatchObject({ kind: "REVOCATION", status: "COMPLIANT", confirmationMethod: "KEY_SIGNATURE" });
  expect(compliant.request.times).toEqual({ receivedAt, compliantAt: receivedAt, dueAt: new Date(Date.parse(receivedAt) + 24 * 3_600_000).toISOString(), doneAt: null });

  // Nothing for the officer to confirm: only carrying it out.
  await officer.goto(`/ra/revocations/${revokeHref.split("/").pop()}`);
  await expect(officer.getByRole("button", { name: "确认身份" })).toHaveCount(0);
  await officer.getByRole("button", { name: "撤销证书" }).click();
  await expect(officer.getByTestId("request-status")).toHaveAttribute("data-status", "DONE");
  await officer.context().close();
  expect(ocspText(cert)).toMatch(/Cert Status: revoked[\s\S]*Reason: keyCompromise/);
  const revoked = await verifiedReceipt(page, revokeHref, dir, "revoked");
  expect(revoked.request.times.compliantAt).toBe(receivedAt);
  expect(Date.parse(revoked.request.times.doneAt!)).toBeLessThanOrEqual(Date.parse(compliant.request.times.dueAt!));
  expect(revoked.revocation).toMatchObject({ reason: "KEY_COMPROMISE" });

  // A revoked certificate: no release, no revocation offered any more.
  await page.reload();
  await expect(page.getByTestId("certificate-status")).toHaveText("已撤销");
  await expect(page.locator("#hold-release")).toHaveCount(0);
  await expect(page.getByTestId("key-revocation")).toHaveCount(0);
});
