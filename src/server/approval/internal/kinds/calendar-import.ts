import { checkCalendarData } from "@/domain/calendar";
import { importCalendarYear, importCalendarYearInput } from "@/server/calendar";
import { domainError } from "@/server/core";
import { approvable } from "../approvable";

/** The statutory calendar moves every working-day deadline: the approver sees the year, the notice and what it replaces. */
export const calendarImport = approvable({
  kind: "CALENDAR_IMPORT",
  input: importCalendarYearInput,
  run: importCalendarYear,
  async describe(tx, input) {
    // The use case's own check, at request time too: a wrong date is told now, not after an approval.
    const data = { confirmed: true, holidays: [...new Set(input.holidays)].sort(), makeupWorkdays: [...new Set(input.makeupWorkdays)].sort(), names: input.names ?? {} };
    const problems = checkCalendarData({ years: { [input.year]: data } });
    if (problems.length > 0) throw domainError("CALENDAR_DATA_INVALID", { issues: { calendar: problems.map((p) => `${p.code}:${"date" in p ? p.date : p.value}`) } });
    const before = await tx.calendarYear.findUnique({ where: { year: input.year }, select: { source: true, confirmed: true } });
    return {
      facts: {
        calendarYear: input.year,
        notice: input.notice,
        holidays: [...new Set(input.holidays)].sort().join(", "),
        makeupWorkdays: [...new Set(input.makeupWorkdays)].sort().join(", ") || null,
        replaces: before ? before.source : null,
      },
    };
  },
});
