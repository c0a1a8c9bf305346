import { z } from "zod";
import { shanghaiDate } from "@/domain/calendar";
import { isCaAdmin } from "@/server/auth";
import { defineQuery } from "@/server/core";

const dbDate = (d: Date) => d.toISOString().slice(0, 10);
const str = (v: unknown) => (typeof v === "string" ? v : null);

/**
 * The statutory calendar as an administrator checks it: each year held with its holidays and
 * make-up working days, the test-window deadlines still resting on a year not confirmed (with the
 * years they wait for), and the last imports with the deadlines each one moved.
 */
export const calendarView = defineQuery({
  name: "console.calendar-view",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const [years, days, provisionalRows, imports] = await Promise.all([
      ctx.db.calendarYear.findMany({ orderBy: { year: "desc" }, select: { year: true, source: true, confirmed: true, importedAt: true } }),
      ctx.db.calendarDay.findMany({ orderBy: { date: "asc" }, select: { date: true, year: true, kind: true, name: true } }),
      ctx.db.certificate.findMany({
        where: { testWindowProvisional: true, testWindowDeadline: { not: null } },
        orderBy: { testWindowDeadline: "asc" },
        take: 200,
        select: {
          id: true, serialHex: true, subjectDn: true, receiptAt: true, testWindowDeadline: true, deliveryMethod: true,
          profile: { select: { nameZh: true, nameEn: true } },
          subscriberUser: { select: { email: true } },
          subscriberOrganisation: { select: { name: true } },
        },
      }),
      ctx.db.auditEvent.findMany({ where: { action: "calendar.year-imported" }, orderBy: { seq: "desc" }, take: 10, select: { seq: true, at: true, actorId: true, summary: true } }),
    ]);
    const confirmed = new Set(years.filter((y) => y.confirmed).map((y) => y.year));
    const provisional = provisionalRows.map((c) => {
      const from = Number(shanghaiDate(c.receiptAt ?? c.testWindowDeadline!).slice(0, 4));
      const to = Number(shanghaiDate(c.testWindowDeadline!).slice(0, 4));
      const waitingFor: number[] = [];
      for (let y = from; y <= to; y++) if (!confirmed.has(y)) waitingFor.push(y);
      return { ...c, waitingFor };
    });

    const movedIds = imports.flatMap((i) => {
      const r = (i.summary as { recomputedDeadlines?: unknown }).recomputedDeadlines;
      return Array.isArray(r) ? r.map((x) => str((x as { id?: unknown }).id)).filter((id): id is string => !!id) : [];
    });
    const actorIds = imports.map((i) => i.actorId).filter((id): id is string => !!id);
    const [certs, actors] = await Promise.all([
      ctx.db.certificate.findMany({ where: { id: { in: [...new Set(movedIds)] } }, select: { id: true, serialHex: true } }),
      ctx.db.user.findMany({ where: { id: { in: [...new Set(actorIds)] } }, select: { id: true, email: true } }),
    ]);
    const serialOf = new Map(certs.map((c) => [c.id, c.serialHex]));
    const emailOf = new Map(actors.map((u) => [u.id, u.email]));

    return {
      years: years.map((y) => ({
        ...y,
        days: days.filter((d) => d.year === y.year).map((d) => ({ date: dbDate(d.date), kind: d.kind, name: d.name })),
      })),
      provisional,
      imports: imports.map((i) => {
        const s = i.summary as { year?: unknown; notice?: unknown; replaced?: unknown; recomputedDeadlines?: unknown };
        const moved = Array.isArray(s.recomputedDeadlines) ? (s.recomputedDeadlines as Array<Record<string, unknown>>) : [];
        return {
          seq: i.seq,
          at: i.at,
          by: i.actorId ? (emailOf.get(i.actorId) ?? null) : null,
          year: typeof s.year === "number" ? s.year : null,
          notice: str(s.notice),
          replaced: s.replaced !== null && s.replaced !== undefined,
          moved: moved.map((m) => ({
            certificateId: str(m.id),
            serialHex: serialOf.get(str(m.id) ?? "") ?? null,
            from: str(m.from),
            to: str(m.to),
            stillProvisional: m.provisional === true,
          })),
        };
      }),
    };
  },
});
