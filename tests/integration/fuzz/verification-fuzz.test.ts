// Fuzz stage, public verification service (/verify/check): certificate, CMS signature and RFC 3161
// token, each with FUZZ_RUNS malformed inputs through the use cases the route handler calls.
// Expected: a verdict (a malformed structure names why) or a 4xx refusal, never an exception the
// route would answer with 500, no event-loop stall over 200 ms, nothing written but the rate-limit
// bucket (every verification counts against its client's budget).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { pemToDer } from "@/ca/asn1/certificate-parts";
import { OID } from "@/ca/asn1/oids";
import type { Check } from "@/ca/verify/verdict";
import { caOf } from "@/server/ca-service/wire-context";
import { INPUT_LIMITS } from "@/server/verification/input-limits";
import { verifyCertificateFile } from "@/server/verification/verify-certificate-file";
import { verifySignature } from "@/server/verification/verify-signature";
import { verifyTimestamp } from "@/server/verification/verify-timestamp";
import { issueTestCertificate, openssl, openWorld, type World } from "../public/world";
import { fuzz, FUZZ_RUNS, FUZZ_TIMEOUT_MS, MAX_LOOP_STALL_MS, refusal, startStallMeter, stopStallMeter } from "./fuzz-harness";
import { asPem, malformedDer } from "./malformed-inputs";
import { rowCounts } from "./row-counts";

let w: World;
let ip = 0;
/** A fresh client address per call: the rate limit is not what is being tested. */
const anon = () => w.anonymous(`10.${(++ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`);
const data = Buffer.from("采购合同 purchase contract, fuzz edition\n".repeat(8));
let certificates: Buffer[];
let signatures: Buffer[];
let tokens: Buffer[];

beforeAll(async () => {
  w = await openWorld();
  const holder = await issueTestCertificate(w, { holder: "alice", fullName: "李爱丽", publishConsent: true });
  const dataFile = w.file("data.txt", data);
  const sign = (name: string, extra: string[]) => {
    const out = w.file(name);
    const r = openssl(["cms", "-sign", "-binary", "-in", dataFile, "-signer", holder.certFile, "-inkey", holder.keyFile, "-outform", "DER", "-out", out, ...extra]);
    if (r.status !== 0) throw new Error(r.out);
    return readFileSync(out);
  };
  const ca = await caOf(w.db.prisma)();
  const evidence = await ca.signEvidence(data, w.clock.now());
  certificates = [holder.der, pemToDer(readFileSync(holder.chainFile, "utf8"))];
  signatures = [sign("detached.p7s", ["-certfile", holder.chainFile]), sign("attached.p7m", ["-nodetach"]), Buffer.from(evidence.cms)];
  tokens = [await ca.timestampAuthority(w.clock).timestampDigest(OID.sha256, createHash("sha256").update(data).digest())];
}, 120_000);
afterAll(async () => {
  await w?.close();
});

const ALLOWED_REFUSALS = ["INPUT_TOO_LARGE", "VALIDATION_FAILED"];

/** The verdict's label; a failed structure check must say it is malformed and why. */
function verdictLabel(v: { overall: string; checks: Check[] }): string {
  const structure = v.checks.find((c) => c.id === "structure");
  expect(structure).toBeDefined();
  if (structure!.outcome === "fail") {
    expect(structure!.reason).toBe("malformed");
    expect(v.overall).toBe("invalid");
    return `invalid:malformed`;
  }
  return `${v.overall}:parsed`;
}

/** Runs the batch and checks the stall bound and that only rate-limit buckets were written. */
async function batch<T>(name: string, input: fc.Arbitrary<T>, call: (x: T) => Promise<string>) {
  const before = await rowCounts(w.db.prisma);
  const report = await fuzz(name, input, call);
  expect(report.runs).toBe(FUZZ_RUNS);
  expect(report.blocking).toEqual([]);
  expect(await rowCounts(w.db.prisma)).toEqual(before);
  return report;
}

describe(`fuzz: verification service, ${FUZZ_RUNS} malformed inputs per kind`, { timeout: FUZZ_TIMEOUT_MS }, () => {
  it("the meters see a call that blocks for 300 ms (so a pass below means something)", async () => {
    const loop = await startStallMeter();
    const block = async () => {
      const t0 = Date.now();
      while (Date.now() - t0 < 300);
      return "blocked";
    };
    const report = await fuzz("meter self-test", fc.constant(0), block, 2);
    await stopStallMeter(loop);
    expect(loop.max / 1e6).toBeGreaterThan(MAX_LOOP_STALL_MS);
    expect(report.maxLoopDelayMs).toBeGreaterThan(MAX_LOOP_STALL_MS);
    expect(report.blocking).toHaveLength(2);
  });

  it("certificate check (DER and PEM)", async () => {
    const der = malformedDer(certificates, { maxOidBytes: 60_000, maxDepth: 3_000, maxElements: 20_000 });
    const input = fc.oneof({ weight: 3, arbitrary: der.map((b): Buffer | string => b) }, { weight: 1, arbitrary: asPem(der, "CERTIFICATE") });
    const report = await batch("certificate", input, async (certificate) => {
      try {
        return verdictLabel((await verifyCertificateFile(anon(), { certificate })).verdict);
      } catch (e) {
        return refusal(e, ALLOWED_REFUSALS);
      }
    });
    expect(report.outcomes["invalid:malformed"]).toBeGreaterThan(FUZZ_RUNS / 2);
  });

  it("CMS signature (detached with chain, attached, the CA's evidence signature with an embedded token)", async () => {
    const input = malformedDer(signatures, { maxOidBytes: 400_000, maxDepth: 5_000, maxElements: 60_000 });
    const report = await batch("cms-signature", input, async (signature) => {
      try {
        return verdictLabel((await verifySignature(anon(), { signature, signedData: data })).verdict);
      } catch (e) {
        return refusal(e, ALLOWED_REFUSALS);
      }
    });
    expect(report.outcomes["invalid:malformed"]).toBeGreaterThan(FUZZ_RUNS / 4);
  });

  it("timestamp token", async () => {
    const input = malformedDer(tokens, { maxOidBytes: INPUT_LIMITS.timestampToken - 8_000, maxDepth: 5_000, maxElements: 60_000 });
    const report = await batch("timestamp-token", input, async (timestampToken) => {
      try {
        return verdictLabel((await verifyTimestamp(anon(), { timestampToken, signedData: data })).verdict);
      } catch (e) {
        return refusal(e, ALLOWED_REFUSALS);
      }
    });
    expect(report.outcomes["invalid:malformed"]).toBeGreaterThan(FUZZ_RUNS / 4);
  });
});
