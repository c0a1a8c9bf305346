import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "@/server/bootstrap/internal/reference-data";
import { loadWorkCalendar } from "@/server/calendar/calendar-store";
import { verifyAuditChain } from "@/server/core/audit";
import { fixedClock } from "@/server/core/context";
import { testWindowDeadline } from "@/domain/calendar";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
const clock = fixedClock(new Date("2026-11-24T02:00:00Z"));
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe("reference data seeded at start", () => {
  it("creates agreement v1, the calendar, an RA and the profiles once, and a second start changes nothing", async () => {
    await seedReferenceData(db, clock);
    const counts = async () => ({
      versions: await db.prisma.agreementVersion.count(),
      years: await db.prisma.calendarYear.count(),
      days: await db.prisma.calendarDay.count(),
      ras: await db.prisma.registrationAuthority.count(),
      profiles: await db.prisma.certificateProfile.count(),
      audit: await db.prisma.auditEvent.count(),
    });
    const first = await counts();
    expect(first.versions).toBe(1);
    expect(first.ras).toBe(1);
    expect(first.profiles).toBe(7); // four international, three SM2 (issue 17)
    expect(first.years).toBeGreaterThanOrEqual(23);
    await seedReferenceData(db, clock);
    expect(await counts()).toEqual(first);
    await expect(verifyAuditChain(db.prisma)).resolves.toMatchObject({ ok: true });
  });

  it("charges organisation profiles and not individual ones", async () => {
    const profiles = await db.prisma.certificateProfile.findMany({ select: { code: true, feeCents: true } });
    const fee = Object.fromEntries(profiles.map((p) => [p.code, p.feeCents]));
    expect(fee["individual-signing"]).toBe(0);
    expect(fee["organization-seal"]).toBeGreaterThan(0);
    expect(fee["individual-signing-sm2"]).toBe(0);
    expect(fee["organization-seal-sm2"]).toBeGreaterThan(0);
  });

  it("seeds the SM2 profiles with the key algorithm \"SM2\" only, their family and the dual-certificate mark", async () => {
    const rows = await db.prisma.certificateProfile.findMany({ where: { code: { endsWith: "-sm2" } }, orderBy: { code: "asc" }, select: { code: true, allowedKeyAlgorithms: true, keyUsage: true, subjectTemplate: true, kind: true } });
    expect(rows.map((r) => r.code)).toEqual(["individual-dual-sm2", "individual-signing-sm2", "organization-seal-sm2"]);
    for (const r of rows) {
      expect(r.allowedKeyAlgorithms).toEqual(["SM2"]);
      expect((r.keyUsage as Record<string, string[]>).sm2).toEqual(["digitalSignature", "nonRepudiation"]);
      expect(r.subjectTemplate).toMatchObject({ family: "sm2", serverKeyGeneration: false });
    }
    expect(rows[0]!.subjectTemplate).toMatchObject({ dualCertificate: true });
    expect(rows[2]!.kind).toBe("SEAL");
    const international = await db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" }, select: { allowedKeyAlgorithms: true, subjectTemplate: true } });
    expect(international.allowedKeyAlgorithms).not.toContain("SM2");
    expect(international.subjectTemplate).toMatchObject({ family: "international" });
  });

  it("gives the stored calendar the statutory answers: National Day 2025 and its make-up Sunday", async () => {
    const calendar = await loadWorkCalendar(db.prisma);
    expect(calendar.isWorkday("2025-10-01")).toBe(false);
    expect(calendar.isWorkday("2025-09-28")).toBe(true);
    expect(calendar.isWorkday("2025-09-29")).toBe(true);
    // Received on Tuesday 30 September 2025 (Shanghai): the holiday runs to 8 October, so the
    // second working day after receipt is Friday 10 October; the window ends at its 24:00.
    const { deadline, provisional } = testWindowDeadline(new Date("2025-09-30T02:00:00Z"), calendar);
    expect(provisional).toBe(false);
    expect(deadline.toISOString()).toBe("2025-10-10T16:00:00.000Z");
  });
});
