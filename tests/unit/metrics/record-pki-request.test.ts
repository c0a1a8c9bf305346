import { describe, expect, it } from "vitest";
import { recordPkiRequest, renderMetrics } from "@/server/metrics";
import { parsePrometheusText, sampleValue, type Sample } from "@/testing/fixtures/prometheus-text";

const NAME = "portal_pki_request_duration_seconds";
/** A scrape while the database is unreachable: what the recording alone shows. */
const scrape = async () => {
  const m = await renderMetrics(async () => {
    throw new Error("database down");
  });
  return { ...m, samples: parsePrometheusText(m.body) };
};
const count = (s: Sample[], labels: Record<string, string>) => sampleValue(s, `${NAME}_count`, labels) ?? 0;

describe("recordPkiRequest", () => {
  it("counts each answer by kind and outcome, its time in the histogram's buckets", async () => {
    const before = (await scrape()).samples;
    recordPkiRequest("ocsp", "good", 0.0003);
    recordPkiRequest("ocsp", "good", 0.0004);
    recordPkiRequest("ocsp", "revoked", 0.002);
    recordPkiRequest("crl", "200", 0.04);
    const { samples, contentType } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(count(samples, { kind: "ocsp", outcome: "good" }) - count(before, { kind: "ocsp", outcome: "good" })).toBe(2);
    expect(count(samples, { kind: "ocsp", outcome: "revoked" }) - count(before, { kind: "ocsp", outcome: "revoked" })).toBe(1);
    expect(count(samples, { kind: "crl", outcome: "200" }) - count(before, { kind: "crl", outcome: "200" })).toBe(1);
    // Cumulative buckets: both "good" answers are under 0.5 ms, neither under 0.25 ms.
    const bucket = (le: string) => sampleValue(samples, `${NAME}_bucket`, { kind: "ocsp", outcome: "good", le })! - (sampleValue(before, `${NAME}_bucket`, { kind: "ocsp", outcome: "good", le }) ?? 0);
    expect([bucket("0.00025"), bucket("0.0005"), bucket("+Inf")]).toEqual([0, 2, 2]);
    expect(sampleValue(samples, `${NAME}_sum`, { kind: "ocsp", outcome: "good" })! - (sampleValue(before, `${NAME}_sum`, { kind: "ocsp", outcome: "good" }) ?? 0)).toBeCloseTo(0.0007, 9);
  });

  it("counts a time equal to a bucket's bound in that bucket (le is inclusive), and one above every bound only in +Inf", async () => {
    const before = (await scrape()).samples;
    recordPkiRequest("ca", "304", 0.001);
    recordPkiRequest("ca", "304", 3);
    const { samples } = await scrape();
    const bucket = (le: string) => sampleValue(samples, `${NAME}_bucket`, { kind: "ca", outcome: "304", le })! - (sampleValue(before, `${NAME}_bucket`, { kind: "ca", outcome: "304", le }) ?? 0);
    expect([bucket("0.0005"), bucket("0.001"), bucket("2.5"), bucket("+Inf")]).toEqual([0, 1, 1, 2]);
    expect(samples.filter((s) => s.name === `${NAME}_bucket` && s.labels.kind === "ca" && s.labels.outcome === "304")).toHaveLength(15);
  });

  it("keeps the label set bounded: past 24 outcomes of one kind the rest count as 'other'", async () => {
    for (let i = 0; i < 40; i++) recordPkiRequest("tsa", `status-${i}`, 0.001);
    const { samples } = await scrape();
    const outcomes = new Set(samples.filter((s) => s.name === `${NAME}_count` && s.labels.kind === "tsa").map((s) => s.labels.outcome));
    expect(outcomes.size).toBe(25);
    expect(count(samples, { kind: "tsa", outcome: "other" })).toBe(16);
    expect(outcomes.has("status-39")).toBe(false);
  });

  it("records a nonsense duration as 0 instead of throwing on the hot path", async () => {
    expect(() => recordPkiRequest("ca", "200", Number.NaN)).not.toThrow();
    expect(() => recordPkiRequest("ca", "200", -1)).not.toThrow();
    expect(count((await scrape()).samples, { kind: "ca", outcome: "200" })).toBe(2);
  });

  it("a scrape whose database fails still answers: process metrics, portal_database_up 0, no database gauge", async () => {
    const { samples } = await scrape();
    expect(sampleValue(samples, "portal_database_up")).toBe(0);
    expect(sampleValue(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(samples.some((s) => s.name.startsWith("nodejs_"))).toBe(true);
    for (const gauge of ["portal_outbox_pending", "portal_ocsp_presigned_expired", "portal_revocation_clocks_open", "portal_certificates"]) {
      expect(samples.filter((s) => s.name === gauge), gauge).toEqual([]);
    }
  });
});
