import { expect, test } from "./support/page-scan";
import { approveAsSecondAdmin, expectAccessible, pageAs } from "./console-helpers";

// Journey 6: a subscriber, an agent and an RA officer are each refused every staff page above
// their role: the server answers 403 and the page says so; route handlers answer 403 too.

const SOME_ID = "00000000-0000-4000-8000-000000000000";
const PAGES = {
  agent: ["/agent"],
  ra: ["/ra", "/ra?kind=revocation", `/ra/applications/${SOME_ID}`, `/ra/revocations/${SOME_ID}`],
  admin: ["/admin", "/admin/agreements", "/admin/profiles", "/admin/registration-authorities", "/admin/update-notices", "/admin/revocations", "/admin/calendar", "/admin/privacy", "/admin/jobs"],
  audit: ["/audit", "/audit?check=1"],
} as const;

const CASES = [
  { role: "SUBSCRIBER", refused: [...PAGES.agent, ...PAGES.ra, ...PAGES.admin, ...PAGES.audit] },
  { role: "AGENT", refused: [...PAGES.ra, ...PAGES.admin, ...PAGES.audit] },
  { role: "RA_OFFICER", refused: [...PAGES.admin, ...PAGES.audit] },
] as const;

for (const c of CASES) {
  test(`${c.role} is refused every page above the role (403 and the page says so)`, async ({ browser }) => {
    const page = await pageAs(browser, c.role);
    for (const url of c.refused) {
      const response = await page.goto(url);
      expect(response?.status(), `${c.role} on ${url}`).toBe(403);
      await expect(page.getByTestId("forbidden")).toContainText("403");
    }
    await expectAccessible(page);
    // The console route handlers check the role themselves.
    expect((await page.request.get(`/ra/documents/${SOME_ID}`)).status()).toBe(c.role === "RA_OFFICER" ? 404 : 403);
    expect((await page.request.post("/audit/export", { form: { action: "x" } })).status()).toBe(403);
    await page.screenshot({ path: test.info().outputPath(`refused-${c.role}.png`), fullPage: true });
    await page.context().close();
  });
}

test("each console admits its own role and passes the axe check", async ({ browser }) => {
  for (const [role, url, id] of [
    ["RA_OFFICER", "/ra", "area-ra"],
    ["CA_ADMIN", "/admin", "area-admin"],
    ["AUDITOR", "/audit", "area-audit"],
  ] as const) {
    const page = await pageAs(browser, role);
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId(id)).toBeVisible();
    await expectAccessible(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page);
    // Usable on a phone: wide tables scroll inside their own region, the page itself does not.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${url} at 390 px`).toBeLessThanOrEqual(390);
    await page.screenshot({ path: test.info().outputPath(`console-${role}.png`), fullPage: true });
    await page.context().close();
  }
});

test("every administrator page opens and passes the axe check, in both languages", async ({ browser }) => {
  const page = await pageAs(browser, "CA_ADMIN");
  for (const url of PAGES.admin) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await expectAccessible(page);
  }
  // Profiles: a fee saved through the form (the same fee again, so other journeys keep theirs).
  await page.goto("/admin/profiles");
  await page.getByTestId("profile-individual-signing").getByRole("button", { name: "保存" }).click();
  // Dual control: requested; the second administrator's approval carries it out.
  await approveAsSecondAdmin(page);
  await page.goto("/admin/profiles");
  // Personal information: a processor enters the register.
  await page.goto("/admin/privacy");
  await page.getByLabel("处理者名称").fill(`短信服务商 ${Date.now()}`);
  await page.getByLabel("处理目的").fill("发送短信验证码");
  await page.getByLabel("数据类别（逗号分隔）").fill("手机号码, 姓名");
  await page.getByRole("button", { name: "登记处理者" }).click();
  await expect(page.locator('[data-alert="success"]')).toContainText("处理者已登记");
  // Scheduled jobs (listJobStatus): the leases the running portal's scheduler holds, each a row with its state.
  await page.goto("/admin/jobs");
  await expect(page.getByTestId("job-row").first()).toBeVisible();
  // CA status: publish every CRL shard now.
  await page.goto("/admin");
  await page.getByRole("button", { name: "立即发布全部 CRL" }).click();
  await expect(page.locator('[data-alert="success"]')).toContainText("全部 CRL 分片已发布");
  // CA status: CA roles in words; the TSA's own certificate and a live self-test through /pki/tsa's code path; the OCSP signer.
  await expect(page.getByTestId("ca-table").locator('tr[data-role="ROOT"]').first()).toContainText("根 CA");
  await expect(page.getByTestId("ca-table")).not.toContainText("ISSUING");
  const tsa = page.getByTestId("tsa-status");
  // Two TSAs: tsa (SHA-2 imprints) and tsa-sm2 (SM3 imprints); both certificates valid, both keys in encrypted files.
  await expect(tsa.getByTestId("service-certificate")).toHaveCount(2);
  for (const certificate of await tsa.getByTestId("service-certificate").all()) {
    await expect(certificate).toHaveAttribute("data-validity", "valid");
    await expect(certificate).toContainText("加密密钥文件");
  }
  await expect(tsa.getByTestId("tsa-self-test")).toHaveAttribute("data-ok", "true");
  await expect(tsa.getByTestId("tsa-self-test")).toContainText("时间戳服务正常");
  await expect(page.getByTestId("ocsp-status").getByTestId("service-certificate").first()).toHaveAttribute("data-role", "OCSP");
  await expect(page.getByTestId("ocsp-self-test")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("ocsp-self-test")).toContainText("OCSP 服务正常");
  await page.screenshot({ path: test.info().outputPath("admin-ca-status.png"), fullPage: true });
  await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const url of PAGES.admin) {
    await page.goto(url);
    await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
    await expectAccessible(page);
  }
  await page.goto("/admin");
  await expect(page.getByTestId("tsa-self-test")).toContainText("The TSA answers");
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ["/admin", "/admin/profiles", "/admin/agreements", "/admin/registration-authorities", "/admin/update-notices"]) {
    await page.goto(url);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${url} at 390 px`).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: test.info().outputPath("admin-en.png"), fullPage: true });
  await page.context().close();
});
