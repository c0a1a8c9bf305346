import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/page-scan";

// The public verification page on SM2 (issue 17 item 2), as a relying party uses it: the SM2
// issuing CA's certificate downloaded from the repository is reported valid with its algorithms
// named (公钥算法 SM2, 签名算法 SM3withSM2), the same certificate with one byte changed fails with
// the reason shown, and a timestamp from /pki/tsa for an `openssl ts -query -sm3` request (answered
// by tsa-sm2) verifies over its file.

test("verification page: an SM2 CA certificate is valid and named SM3withSM2; one changed byte fails; an SM3 timestamp verifies", async ({ page, request }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-verify-sm2-"));
  const cer = await request.get("/pki/ca/issuing-sm2.cer");
  expect(cer.status()).toBe(200);
  const certFile = path.join(dir, "issuing-sm2.cer");
  writeFileSync(certFile, await cer.body());
  expect(execFileSync("openssl", ["x509", "-inform", "DER", "-in", certFile, "-noout", "-text"], { encoding: "utf8" })).toContain("SM2-with-SM3");
  const changedFile = path.join(dir, "issuing-sm2-changed.cer");
  const bytes = readFileSync(certFile);
  bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01; // inside the signature value
  writeFileSync(changedFile, bytes);

  await page.goto("/verify");
  await page.getByLabel("证书", { exact: true }).check();
  await page.getByLabel("证书文件（.cer / .crt / .pem）").setInputFiles(certFile);
  await page.getByRole("button", { name: "开始验证" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-overall", "valid");
  await expect(page.getByTestId("verdict-overall")).toHaveText("有效");
  const structure = page.locator('[data-check="structure"]');
  await expect(structure).toContainText("公钥算法");
  await expect(structure).toContainText("SM2");
  await expect(structure).toContainText("签名算法");
  await expect(structure).toContainText("SM3withSM2");
  await expect(page.locator('[data-check="chain"]')).toHaveAttribute("data-outcome", "pass");
  await page.screenshot({ path: test.info().outputPath("verify-sm2-valid.png"), fullPage: true });

  await page.getByLabel("证书文件（.cer / .crt / .pem）").setInputFiles(changedFile);
  await page.getByRole("button", { name: "开始验证" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-overall", "invalid");
  const chain = page.locator('[data-check="chain"]');
  await expect(chain).toHaveAttribute("data-outcome", "fail");
  await expect(chain).toContainText("签发者签名验证失败");
  await page.screenshot({ path: test.info().outputPath("verify-sm2-changed.png"), fullPage: true });

  const original = path.join(dir, "contract.txt");
  writeFileSync(original, "国密时间戳 / an SM3 timestamp\n");
  execFileSync("openssl", ["ts", "-query", "-data", original, "-sm3", "-cert", "-out", path.join(dir, "req.tsq")]);
  const tsr = await request.post("/pki/tsa", { data: readFileSync(path.join(dir, "req.tsq")), headers: { "content-type": "application/timestamp-query" } });
  expect(tsr.status()).toBe(200);
  writeFileSync(path.join(dir, "token.tsr"), await tsr.body());
  await page.getByLabel("时间戳", { exact: true }).check();
  await page.getByLabel("时间戳令牌（.tsr / .tst）").setInputFiles(path.join(dir, "token.tsr"));
  await page.getByLabel("时间戳所覆盖的文件").setInputFiles(original);
  await page.getByRole("button", { name: "开始验证" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-overall", "valid");
  await expect(page.locator('[data-check="signature"]')).toContainText("SM3withSM2");
});
