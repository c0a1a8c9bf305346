import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/page-scan";
import { demoAccount, pageAs, setClock, signIn } from "./console-helpers";
import { e2eRun } from "./support/run";

// Issue 6, journey 4: an agent renews an organisation's certificate after the agreement has a new
// version. Re-acceptance for the organisation is required first; the new certificate is issued by
// an RA officer; the old one stays good (OCSP) until the new one is accepted, then it is revoked
// as superseded. The organisation, the agent's authorisation and the first certificate are made
// through the real use cases by the e2e-only seed route; the new agreement version too.

async function seed<T>(page: Page, data: Record<string, unknown>): Promise<T> {
  const r = await page.request.post("/api/test/portal/seed-organisation", { data });
  const body = (await r.json()) as T & { error?: string };
  expect(r.status(), JSON.stringify(body)).toBe(200);
  return body;
}

function ocspText(issuer: string, leaf: string): string {
  return execFileSync("openssl", ["ocsp", "-issuer", issuer, "-cert", leaf, "-url", `${e2eRun().baseURL}/pki/ocsp`, "-noverify", "-resp_text"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The issuing CA certificate (PEM) that issued the leaf, from the public repository page. */
async function issuerPem(page: Page, dir: string, leaf: string): Promise<string> {
  const issuer = execFileSync("openssl", ["x509", "-in", leaf, "-noout", "-issuer", "-nameopt", "RFC2253"], { encoding: "utf8" }).replace("issuer=", "").trim();
  await page.goto("/repository");
  for (const [i, link] of (await page.getByTestId("ca-cert-link").all()).entries()) {
    const der = path.join(dir, `ca${i}.cer`);
    writeFileSync(der, await (await page.request.get((await link.getAttribute("href"))!)).body());
    const subject = execFileSync("openssl", ["x509", "-inform", "DER", "-in", der, "-noout", "-subject", "-nameopt", "RFC2253"], { encoding: "utf8" }).replace("subject=", "").trim();
    if (subject === issuer) {
      const pem = path.join(dir, "issuer.pem");
      writeFileSync(pem, execFileSync("openssl", ["x509", "-inform", "DER", "-in", der], { encoding: "utf8" }));
      return pem;
    }
  }
  throw new Error(`issuer ${issuer} not in the repository`);
}

/** Accepts the agreement shown in a gate (scroll to the end, tick, accept); `within` picks one card's gate when the page has several. */
async function acceptGate(page: Page, buttonName: string, within = "main") {
  const gate = page.locator(within).getByTestId("agreement-gate");
  await gate.getByTestId("agreement-end").scrollIntoViewIfNeeded();
  await gate.getByRole("checkbox").check();
  await gate.getByRole("button", { name: buttonName }).click();
  await expect(gate).toBeHidden();
}

/** Downloads the certificate's PEM on its page (accepting the agreement for downloads first if asked). */
async function downloadPem(page: Page, certificateId: string): Promise<string> {
  await page.goto(`/certificates/${certificateId}`);
  // The downloads card's gate: the change-of-details card may show an agreement gate of its own.
  if (await page.locator("#downloads").getByTestId("agreement-gate").count()) await acceptGate(page, "接受协议", "#downloads");
  const download = page.waitForEvent("download");
  await page.getByTestId("download-pem").click();
  return readFileSync((await (await download).path())!, "utf8");
}

// The clock goes back even when the journey fails half-way, so later specs start at the real time.
let clockOffsetBefore: number | null = null;
test.afterEach(async ({ page }) => {
  if (clockOffsetBefore !== null) await setClock(page, { offsetMs: clockOffsetBefore });
});

test("journey 4: an agent renews an organisation certificate after a new agreement version; the old one is superseded only once the new one is accepted", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const shot = (p: Page, name: string) => p.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  const agent = demoAccount("AGENT");
  const officerAccount = demoAccount("RA_OFFICER");
  const admin = demoAccount("CA_ADMIN");
  const orgName = `续期测试科技有限公司${Date.now().toString(36)}`;

  // 1. The organisation, the agent authorised for it (RENEW), its accepted certificate.
  const old = await seed<{ organisationId: string; certificateId: string; status: string; agreementVersion: number }>(page, {
    action: "organisation-certificate",
    agentEmail: agent.email,
    officerEmail: officerAccount.email,
    name: orgName,
  });
  expect(old.status).toBe("ACTIVE");

  // 2. A CA administrator publishes a new agreement version, in force now.
  const published = await seed<{ version: number }>(page, { action: "publish-agreement", adminEmail: admin.email });
  expect(published.version).toBeGreaterThan(old.agreementVersion);

  // 3. The agent sees the organisation and its certificate, starts the renewal, re-accepts. The
  // certificate (730 days) is renewable from 90 days before expiry (the profile's renewal window):
  // the test clock stands 650 days on while the renewal is requested, then goes back.
  await signIn(page, agent);
  const offsetBefore = new Date(((await (await page.request.get("/api/test/clock")).json()) as { now: string }).now).getTime() - Date.now();
  clockOffsetBefore = offsetBefore;
  await setClock(page, { offsetMs: offsetBefore + 650 * 86_400_000 });
  await page.goto("/agent");
  await expect(page.getByTestId("agent-organisations")).toContainText(orgName);
  const row = page.getByTestId("agent-certificates").locator("li").filter({ has: page.locator(`a[href="/certificates/${old.certificateId}"]`) });
  await shot(page, "01-agent-organisations");
  await row.getByRole("link", { name: "续期" }).click();
  await page.waitForURL(new RegExp(`/agent/renew/${old.certificateId}$`));
  // Re-acceptance names the version the organisation accepted and the one in force (issue 15).
  await expect(page.getByTestId("agreement-version-changed")).toContainText(`该单位接受的是第 ${old.agreementVersion} 版，现行为第 ${published.version} 版`);
  await shot(page, "02-reaccept-required");
  await acceptGate(page, "代表机构接受协议");
  await expect(page.getByRole("button", { name: "生成新密钥并提交续期申请" })).toBeVisible();
  for (const box of await page.locator("#renew").getByRole("checkbox").all()) await box.check();
  await page.getByRole("button", { name: "生成新密钥并提交续期申请" }).click();
  await expect(page.getByTestId("renewal-submitted")).toBeVisible({ timeout: 60_000 });
  await shot(page, "03-renewal-submitted");
  await page.getByTestId("renewal-submitted").getByRole("link").click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  const applicationId = /\/applications\/([0-9a-f-]+)/.exec(page.url())![1]!;
  await setClock(page, { offsetMs: offsetBefore });

  // 4. An RA officer (second browser context) records payment when due, approves and issues.
  const officer = await pageAs(browser, "RA_OFFICER");
  await officer.goto(`/ra/applications/${applicationId}`);
  if (await officer.getByLabel("流水号或收据号").count()) {
    await officer.getByLabel("流水号或收据号").fill(`POS-renew-${Date.now()}`);
    await officer.getByRole("button", { name: "登记付款" }).click();
    await expect(officer.locator('[data-alert="success"]')).toBeVisible();
  }
  await officer.getByRole("button", { name: "批准" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await officer.getByRole("button", { name: "签发证书" }).click();
  await expect(officer.getByTestId("application-status")).toHaveAttribute("data-status", "ISSUED");
  await shot(officer, "04-officer-issued");
  await officer.context().close();

  // 5. The agent downloads both certificates; the old one is still good before acceptance.
  await page.goto("/agent");
  const orgRows = page.getByTestId("agent-certificates").locator("li").filter({ hasText: orgName });
  await expect(orgRows).toHaveCount(2);
  const hrefs = await orgRows.locator('a[href^="/certificates/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const newId = hrefs.map((h) => /\/certificates\/([0-9a-f-]+)/.exec(h ?? "")![1]!).find((id) => id !== old.certificateId)!;
  expect(newId).not.toBe(old.certificateId);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-renew-"));
  const oldLeaf = path.join(dir, "old.pem");
  writeFileSync(oldLeaf, await downloadPem(page, old.certificateId));
  const newLeaf = path.join(dir, "new.pem");
  writeFileSync(newLeaf, await downloadPem(page, newId));
  await shot(page, "05-new-certificate");
  const issuer = await issuerPem(page, dir, oldLeaf);
  expect(ocspText(issuer, oldLeaf)).toContain("Cert Status: good");
  expect(ocspText(issuer, newLeaf)).toContain("Cert Status: good");

  await page.goto(`/certificates/${old.certificateId}`);
  await expect(page.getByTestId("accepted-at")).toBeVisible();
  await expect(page.getByTestId("revoked-at")).toHaveCount(0);

  // The agent accepts the new certificate; only now is the old one superseded.
  await page.goto(`/certificates/${newId}`);
  await page.getByTestId("accept-form").getByRole("button", { name: "接受证书" }).click();
  await expect(page.getByTestId("accepted-at")).toHaveAttribute("data-kind", "EXPLICIT");
  await shot(page, "06-new-accepted");
  await expect.poll(() => ocspText(issuer, oldLeaf), { timeout: 20_000 }).toContain("Cert Status: revoked");
  const oldOcsp = ocspText(issuer, oldLeaf);
  expect(oldOcsp).toMatch(/Revocation Reason: superseded/);
  expect(ocspText(issuer, newLeaf)).toContain("Cert Status: good");
  await page.goto(`/certificates/${old.certificateId}`);
  await expect(page.getByTestId("revoked-at")).toBeVisible();
  await shot(page, "07-old-superseded");
});
