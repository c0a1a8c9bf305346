// Fuzz stage, TSA (/pki/tsa) and the applicant's CSR (the apply wizard's attach step), FUZZ_RUNS
// malformed inputs each through the functions the route handler and the server action call.
// TSA: always an RFC 3161 answer (granted, or a rejection naming badDataFormat / badAlg /
// unacceptedPolicy; 413 + badRequest over the size limit), a token row only per granted token.
// CSR: CSR_INVALID / KEY_NOT_ACCEPTED / VALIDATION_FAILED, and a refused request changes nothing.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { children, contentOf, readRoot } from "@/ca/asn1/der";
import { attachCsr } from "@/server/application/attach-csr";
import { serveTimestamp } from "@/server/ca-service/pki-http";
import { makeApplication, openWorld, type World } from "../certificate/fixtures";
import { openssl } from "../certificate/pki-helpers";
import { fuzz, FUZZ_RUNS, FUZZ_TIMEOUT_MS, refusal } from "./fuzz-harness";
import { asPem, malformedDer } from "./malformed-inputs";
import { rowCounts } from "./row-counts";

let w: World;
let tsaRequests: Buffer[];
let csrs: Buffer[];
let applicationId: string;

beforeAll(async () => {
  w = await openWorld();
  const dataFile = w.tmp.file("data.txt", "fuzz\n");
  const query = (name: string, args: string[]) => {
    const out = w.tmp.file(name);
    const r = openssl(["ts", "-query", "-data", dataFile, "-out", out, ...args]);
    if (r.status !== 0) throw new Error(r.out);
    return readFileSync(out);
  };
  tsaRequests = [query("a.tsq", ["-sha256", "-cert"]), query("b.tsq", ["-sha512", "-no_nonce"]), query("c.tsq", ["-sha384", "-cert", "-tspolicy", "1.2.3.4.5"])];
  const csr = (name: string, key: string[]) => {
    const out = w.tmp.file(`${name}.csr`);
    const r = openssl(["req", "-new", "-newkey", ...key, "-nodes", "-subj", "/CN=Fuzz/O=Example", "-keyout", w.tmp.file(`${name}.key`), "-out", out, "-outform", "DER"]);
    if (r.status !== 0) throw new Error(r.out);
    return readFileSync(out);
  };
  csrs = [csr("ec", ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]), csr("rsa", ["rsa:2048"])];
  applicationId = (await makeApplication(w, { applicant: "alice", status: "SUBMITTED" })).applicationId;
  await w.db.prisma.application.update({ where: { id: applicationId }, data: { status: "DRAFT" } });
}, 120_000);
afterAll(async () => {
  await w?.close();
});

const FAIL_BITS: Record<number, string> = { 0: "badAlg", 2: "badRequest", 5: "badDataFormat", 15: "unacceptedPolicy", 25: "systemFailure" };

/** "granted" or "rejection:<failInfo>" from a TimeStampResp. */
function tsaOutcome(body: Uint8Array): string {
  const der = Buffer.from(body);
  const [statusInfo] = children(der, readRoot(der));
  const fields = children(der, statusInfo!);
  if (contentOf(der, fields[0]!)[0] === 0) return "granted";
  const bits = contentOf(der, fields.find((n) => n.tag === 0x03)!);
  const set = [...bits.subarray(1)].flatMap((byte, i) => [0, 1, 2, 3, 4, 5, 6, 7].filter((b) => byte & (0x80 >> b)).map((b) => i * 8 + b));
  return `rejection:${set.map((b) => FAIL_BITS[b] ?? b).join("+")}`;
}

describe(`fuzz: TSA and CSR intake, ${FUZZ_RUNS} malformed inputs each`, { timeout: FUZZ_TIMEOUT_MS }, () => {
  it("TSA request (/pki/tsa)", async () => {
    const before = await rowCounts(w.db.prisma);
    const input = malformedDer(tsaRequests, { maxOidBytes: 3_900, maxDepth: 1_000, maxElements: 2_000 });
    const report = await fuzz("tsa-request", input, async (body) => {
      const r = await serveTimestamp(w.db.prisma, body, "application/timestamp-query", w.clock);
      const outcome = tsaOutcome(r.body);
      if (r.status === 413) {
        expect(outcome).toBe("rejection:badRequest");
        return "413:badRequest";
      }
      expect(r.status).toBe(200);
      expect(["granted", "rejection:badDataFormat", "rejection:badAlg", "rejection:unacceptedPolicy"]).toContain(outcome);
      return outcome;
    });
    expect(report.runs).toBe(FUZZ_RUNS);
    expect(report.blocking).toEqual([]);
    expect(report.outcomes["rejection:badDataFormat"]).toBeGreaterThan(FUZZ_RUNS / 2);
    // a token is on record for every granted request, and nothing else was written
    const after = await rowCounts(w.db.prisma);
    expect(after).toEqual({ ...before, TimestampToken: before.TimestampToken! + (report.outcomes.granted ?? 0) });
  });

  it("CSR as the apply step receives it (PEM text)", async () => {
    const before = await rowCounts(w.db.prisma);
    const row = () => w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId }, select: { csrDer: true, version: true } });
    const original = await row();
    const der = malformedDer(csrs, { maxOidBytes: 12_000, maxDepth: 2_000, maxElements: 5_000 });
    const input = fc.oneof({ weight: 5, arbitrary: asPem(der, "CERTIFICATE REQUEST") }, { weight: 1, arbitrary: fc.string({ maxLength: 300 }) });
    let accepted = 0;
    const report = await fuzz("csr", input, async (csrPem) => {
      try {
        await attachCsr(w.as("alice"), { applicationId, csrPem });
        accepted++;
        return "accepted";
      } catch (e) {
        return refusal(e, ["CSR_INVALID", "KEY_NOT_ACCEPTED", "VALIDATION_FAILED"]);
      }
    });
    expect(report.runs).toBe(FUZZ_RUNS);
    expect(report.blocking).toEqual([]);
    expect(report.outcomes["refused:CSR_INVALID"]).toBeGreaterThan(FUZZ_RUNS / 2);
    // A mutation can leave a request intact (a PEM label letter, a byte the signature does not
    // cover): each acceptance is one audited change; a refusal writes nothing.
    const after = await rowCounts(w.db.prisma);
    expect(after).toEqual({ ...before, AuditEvent: before.AuditEvent! + accepted });
    const now = await row();
    if (accepted === 0) expect(now).toEqual(original);
    else expect(now.version).toBe(original.version + accepted);
  });
});
