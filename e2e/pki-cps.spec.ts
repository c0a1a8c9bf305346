import { expect, test } from "./support/page-scan";

// Every certificate's policy qualifier points relying parties at /pki/cps. Without a CPS_URL of
// the CA's own, that pointer lands on the repository's certificate policies: each profile's policy
// OID, its kind and validity, and the way to the subscriber agreement.

test("the CPS pointer written into certificates leads to the certificate policies, in both languages", async ({ page, request }) => {
  const pointer = await request.get("/pki/cps", { maxRedirects: 0 });
  expect(pointer.status()).toBe(302);
  expect(pointer.headers()["location"]).toBe("/repository#policies");

  await page.goto("/pki/cps");
  await expect(page).toHaveURL(/\/repository#policies$/);
  const policies = page.getByTestId("policy");
  await expect(policies.first()).toBeVisible();
  // The demo profiles: four kinds of certificate, each with its own OID under the CA's arc.
  const oids = await policies.evaluateAll((els) => els.map((e) => e.getAttribute("data-oid")));
  expect(oids.length).toBeGreaterThanOrEqual(4);
  expect(new Set(oids).size).toBe(oids.length);
  for (const oid of oids) expect(oid).toMatch(/^\d+(\.\d+)+$/);
  await expect(page.locator("#policies")).toContainText("策略 OID");
  await expect(page.locator("#policies")).toContainText("签名证书");

  await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("#policies")).toContainText("Policy OID");
  await expect(page.locator("#policies")).toContainText("Signing certificate");
  await page.locator("#policies").getByRole("link", { name: "Read the subscriber agreement" }).click();
  await expect(page).toHaveURL(/\/agreement$/);
});
