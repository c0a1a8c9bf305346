import { z } from "zod";
import { checkCalendarData, isLocalDate, testWindowDeadline, type CalendarYearData } from "@/domain/calendar";
import { approvedAdminAction } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { loadWorkCalendar, storeCalendarYear } from "./calendar-store";

const localDate = z.string().refine(isLocalDate, "NOT_A_DATE");

export const importCalendarYearInput = z.object({
  year: z.number().int().min(2000).max(2100),
  /** The State Council notice, e.g. "国办发明电〔2026〕7号". */
  notice: z.string().trim().min(1).max(200),
  /** Weekdays off (the weekend days inside a holiday block need not be listed). */
  holidays: z.array(localDate).max(60),
  /** 调休: weekend days that are working days. */
  makeupWorkdays: z.array(localDate).max(20),
  names: z.record(localDate, z.string().max(40)).optional(),
});

/**
 * A CA administrator imports a year's statutory calendar when the State Council notice appears.
 * The year becomes confirmed, and every provisional test-window deadline is computed again on
 * the new data in the same transaction. A recomputed deadline never moves earlier than the one
 * the subscriber was shown: the provisional estimate was the CA's, so its error may not shorten
 * the subscriber's window (clause 1.8 gives them two working days at least).
 */
export const importCalendarYear = defineUseCase({
  name: "calendar.import-year",
  input: importCalendarYearInput,
  // Dual control: runs only as an approved request (src/server/approval), never on one administrator's word.
  authorize: approvedAdminAction("CALENDAR_IMPORT"),
  async run(s, input) {
    const data: CalendarYearData = {
      confirmed: true,
      holidays: [...new Set(input.holidays)].sort(),
      makeupWorkdays: [...new Set(input.makeupWorkdays)].sort(),
      names: input.names ?? {},
    };
    const problems = checkCalendarData({ years: { [input.year]: data } });
    if (problems.length > 0) throw domainError("CALENDAR_DATA_INVALID", { issues: { calendar: problems.map((p) => `${p.code}:${"date" in p ? p.date : p.value}`) } });
    const before = await s.tx.calendarYear.findUnique({ where: { year: input.year }, select: { confirmed: true, source: true } });
    await storeCalendarYear(s.tx, input.year, data, { source: `manual:${input.notice}`, importedAt: s.now });
    const calendar = await loadWorkCalendar(s.tx);

    const provisional = await s.tx.certificate.findMany({
      where: { testWindowProvisional: true, receiptAt: { not: null }, acceptanceKind: null, revokedAt: null },
      select: { id: true, receiptAt: true, testWindowDeadline: true },
    });
    const recomputed: { id: string; from: string | null; to: string; provisional: boolean }[] = [];
    for (const c of provisional) {
      const w = testWindowDeadline(c.receiptAt!, calendar);
      const old = c.testWindowDeadline;
      const deadline = old && old.getTime() > w.deadline.getTime() ? old : w.deadline;
      await s.tx.certificate.update({ where: { id: c.id }, data: { testWindowDeadline: deadline, testWindowProvisional: w.provisional } });
      recomputed.push({ id: c.id, from: old?.toISOString() ?? null, to: deadline.toISOString(), provisional: w.provisional });
    }
    s.audit({
      action: "calendar.year-imported",
      subjectType: "CalendarYear",
      subjectId: String(input.year),
      summary: {
        year: input.year,
        notice: input.notice,
        replaced: before ? { confirmed: before.confirmed, source: before.source } : null,
        holidays: data.holidays,
        makeupWorkdays: data.makeupWorkdays,
        recomputedDeadlines: recomputed,
      },
    });
    return { year: input.year, recomputed };
  },
});
