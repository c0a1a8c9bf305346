import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigurationError, logLevelSetting, readSettings } from "@/config/settings";

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    readSettings(env);
  } catch (e) {
    if (e instanceof ConfigurationError) return e.problems;
    throw e;
  }
  throw new Error("expected a ConfigurationError");
};

describe("settings read from the environment", () => {
  it("gives the documented defaults for an empty environment", () => {
    const s = readSettings({});
    expect(s).toMatchObject({
      embeddedDefault: true,
      dataDir: path.resolve(".data"),
      port: 3000,
      host: "127.0.0.1",
      portalUrl: "http://localhost:3000",
      trustedProxyHops: 0,
      hotline: "400-000-0000",
      outboxIntervalMs: 3000,
      mailFrom: '"Certificate Portal" <no-reply@portal.localhost>',
      logLevel: "info",
      e2eBuild: false,
      jobs: { schedulerDisabled: false, intervalScale: 1, expiryReminderDays: undefined },
    });
    expect(s.ca).toMatchObject({ pkiBaseUrl: "http://localhost:3000", createHierarchy: false, pkcs11: undefined });
  });

  it("derives the portal URL from PORTAL_URL, then AUTH_URL, then PORT, and the PKI base from it", () => {
    expect(readSettings({ PORT: "8080" }).portalUrl).toBe("http://localhost:8080");
    expect(readSettings({ AUTH_URL: "https://auth.example/", PORT: "8080" }).portalUrl).toBe("https://auth.example");
    const s = readSettings({ PORTAL_URL: "https://portal.example/", AUTH_URL: "https://auth.example" });
    expect(s.portalUrl).toBe("https://portal.example");
    expect(s.ca.pkiBaseUrl).toBe("https://portal.example");
    expect(readSettings({ PORTAL_URL: "https://portal.example", PKI_BASE_URL: "http://pki.example" }).ca.pkiBaseUrl).toBe("http://pki.example");
  });

  it("reads typed values: numbers, flags, day lists", () => {
    const s = readSettings({ DATABASE_URL: "postgresql://x@db/portal", SCHEDULER_DISABLED: "1", JOB_INTERVAL_SCALE: "0.1", EXPIRY_REMINDER_DAYS: "7, 60,1,7", DOCUMENT_MAX_BYTES: "2048", CA_CREATE_HIERARCHY: "1" });
    expect(s.embeddedDefault).toBe(false);
    expect(s.jobs).toEqual({ schedulerDisabled: true, intervalScale: 0.1, expiryReminderDays: [60, 7, 1] });
    expect(s.documents.maxBytes).toBe(2048);
    expect(s.ca.createHierarchy).toBe(true);
    expect(readSettings({ NODE_ENV: "test" }).logLevel).toBe("silent");
  });

  it("names the variable and the bad value in the error", () => {
    expect(() => readSettings({ PORT: "abc" })).toThrow("PORT must be a number between 1 and 65535 (got 'abc')");
    expect(problemsOf({ PORT: "70000" })).toEqual(["PORT must be a number between 1 and 65535 (got '70000')"]);
    expect(problemsOf({ TRUSTED_PROXY_HOPS: "-1" })).toEqual(["TRUSTED_PROXY_HOPS must be a number between 0 and 32 (got '-1')"]);
    expect(readSettings({ TRUSTED_PROXY_HOPS: "0" }).trustedProxyHops).toBe(0);
    expect(problemsOf({ DOCUMENT_MAX_BYTES: "10MB" })).toEqual([expect.stringMatching(/^DOCUMENT_MAX_BYTES must be a number .*\(got '10MB'\)$/)]);
    expect(problemsOf({ SCHEDULER_DISABLED: "yes" })).toEqual(["SCHEDULER_DISABLED must be 1 or 0 (got 'yes')"]);
    expect(problemsOf({ JOB_INTERVAL_SCALE: "-1" })).toEqual(["JOB_INTERVAL_SCALE must be a number greater than 0 (got '-1')"]);
    expect(problemsOf({ EXPIRY_REMINDER_DAYS: "x,-3" })).toEqual([expect.stringMatching(/^EXPIRY_REMINDER_DAYS must be .*\(got 'x,-3'\)$/)]);
    expect(problemsOf({ PORTAL_URL: "portal.example" })).toEqual(["PORTAL_URL must be an http(s) URL (got 'portal.example')"]);
    expect(problemsOf({ LOG_LEVEL: "loud" })).toEqual([expect.stringMatching(/^LOG_LEVEL must be one of .*\(got 'loud'\)$/)]);
  });

  it("reports every bad variable at once", () => {
    expect(problemsOf({ PORT: "x", OUTBOX_INTERVAL_MS: "soon", CA_CRL_SHARDS: "0" }).map((p) => p.split(" ")[0])).toEqual(["OUTBOX_INTERVAL_MS", "PORT", "CA_CRL_SHARDS"]);
  });

  it("never echoes a secret, and checks the PKCS#11 variables together", () => {
    expect(readSettings({ AUTH_SECRET: " x " }).authSecret).toBe(" x ");
    expect(problemsOf({ CA_PKCS11_MODULE: "/lib/p11.so", CA_PKCS11_TOKEN_LABEL: "ca" })).toEqual(["CA_PKCS11_PIN is required with CA_PKCS11_MODULE"]);
    expect(problemsOf({ CA_PKCS11_MODULE: "/lib/p11.so", CA_PKCS11_PIN: "1234" })).toEqual(["CA_PKCS11_TOKEN_LABEL or CA_PKCS11_SLOT is required with CA_PKCS11_MODULE"]);
    expect(readSettings({ CA_PKCS11_MODULE: "/lib/p11.so", CA_PKCS11_PIN: "1234", CA_PKCS11_SLOT: "0" }).ca.pkcs11).toEqual({ modulePath: "/lib/p11.so", pin: "1234", tokenLabel: undefined, slotIndex: 0 });
  });

  it("gives the logger its level on its own, so a bad variable elsewhere does not stop it", () => {
    expect(logLevelSetting({ LOG_LEVEL: "debug", PORT: "abc" })).toBe("debug");
    expect(() => logLevelSetting({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL must be one of/);
  });
});
