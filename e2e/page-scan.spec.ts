import type { BrowserContext, Page } from "@playwright/test";
import { demoAccount, pageAs } from "./console-helpers";
import { expectAccessibleOnPhone, seed, unique } from "./console-case-helpers";
import { expect, test } from "./support/page-scan";
import { e2eRun } from "./support/run";

// Words, not codes (issue 15, item 5): every page each demo role reaches, in both languages, read by
// the page-scan fixture (support/page-scan.ts), which fails the test on a UTC "…Z" time, a raw enum
// value or an untranslated message key. Includes the cases people met: /verify with a revoked
// certificate, an application whose payment was recorded, the audit log.

const PUBLIC = ["/", "/fees", "/repository", "/verify", "/query", "/agreement", "/report-problem", "/privacy-policy", "/sign-in", "/sign-up", "/forgot-password"];
const BY_ROLE: Record<string, string[]> = {
  SUBSCRIBER: ["/dashboard", "/apply", "/my-data", "/support", "/update-notices", "/account/security", "/organisations"],
  AGENT: ["/dashboard", "/agent", "/organisations"],
  RA_OFFICER: ["/ra", "/ra?kind=revocation", "/ra/problem-reports", "/ra/support", "/ra/authorisations"],
  CA_ADMIN: ["/admin", "/admin/revocations", "/admin/approvals", "/admin/profiles", "/admin/registration-authorities", "/admin/agreements", "/admin/calendar", "/admin/privacy", "/admin/update-notices", "/admin/staff", "/admin/support", "/admin/jobs"],
  AUDITOR: ["/audit", "/audit?subjectType=Application"],
};

async function setLanguage(context: BrowserContext, locale: "zh-CN" | "en"): Promise<void> {
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: e2eRun().baseURL }]);
}

/** Where each visit landed (after redirects): the spec checks at its end that every one was read. */
const landed = new Set<string>();

type PageScan = { settle(): Promise<void>; scan(page: Page): Promise<void>; scanned: Set<string> };

/**
 * Opens each path in Chinese, then in English; the fixture reads every page. Only the test's own
 * `page` has a goto that waits for its scan: a page of another context (a staff member's, from
 * pageAs) would start its next navigation while the load's scan still runs, and that scan would be
 * lost. So this waits for it, and reads the page again if it was not read.
 */
async function visitInBothLanguages(page: Page, paths: string[], pageScan: PageScan): Promise<void> {
  for (const locale of ["zh-CN", "en"] as const) {
    await setLanguage(page.context(), locale);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), `${locale} ${path}`).toBeLessThan(400);
      await pageScan.settle();
      if (!pageScan.scanned.has(page.url())) await pageScan.scan(page);
      landed.add(new URL(page.url()).pathname);
    }
  }
  await setLanguage(page.context(), "zh-CN");
}

test("every page each role reads shows words, Beijing time and yuan, in both languages", async ({ browser, page, pageScan }) => {
  test.setTimeout(240_000);
  // The scan itself works in this browser: a planted UTC time and enum value are found, the same in <code> is not.
  await page.setContent("<main><p>撤销时间 2026-12-02T15:44:46.512Z，原因 KEY_COMPROMISE</p><code>2026-12-02T15:44:46Z keyCompromise</code></main>");
  await pageScan.scan(page);
  expect([...new Set(pageScan.findings.splice(0).map((f) => `${f.kind} ${f.text}`))].sort()).toEqual(["iso-time 2026-12-02T15:44:46.512Z", "raw-enum KEY_COMPROMISE"]);
  const subscriber = demoAccount("SUBSCRIBER").email;
  const officerEmail = demoAccount("RA_OFFICER").email;

  // The officer: a revoked certificate (a request confirmed and carried out) and a recorded payment.
  const officer = await pageAs(browser, "RA_OFFICER");
  const { certificateId, requestId } = await seed<{ certificateId: string; requestId: string }>(officer, { action: "revocation-request", subscriberEmail: subscriber, officerEmail });
  await officer.goto(`/ra/revocations/${requestId}`);
  await officer.getByLabel("身份确认方式").fill("回拨登记电话，核对身份证号后四位");
  await officer.getByRole("button", { name: "确认身份" }).click();
  await expect(officer.getByTestId("request-status")).toHaveAttribute("data-status", "COMPLIANT");
  await officer.getByRole("button", { name: "撤销证书" }).click();
  await expect(officer.getByTestId("request-status")).toHaveAttribute("data-status", "DONE");

  const { applicationId } = await seed<{ applicationId: string }>(officer, { action: "application", applicantEmail: subscriber, feeCents: 30000 });
  await officer.goto(`/ra/applications/${applicationId}`);
  await officer.getByLabel("流水号或收据号").fill(unique("TX"));
  await officer.getByRole("button", { name: "登记付款" }).click();
  await expect(officer.locator('[data-alert="success"]')).toContainText("已登记付款");
  // The stored "BANK_TRANSFER:30000:TX…" read as words: method, yuan, and the reference as machine text.
  await expect(officer.getByTestId("payment-line")).toContainText("银行转账 300.00 元");
  await expect(officer.getByTestId("payment-line").locator("code")).toContainText("TX-");
  await expect(officer.getByTestId("fee-status")).toContainText("300.00 元");
  await expectAccessibleOnPhone(officer);
  await visitInBothLanguages(officer, [...BY_ROLE.RA_OFFICER!, `/ra/revocations/${requestId}`, `/ra/applications/${applicationId}`], pageScan);
  await setLanguage(officer.context(), "en");
  await officer.goto(`/ra/applications/${applicationId}`);
  await expect(officer.getByTestId("payment-line")).toContainText("Bank transfer, CNY 300.00");
  await officer.context().close();

  // The public, signed out: every public page, and /verify with the revoked certificate.
  const { pem } = await seed<{ pem: string }>(page, { action: "inspect-certificate", certificateId });
  await visitInBothLanguages(page, PUBLIC, pageScan);
  for (const locale of ["zh-CN", "en"] as const) {
    await setLanguage(page.context(), locale);
    await page.goto("/verify");
    await page.locator("#f-certificate").setInputFiles({ name: "revoked.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(pem) });
    await page.getByRole("button", { name: locale === "en" ? "Verify" : "开始验证" }).click();
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-overall", "invalid");
    await expect(page.locator('[data-check="revocation"]')).toHaveAttribute("data-outcome", "fail");
    await pageScan.scan(page); // the verdict appears in place, without a navigation
  }
  await setLanguage(page.context(), "zh-CN");

  // Every signed-in role's own pages; the subscriber also opens the revoked certificate and the paid application.
  for (const [role, paths] of Object.entries(BY_ROLE)) {
    if (role === "RA_OFFICER") continue;
    const p = await pageAs(browser, role);
    const extra = role === "SUBSCRIBER" ? [`/certificates/${certificateId}`, `/applications/${applicationId}`] : [];
    await visitInBothLanguages(p, [...paths, ...extra], pageScan);
    await p.context().close();
  }
  // Read, not only visited: every path of every role was scanned (the fixture records each completed scan).
  await pageScan.settle();
  const scannedPaths = new Set([...pageScan.scanned].filter((u) => u.startsWith("http")).map((u) => new URL(u).pathname));
  expect(landed.size).toBeGreaterThan(30);
  for (const path of landed) expect(scannedPaths, path).toContain(path);
});
