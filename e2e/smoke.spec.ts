import { expect, test } from "@playwright/test";

// Proves the harness: the production server is up on the embedded database and speaks Chinese first.
test("the home page answers in Chinese", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", /^zh/);
  await expect(page.locator("body")).toContainText(/[\u4e00-\u9fff]/);
});

test("/api/health reports a reachable, migrated database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", ok: true, database: { kind: "pglite", reachable: true }, migrations: { pending: 0 } });
  expect(body.migrations.applied).toBeGreaterThan(0);
});
