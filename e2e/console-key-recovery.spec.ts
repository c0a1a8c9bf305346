import { execFileSync } from "node:child_process";
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sm2PrivateKeyHex, sm2PublicKeyHex } from "@/ca/keys/sm2";
import { parseCertificate, pemToDer } from "@/ca/asn1/certificate-parts";
import { openSm2EnvelopedKey } from "@/ca/kmc/sm2-enveloped-key";
import { expect, test } from "./support/page-scan";
import { approveAsSecondAdmin, demoAccount, pageAs } from "./console-helpers";
import { expectAccessibleOnPhone, inspectCertificate, newSubscriber, seed } from "./console-case-helpers";

// Issue 17 item 4: the escrowed encryption key of an SM2 dual certificate is recovered for a court
// by dual control: one administrator requests (legal basis, the court's SM2 key), another approves,
// the key leaves only as an SM2EnvelopedKey to the court's key, and the whole of it is audited.

const LEGAL_BASIS = "（2026）京0105刑初123号 协助执行通知书";

/** An SM2 key made by OpenSSL 3 (a subscriber's CSR, or the court's key). */
function sm2Key(dir: string, name: string): string {
  const keyFile = path.join(dir, `${name}.key`);
  execFileSync("openssl", ["genpkey", "-algorithm", "SM2", "-out", keyFile], { stdio: "pipe" });
  return keyFile;
}

test("a judicial key recovery: requested by one administrator, approved by another; only the envelope leaves, and the court's key opens it", async ({ browser }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "key-recovery-"));
  const csrFile = path.join(dir, "alice.csr");
  execFileSync("openssl", ["req", "-new", "-key", sm2Key(dir, "alice"), "-sm3", "-sigopt", "distid:1234567812345678", "-subj", "/CN=Alice", "-out", csrFile], { stdio: "pipe" });
  const admin = await pageAs(browser, "CA_ADMIN");
  const pair = await seed<{ certificateId: string; encryptionCertificateId: string }>(admin, {
    action: "certificate",
    subscriberEmail: await newSubscriber(admin, "key-recovery"),
    officerEmail: demoAccount("RA_OFFICER").email,
    csrPem: readFileSync(csrFile, "utf8"),
    profileCode: "individual-dual-sm2",
  });
  expect(pair.encryptionCertificateId).toBeTruthy();
  const court = createPrivateKey(readFileSync(sm2Key(dir, "court")));
  const courtPem = createPublicKey(court).export({ type: "spki", format: "pem" }).toString();

  // An RSA recipient key is refused on the form, with the reason; nothing is requested.
  await admin.goto("/admin/key-recovery");
  const form = admin.getByTestId("key-recovery-form");
  await form.getByLabel("证书编号（双证书中签名证书或加密证书均可）").fill(pair.certificateId);
  await form.getByLabel("法律依据（法院或主管机关文书编号）").fill(LEGAL_BASIS);
  await form.getByLabel("接收方 SM2 公钥或证书（PEM）").fill(generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString());
  await form.getByRole("button", { name: "提交，等待另一名管理员审批" }).click();
  await expect(admin.locator('[data-alert="error"]')).toContainText("接收方公钥须为 SM2 公钥");
  await expectAccessibleOnPhone(admin);

  // The court's SM2 key: requested, the requester may not approve, the second administrator does.
  await admin.goto("/admin/key-recovery");
  await form.getByLabel("证书编号（双证书中签名证书或加密证书均可）").fill(pair.certificateId);
  await form.getByLabel("法律依据（法院或主管机关文书编号）").fill(LEGAL_BASIS);
  await form.getByLabel("接收方 SM2 公钥或证书（PEM）").fill(courtPem);
  await form.getByRole("button", { name: "提交，等待另一名管理员审批" }).click();
  const approval = admin.getByTestId("approval");
  await expect(approval).toHaveAttribute("data-status", "PENDING");
  await expect(admin.getByTestId("approval-summary")).toContainText(LEGAL_BASIS);
  await expect(admin.getByTestId("approval-summary")).toContainText(pair.encryptionCertificateId);
  await expect(admin.getByRole("button", { name: "同意并执行" })).toHaveCount(0);
  await expect(admin.getByTestId("recovered-key-download")).toHaveCount(0);
  const approvalId = (await approval.getAttribute("data-approval-id"))!;
  await approveAsSecondAdmin(admin);
  await expect(approval).toHaveAttribute("data-status", "EXECUTED");

  // Stored: the envelope only; it opens with the court's key to the encryption certificate's key.
  const stored = await seed<{ status: string; result: { envelopeBase64: string; encryptionCertificateId: string; recipientKeySha256: string } }>(admin, { action: "inspect-approval", approvalId });
  expect(stored.status).toBe("EXECUTED");
  expect(Object.keys(stored.result).sort()).toEqual(["encryptionCertificateId", "envelopeBase64", "escrowedKeyId", "recipientKeySha256"]);
  const encryption = await inspectCertificate(admin, pair.encryptionCertificateId);
  const certPoint = sm2PublicKeyHex(parseCertificate(pemToDer(encryption.pem, "CERTIFICATE")).spki);
  const opened = openSm2EnvelopedKey(Buffer.from(stored.result.envelopeBase64, "base64"), sm2PrivateKeyHex(court));
  expect(opened.publicKeyHex).toBe(certPoint);

  // The requester downloads the same envelope from the approval page.
  const href = await admin.getByTestId("recovered-key-download").getAttribute("href");
  const download = await admin.request.get(href!);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).toString("base64")).toBe(stored.result.envelopeBase64);
  await expectAccessibleOnPhone(admin);

  // Audited, with the basis and the recipient key's hash, never key material or the envelope.
  const events = await seed<{ subjectId: string; summary: Record<string, unknown> }[]>(admin, { action: "inspect-audit", auditAction: "kmc.key-recovered" });
  const recovered = events.find((e) => e.summary.approvalId === approvalId)!;
  expect(recovered).toMatchObject({ subjectId: pair.encryptionCertificateId, summary: { legalBasis: LEGAL_BASIS, recipientKeySha256: stored.result.recipientKeySha256 } });
  expect(JSON.stringify(recovered.summary)).not.toContain(opened.privateKeyHex);
  const executed = await seed<{ subjectId: string; summary: Record<string, unknown> }[]>(admin, { action: "inspect-audit", auditAction: "approval.executed" });
  expect(JSON.stringify(executed.find((e) => e.subjectId === approvalId)!.summary)).not.toContain(stored.result.envelopeBase64);
  const downloads = await seed<{ subjectId: string }[]>(admin, { action: "inspect-audit", auditAction: "kmc.recovered-envelope-downloaded" });
  expect(downloads.filter((e) => e.subjectId === approvalId)).toHaveLength(1);
});
