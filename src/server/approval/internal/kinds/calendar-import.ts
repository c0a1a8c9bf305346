import { importCalendarYear, importCalendarYearInput } from "@/server/calendar";
import { approvable } from "../approvable";

/** The statutory calendar moves every working-day deadline: the approver sees the year, the notice and what it replaces. */
export const calendarImport = approvable({
  kind: "CALENDAR_IMPORT",
  input: importCalendarYearInput,
  run: importCalendarYear,
  async describe(tx, input) {
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
