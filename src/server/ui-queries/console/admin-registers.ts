import { z } from "zod";
import { readCessation } from "@/server/privacy/cessation";
import { defineQuery } from "@/server/core/use-case";
import { isCaAdmin } from "./staff-roles";

/** The statutory calendar years held, and the test-window deadlines still resting on a provisional year. */
export const calendarOverview = defineQuery({
  name: "console.calendar-overview",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const years = await ctx.db.calendarYear.findMany({ orderBy: { year: "desc" }, select: { year: true, source: true, confirmed: true, importedAt: true, _count: { select: { days: true } } } });
    const provisional = await ctx.db.certificate.findMany({
      where: { testWindowProvisional: true, testWindowDeadline: { not: null } },
      orderBy: { testWindowDeadline: "asc" },
      take: 100,
      select: { id: true, serialHex: true, subjectDn: true, testWindowDeadline: true },
    });
    return { years: years.map((y) => ({ ...y, days: y._count.days })), provisional };
  },
});

/** Whether the CA is in cessation mode (clause 6.1), for the personal-information page. */
export const cessationState = defineQuery({
  name: "console.cessation-state",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    return JSON.parse(JSON.stringify(await readCessation(ctx.db))) as Record<string, unknown>;
  },
});

/** A certificate by its serial number (hex, any case, leading zeros ignored), for CA-initiated revocation. */
export const findCertificateBySerial = defineQuery({
  name: "console.find-certificate-by-serial",
  input: z.object({ serialHex: z.string().trim().min(1).max(80) }),
  authorize: isCaAdmin,
  async run(ctx, input) {
    const serial = input.serialHex.toLowerCase().replace(/[^0-9a-f]/g, "").replace(/^0+(?=.)/, "");
    return ctx.db.certificate.findMany({
      where: { serialHex: { in: [serial, `0${serial}`] } },
      select: { id: true, serialHex: true, subjectDn: true, status: true, notAfter: true },
    });
  },
});
