// The administrator's TSA and OCSP status: signing certificates with validity and custody, and a
// live TSA self-test through the same code path as POST /pki/tsa, verified like a public token.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveTimestamp } from "@/server/ca-service/pki-http";
import { fixedClock } from "@/server/core/context";
import { caServicesStatus } from "@/server/ca-status/ca-services-status";
import { CA_CREATED_AT, openWorld, type World } from "../certificate/fixtures";

let w: World;

beforeAll(async () => {
  w = await openWorld();
});
afterAll(async () => {
  await w?.close();
});

const DAY = 86_400_000;

describe("CA services status", () => {
  it("shows the TSA certificate and a self-test token that verifies, stamped at the request clock", async () => {
    const s = await caServicesStatus(w.as("admin"), {});
    expect(s.tsa.certificates).toHaveLength(1);
    const cert = s.tsa.certificates[0]!;
    expect(cert).toMatchObject({ role: "TSA", status: "ACTIVE", custody: "FILE", validity: "valid" });
    expect(cert.daysLeft).toBeGreaterThan(30);
    expect(cert.notAfter.getTime()).toBeGreaterThan(CA_CREATED_AT.getTime());
    expect(s.tsa.selfTest).toMatchObject({ answered: true, ok: true, failedChecks: [] });
    const test = s.tsa.selfTest as { genTime: string; serialHex: string };
    // genTime is whole seconds of the request clock (the e2e test clock moves it too).
    expect(test.genTime).toBe(new Date(Math.floor(CA_CREATED_AT.getTime() / 1000) * 1000).toISOString());
    expect(test.serialHex).toMatch(/^[0-9a-f]{32}$/);
  });

  it("each self-test is a fresh token (new serial) and a read: nothing recorded, nothing audited", async () => {
    const before = await w.db.prisma.auditEvent.count();
    const tokens = await w.db.prisma.timestampToken.count();
    const a = (await caServicesStatus(w.as("admin"), {})).tsa.selfTest as { serialHex: string };
    const b = (await caServicesStatus(w.as("admin"), {})).tsa.selfTest as { serialHex: string };
    expect(a.serialHex).not.toBe(b.serialHex);
    expect(await w.db.prisma.auditEvent.count()).toBe(before);
    expect(await w.db.prisma.timestampToken.count()).toBe(tokens);
  });

  it("counts the tokens the public TSA issued, from its record", async () => {
    const before = (await caServicesStatus(w.as("admin"), { selfTest: false })).tsa.tokens;
    const digest = createHash("sha256").update("a contract").digest();
    // The query as a relying party's tool makes it.
    const req = execFileSync("openssl", ["ts", "-query", "-digest", digest.toString("hex"), "-sha256", "-cert"]);
    const resp = await serveTimestamp(w.db.prisma, req, "application/timestamp-query", w.clock);
    expect(resp.status).toBe(200);
    const after = (await caServicesStatus(w.as("admin"), { selfTest: false })).tsa.tokens;
    expect(after.total).toBe(before.total + 1);
    expect(after.lastDay).toBe(before.lastDay + 1);
    const row = await w.db.prisma.timestampToken.findUniqueOrThrow({ where: { serialHex: after.last!.serialHex } });
    expect(row.hashedMessageHex).toBe(digest.toString("hex"));
    expect(Buffer.from(resp.body).includes(Buffer.from(row.token))).toBe(true);
  });

  it("shows the OCSP signing certificate and that no pre-signed response is on record yet", async () => {
    const s = await caServicesStatus(w.as("admin"), {});
    expect(s.ocsp.certificates.length).toBeGreaterThanOrEqual(1);
    expect(s.ocsp.certificates.every((c) => c.role === "OCSP" && c.validity === "valid")).toBe(true);
    expect(s.ocsp).toMatchObject({ held: 0, stale: 0, lastProducedAt: null });
  });

  it("probes the OCSP responder: a random serial is answered 'unknown', signed by each issuing CA's delegated signer", async () => {
    const s = await caServicesStatus(w.as("admin"), {});
    const signers = (await w.db.prisma.issuingCa.findMany({ where: { role: "OCSP" } })).map((r) => r.name);
    expect(s.ocsp.selfTest).toHaveLength(signers.length);
    for (const probe of s.ocsp.selfTest!) {
      expect(probe).toMatchObject({ answered: true, ok: true, certStatus: "unknown", signatureValid: true });
      expect(signers).toContain(probe.signer);
    }
    // Unknown serials are not kept: the probe leaves no pre-signed response behind.
    expect(await w.db.prisma.ocspResponse.count()).toBe(0);
  });

  it("after the TSA certificate expires: shown expired, and the self-test token no longer verifies", async () => {
    const tsa = (await caServicesStatus(w.as("admin"), { selfTest: false })).tsa.certificates[0]!;
    const later = { ...w.as("admin"), clock: fixedClock(new Date(tsa.notAfter.getTime() + DAY)) };
    const s = await caServicesStatus(later, {});
    expect(s.tsa.certificates[0]).toMatchObject({ validity: "expired" });
    expect(s.tsa.selfTest).toMatchObject({ answered: true, ok: false });
    expect((s.tsa.selfTest as { failedChecks: Array<{ id: string }> }).failedChecks.map((c) => c.id)).toContain("validity");
  });

  it("within 30 days of the end: expiring soon", async () => {
    const tsa = (await caServicesStatus(w.as("admin"), { selfTest: false })).tsa.certificates[0]!;
    const near = { ...w.as("admin"), clock: fixedClock(new Date(tsa.notAfter.getTime() - 10 * DAY)) };
    const s = await caServicesStatus(near, { selfTest: false });
    expect(s.tsa.certificates[0]).toMatchObject({ validity: "expiringSoon", daysLeft: 10 });
    expect(s.tsa.selfTest).toBeNull();
  });

  it("is for administrators only", async () => {
    await expect(caServicesStatus(w.as("officer"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caServicesStatus(w.as("auditor"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
