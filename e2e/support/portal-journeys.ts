// Steps several portal journeys share: a fresh subscriber through the real pages, a valid PNG for
// uploads, the axe check. Each spec imports these instead of keeping its own copy.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { pageAs } from "../console-helpers";
import { waitForMail } from "./mailbox";

export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export function png(): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.from([0, 9, 9, 9]))), chunk("IEND", Buffer.alloc(0))]);
}

/** A new subscriber, signed up, verified and signed in; returns the e-mail address. */
export async function signUp(page: Page, tag: string): Promise<string> {
  const email = `${tag}-${Date.now()}@example.com`;
  const password = "a long passphrase 2026";
  await page.goto("/sign-up");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入密码").fill(password);
  await page.getByRole("main").getByRole("button", { name: "注册" }).click();
  await expect(page.getByTestId("sign-up-done")).toBeVisible();
  const mail = await waitForMail({ to: email, subjectIncludes: "验证" });
  await page.goto(mail.links.find((l) => l.includes("/verify-email?token="))!);
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
  return email;
}

/**
 * The wizard for an individual from the identity step to the key step (Chinese pages): identity
 * typed (the sample number unless another is given, as typed: spaces, full-width digits), the agreement read to the end and accepted, both sides of the ID card uploaded, every
 * declaration, the fee acknowledged.
 */
export async function fillIndividualApplicationToKeyStep(page: Page, fullName: string, idNumber = "11010519491231002X"): Promise<void> {
  await page.getByLabel("姓名（与证件一致）").fill(fullName);
  await page.getByLabel("证件号码").fill(idNumber);
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByTestId("agreement-end").scrollIntoViewIfNeeded();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "接受协议并继续" }).click();
  await page.getByLabel("身份证件正面").setInputFiles({ name: "front.png", mimeType: "image/png", buffer: png() });
  await page.getByLabel("身份证件背面").setInputFiles({ name: "back.png", mimeType: "image/png", buffer: png() });
  await expect(page.getByTestId("upload-ID_BACK")).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("upload-ID_FRONT")).toHaveAttribute("data-state", "done");
  await page.getByRole("button", { name: "下一步" }).click();
  for (const box of await page.getByRole("checkbox").all()) await box.check();
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "下一步" }).click();
}

/** From the wizard's key step (key ready) to the submitted application; returns its id. */
export async function submitApplication(page: Page): Promise<string> {
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("button", { name: "提交申请" }).click();
  await page.getByRole("link", { name: "查看申请状态" }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  return /\/applications\/([0-9a-f-]+)/.exec(page.url())![1]!;
}

/** An RA officer records the fee where one is due, approves and issues; returns the officer's page, still open. */
export async function officerIssues(browser: Browser, applicationId: string, tag: string): Promise<Page> {
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/applications/${applicationId}`);
  if (await officer.getByLabel("流水号或收据号").count()) {
    await officer.getByLabel("流水号或收据号").fill(`POS-${tag}`);
    await officer.getByRole("button", { name: "登记付款" }).click();
    await expect(officer.locator('[data-alert="success"]')).toBeVisible();
  }
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  return officer;
}

/** A new subscriber with an issued, downloaded certificate; returns its id and its PEM. */
export async function subscriberWithCertificate(page: Page, browser: Browser, tag: string, csrPem?: string): Promise<{ certificateId: string; leafPem: string }> {
  await signUp(page, tag);
  await page.goto("/apply");
  await page.getByRole("radio", { name: /^个人签名证书 / }).check();
  await page.getByRole("button", { name: "下一步" }).click();
  await fillIndividualApplicationToKeyStep(page, "李四");
  if (csrPem) {
    await page.getByRole("radio", { name: /上传证书请求/ }).check();
    await page.getByLabel("证书请求（PEM 格式）").fill(csrPem);
    await page.getByRole("button", { name: "发送证书请求" }).click();
    await expect(page.getByText("密钥已就绪，证书请求已发送。")).toBeVisible();
  } else {
    await page.getByRole("button", { name: "生成密钥" }).click();
    await expect(page.getByTestId("key-progress")).toHaveText("密钥已就绪，证书请求已发送。");
  }
  const applicationId = await submitApplication(page);
  await (await officerIssues(browser, applicationId, tag)).context().close();

  await page.goto("/dashboard");
  await page.getByTestId("my-certificate").getByRole("link").first().click();
  await page.waitForURL(/\/certificates\/[0-9a-f-]+$/);
  const certificateId = /\/certificates\/([0-9a-f-]+)/.exec(page.url())![1]!;
  // No agreement screen before the download: the wizard's acceptance covers it (one acceptance rule, issue 15).
  await expect(page.getByTestId("agreement-gate")).toHaveCount(0);
  const download = page.waitForEvent("download");
  await page.getByTestId("download-pem").click();
  const leafPem = readFileSync((await (await download).path())!, "utf8");
  await page.reload();
  await expect(page.getByTestId("certificate-status")).toHaveText("测试期内");
  return { certificateId, leafPem };
}

/**
 * Fetches the CA certificates published on /repository into `dir` (roots.pem, intermediates.pem)
 * and runs `openssl verify` of the PEM certificate at `leafPath` against them; returns its output.
 */
export async function verifyWithPublishedChain(page: Page, dir: string, leafPath: string): Promise<string> {
  await page.goto("/repository");
  const roots: string[] = [];
  const intermediates: string[] = [];
  for (const [i, link] of (await page.getByTestId("ca-cert-link").all()).entries()) {
    const der = path.join(dir, `ca${i}.cer`);
    writeFileSync(der, await (await page.request.get((await link.getAttribute("href"))!)).body());
    const pem = execFileSync("openssl", ["x509", "-inform", "DER", "-in", der], { encoding: "utf8" });
    const names = execFileSync("openssl", ["x509", "-inform", "DER", "-in", der, "-noout", "-subject", "-issuer", "-nameopt", "RFC2253"], { encoding: "utf8" }).split("\n");
    (names[0]!.replace("subject=", "") === names[1]!.replace("issuer=", "") ? roots : intermediates).push(pem);
  }
  writeFileSync(path.join(dir, "roots.pem"), roots.join(""));
  writeFileSync(path.join(dir, "intermediates.pem"), intermediates.join(""));
  return execFileSync("openssl", ["verify", "-CAfile", path.join(dir, "roots.pem"), "-untrusted", path.join(dir, "intermediates.pem"), leafPath], { encoding: "utf8" });
}
