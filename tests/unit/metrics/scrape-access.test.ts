import { describe, expect, it } from "vitest";
import { ConfigurationError, readSettings } from "@/config/settings";
import { mayScrapeMetrics } from "@/server/metrics";

const TOKEN = "s3cret-scrape-token-0123456789";

describe("who may read /metrics", () => {
  it("nobody while METRICS_TOKEN is unset, whatever is sent", () => {
    expect(mayScrapeMetrics(`Bearer ${TOKEN}`, undefined)).toBe(false);
    expect(mayScrapeMetrics(null, undefined)).toBe(false);
    expect(readSettings({}).metrics.token).toBeUndefined();
  });

  it("the scraper that sends the token as a bearer token", () => {
    expect(mayScrapeMetrics(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    // The scheme is case-insensitive (RFC 9110), surrounding blanks tolerated.
    expect(mayScrapeMetrics(`bearer  ${TOKEN} `, TOKEN)).toBe(true);
  });

  it("not a wrong, shorter, longer or differently sent token", () => {
    for (const header of [
      null,
      "",
      "Bearer",
      "Bearer ",
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.toUpperCase()}`,
      `Basic ${Buffer.from(`metrics:${TOKEN}`).toString("base64")}`,
      TOKEN,
      `Bearer ${TOKEN} ${TOKEN}`,
      `Bearer\n${TOKEN}`,
    ]) {
      expect(mayScrapeMetrics(header, TOKEN), JSON.stringify(header)).toBe(false);
    }
  });

  it("METRICS_TOKEN must be a long token without spaces, and is never echoed in the error", () => {
    expect(readSettings({ METRICS_TOKEN: TOKEN }).metrics.token).toBe(TOKEN);
    for (const bad of ["short-token", "a token with spaces in it"]) {
      let error: unknown;
      try {
        readSettings({ METRICS_TOKEN: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems.join(" ")).toMatch(/^METRICS_TOKEN must be at least 16 characters/);
      expect((error as Error).message).not.toContain(bad);
    }
  });
});
