import { expect, test } from "./support/page-scan";
import { inspectCertificate } from "./console-case-helpers";
import { fillIndividualApplicationToKeyStep, officerIssues, signUp, submitApplication } from "./support/portal-journeys";

// Issue 17 item 4 (GM/T 0034), one subscriber: an SM2 dual certificate. The signing key is made in
// the browser; the officer approves and issues; both certificates are stored and linked (the
// encryption one on a key the CA's key-management component made); the certificate page opens the
// encryption key's envelope with the signing key kept in IndexedDB and shows that it matches the
// encryption certificate; revoking one half revokes both (stored).

type Inspected = Awaited<ReturnType<typeof inspectCertificate>> & {
  keyRole: "SIGNING" | "ENCRYPTION" | null;
  signingCertificateId: string | null;
  encryptionCertificate: { id: string } | null;
  notBefore: string;
  notAfter: string;
  publicKeySha256: string;
  revocationReason: string | null;
};

test("SM2 dual certificate: browser signing key, KMC encryption key, envelope opened in the browser, one revocation revokes both", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signUp(page, "sm2-dual");
  await page.goto("/apply");
  await page.getByRole("radio", { name: /个人双证书（SM2 签名 \+ 加密）/ }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await fillIndividualApplicationToKeyStep(page, "赵六");
  await expect(page.getByTestId("browser-key-algorithm")).toHaveAttribute("data-algorithm", "SM2");
  await page.getByRole("button", { name: "生成密钥" }).click();
  await expect(page.getByTestId("key-progress")).toHaveText("密钥已就绪，证书请求已发送。");
  const applicationId = await submitApplication(page);
  const officer = await officerIssues(browser, applicationId, "sm2-dual");

  // Both certificates are the subscriber's; the stored rows say which half each is and link them.
  await page.goto("/dashboard");
  const hrefs = await page.getByTestId("my-certificate").locator('a[href^="/certificates/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  const ids = [...new Set(hrefs.map((h) => /\/certificates\/([0-9a-f-]{36})/.exec(h)?.[1]).filter((x): x is string => !!x))];
  const rows = (await Promise.all(ids.map((id) => inspectCertificate(page, id)))) as Inspected[];
  const byId = new Map(ids.map((id, i) => [id, rows[i]!]));
  const signingId = ids.find((id) => byId.get(id)!.keyRole === "SIGNING")!;
  const encryptionId = ids.find((id) => byId.get(id)!.keyRole === "ENCRYPTION")!;
  expect(signingId).toBeTruthy();
  expect(encryptionId).toBeTruthy();
  const signing = byId.get(signingId)!;
  const encryption = byId.get(encryptionId)!;
  expect(signing.encryptionCertificate).toEqual({ id: encryptionId });
  expect(encryption.signingCertificateId).toBe(signingId);
  expect(encryption.notAfter).toBe(signing.notAfter);
  expect(encryption.publicKeySha256).not.toBe(signing.publicKeySha256);
  expect(encryption.auditActions).toEqual(expect.arrayContaining(["kmc.key-generated", "certificate.issued"]));

  // The encryption key opened in this browser with the signing key, checked against its certificate.
  await page.goto(`/certificates/${signingId}`);
  const card = page.getByTestId("key-envelope");
  await card.getByTestId("key-envelope-open").click();
  await expect(card.getByTestId("key-envelope-matches")).toContainText("与加密证书的公钥一致", { timeout: 30_000 });
  expect(((await inspectCertificate(page, encryptionId)) as Inspected).auditActions).toContain("kmc.envelope-delivered");
  // Kept beside the signing key: the encryption certificate's page finds it there.
  await page.goto(`/certificates/${encryptionId}`);
  await expect(page.getByTestId("key-envelope-stored")).toBeVisible();

  // One life cycle: the subscriber asks to revoke the encryption certificate; the officer's revocation revokes both.
  await page.getByTestId("revoke-form").getByLabel("原因").selectOption("KEY_COMPROMISE");
  await page.getByTestId("revoke-form").getByRole("button", { name: "提交撤销申请" }).click();
  const revokeHref = (await page.getByTestId("revoke-form-done").getByRole("link", { name: "下载回执" }).getAttribute("href"))!;
  await officer.goto(`/ra/revocations/${revokeHref.split("/").pop()}`);
  if (await officer.getByLabel("身份确认方式").count()) {
    await officer.getByLabel("身份确认方式").fill("电话回拨核对身份证号后四位");
    await officer.getByRole("button", { name: "确认身份" }).click();
  }
  await officer.getByRole("button", { name: "撤销证书" }).click();
  // The request's own status, not the first success alert: the identity check left one on the page
  // already, and closing the officer's browser before the revocation lands would cancel it.
  await expect(officer.getByTestId("request-status")).toHaveAttribute("data-status", "DONE");
  await officer.context().close();
  for (const id of [encryptionId, signingId]) {
    expect(await inspectCertificate(page, id)).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
  }
});
