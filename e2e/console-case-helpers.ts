// Shared by the console journeys for objections, deliveries, CA revocation, calendar and personal
// information: the e2e-only seed route, the phone-width check, language switch, OCSP and CRL through openssl.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./console-helpers";
import { e2eRun } from "./support/run";

export async function seed<T = Record<string, unknown>>(page: Page, body: Record<string, unknown>): Promise<T> {
  const r = await page.request.post("/api/test/console/seed", { data: body });
  expect(r.status(), await r.text()).toBe(200);
  return (await r.json()) as T;
}

/** A unique tag per test run and call, so journeys sharing one database never collide. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** A fresh subscriber account (role SUBSCRIBER) through the seed route. */
export async function newSubscriber(page: Page, prefix: string): Promise<string> {
  const email = `${unique(prefix)}@demo.test`;
  await seed(page, { action: "staff", email, password: "subscriber pass 2026 e2e", roles: ["SUBSCRIBER"] });
  return email;
}

/** The axe check at full width and at 390 px, where nothing may stick out sideways. */
export async function expectAccessibleOnPhone(page: Page): Promise<void> {
  await expectAccessible(page);
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  // The innermost elements sticking out on the right, named so a failure says where to look.
  const { overflow, culprits } = await page.evaluate(() => {
    const wide = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest("[role=region]"));
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      culprits: innermost.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 3).join(".")} "${(el.textContent ?? "").slice(0, 40)}"`),
    };
  });
  expect(overflow, `horizontal overflow on ${page.url()}: ${culprits.join(" | ")}`).toBeLessThanOrEqual(0);
  if (before) await page.setViewportSize(before);
}

export async function switchLanguage(page: Page, to: "English" | "中文"): Promise<void> {
  await page.getByTestId("language-switch").getByRole("button", { name: to }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", to === "English" ? "en" : "zh-CN");
}

export type InspectedCertificate = {
  serialHex: string;
  status: string;
  revokedAt: string | null;
  revocationReason: string | null;
  receiptAt: string | null;
  deliveryMethod: string | null;
  deliveredAt: string | null;
  mailTrackingNo: string | null;
  testWindowDeadline: string | null;
  testWindowProvisional: boolean;
  pem: string;
  issuerPem: string;
  auditActions: string[];
  audit: Array<{ action: string; summary: Record<string, unknown> }>;
};

export const inspectCertificate = (page: Page, certificateId: string) => seed<InspectedCertificate>(page, { action: "inspect-certificate", certificateId });

/** What the portal's OCSP responder says about the certificate, as openssl prints it. */
export function ocspText(cert: InspectedCertificate): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-ocsp-"));
  writeFileSync(path.join(dir, "leaf.pem"), cert.pem);
  writeFileSync(path.join(dir, "issuer.pem"), cert.issuerPem);
  return execFileSync("openssl", ["ocsp", "-issuer", path.join(dir, "issuer.pem"), "-cert", path.join(dir, "leaf.pem"), "-url", `${e2eRun().baseURL}/pki/ocsp`, "-noverify", "-resp_text"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The CRL named in the certificate's distribution point, as openssl prints it (upper case). */
export async function crlText(page: Page, cert: InspectedCertificate): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-crl-"));
  const leaf = path.join(dir, "leaf.pem");
  writeFileSync(leaf, cert.pem);
  const url = execFileSync("openssl", ["x509", "-in", leaf, "-noout", "-ext", "crlDistributionPoints"], { encoding: "utf8" }).match(/URI:(\S+)/)![1]!;
  const crlPath = path.join(dir, "shard.crl");
  // The URL carries the configured base; fetch it from this run's portal.
  writeFileSync(crlPath, await (await page.request.get(new URL(url).pathname)).body());
  return execFileSync("openssl", ["crl", "-inform", "DER", "-in", crlPath, "-noout", "-text"], { encoding: "utf8" }).toUpperCase();
}
