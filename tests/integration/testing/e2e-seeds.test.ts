// The browser-test seeds (src/testing/e2e) run here against a test database, so a change in a use
// case they go through shows up without a Playwright run: with the e2e flag they build what the
// journeys start from; without it they refuse.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { requestClock } from "@/server/core/request-clock";
import { seedCertificate, seedObjection, seedRenewal } from "@/testing/e2e/console-seeds";
import { inspectCertificate } from "@/testing/e2e/inspect";
import { publishNewAgreement, seedOrganisationCertificate } from "@/testing/e2e/organisation-seed";
import { seedSealCertificate } from "@/testing/e2e/seal-seed";
import { tamperAuditEvent } from "@/testing/e2e/tamper-audit-event";
import { setTestClockOffset } from "@/testing/e2e/test-clock";
import { openWorld, type World } from "../certificate/fixtures";
import { makeCsr } from "../certificate/pki-helpers";
import { testDbKind } from "../support/test-db";

let w: World;
const people = { subscriberEmail: "alice@example.test", officerEmail: "officer@example.test" };

beforeAll(async () => {
  w = await openWorld();
}, 120_000);
afterAll(async () => {
  await w?.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("without PORTAL_E2E_BUILD=1", () => {
  it("every seed, the clock setter and the tampering refuse", async () => {
    vi.stubEnv("PORTAL_E2E_BUILD", "0");
    const db = w.db.prisma;
    await expect(seedCertificate(db, people)).rejects.toThrow(/only in e2e builds/);
    await expect(setTestClockOffset(db, 1000)).rejects.toThrow(/only in e2e builds/);
    await expect(tamperAuditEvent(db)).rejects.toThrow(/only in e2e builds/);
    expect(await db.certificate.count()).toBe(0);
    // And the request clock is the system clock, whatever offset a database holds.
    await db.appSetting.create({ data: { key: "test.clock-offset-ms", value: 86_400_000 } });
    expect(Math.abs((await requestClock(db)).now().getTime() - Date.now())).toBeLessThan(5_000);
    await db.appSetting.delete({ where: { key: "test.clock-offset-ms" } });
  });
});

describe("in an e2e build", () => {
  it("the clock setter moves the request clock", async () => {
    vi.stubEnv("PORTAL_E2E_BUILD", "1");
    await setTestClockOffset(w.db.prisma, 3 * 86_400_000);
    const ahead = (await requestClock(w.db.prisma)).now().getTime() - Date.now();
    expect(ahead).toBeGreaterThan(3 * 86_400_000 - 5_000);
    await setTestClockOffset(w.db.prisma, 0);
  });

  it("seeds an issued certificate, its renewal and an objection through the real use cases", async () => {
    vi.stubEnv("PORTAL_E2E_BUILD", "1");
    const db = w.db.prisma;
    const { certificateId } = await seedCertificate(db, people);
    const first = await inspectCertificate(db, certificateId);
    expect(first.auditActions).toContain("certificate.issued");
    expect(first.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);

    const renewed = await seedRenewal(db, { ...people, certificateId });
    const second = await db.certificate.findUniqueOrThrow({ where: { id: renewed.certificateId }, select: { acceptedAt: true, receiptAt: true } });
    expect(second.receiptAt).not.toBeNull();
    expect(second.acceptedAt).not.toBeNull();

    const objection = await seedObjection(db, { ...people, reason: "证书信息有误" });
    expect(await db.objection.findUniqueOrThrow({ where: { id: objection.objectionId }, select: { certificateId: true } })).toEqual({ certificateId: objection.certificateId });
  });

  it("seeds an organisation certificate for an authorised agent, and a new agreement version", async () => {
    vi.stubEnv("PORTAL_E2E_BUILD", "1");
    const seeded = await seedOrganisationCertificate(w.db.prisma, { agentEmail: "agent@example.test", officerEmail: people.officerEmail, name: "示例种子科技有限公司" });
    expect(seeded.status).toBe("ACTIVE");
    const grants = await w.db.prisma.agentAuthorisation.findMany({ where: { organisationId: seeded.organisationId }, select: { scope: true } });
    expect(grants.map((g) => g.scope)).toEqual([["RENEW", "DOWNLOAD", "TEST"]]);
    const published = await publishNewAgreement(w.db.prisma, { adminEmail: "admin@example.test" });
    expect(published.version).toBe(seeded.agreementVersion + 1);
  });

  it("seeds a seal certificate from the subscriber's CSR, handed over", async () => {
    vi.stubEnv("PORTAL_E2E_BUILD", "1");
    const { csrPem } = makeCsr(w.tmp, "seal");
    const { certificateId } = await seedSealCertificate(w.db.prisma, { ...people, csrPem });
    const cert = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: { subscriberOrganisationId: true, receiptAt: true } });
    expect(cert.subscriberOrganisationId).not.toBeNull();
    expect(cert.receiptAt).not.toBeNull();
  });

  // e2e builds run on the embedded database only (bootstrap/e2e-build-guard.ts); switching the
  // append-only trigger off takes superuser rights a PostgreSQL test user need not have.
  it.skipIf(testDbKind() === "postgres")("tampering alters one audit event so that the chain no longer verifies", async () => {
    vi.stubEnv("PORTAL_E2E_BUILD", "1");
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
    const { seq } = await tamperAuditEvent(w.db.prisma);
    const row = await w.db.prisma.auditEvent.findUniqueOrThrow({ where: { seq } });
    expect(row.summary).toEqual({ tampered: true });
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: false });
  });
});
