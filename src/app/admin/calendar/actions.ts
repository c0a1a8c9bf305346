"use server";

import { getTranslations } from "next-intl/server";
import { ActionRefusal } from "@/server/web/action-outcome";
import { defineRedirectAction, formText as field } from "@/server/web/define-action";
import { requestApproval } from "@/server/approval";
import { APPROVAL_REQUESTED } from "../approval-request";

const HERE = "/admin/calendar";
const PROBLEMS = ["CALENDAR_BAD_DATE", "CALENDAR_DATE_OUTSIDE_YEAR", "CALENDAR_MAKEUP_NOT_WEEKEND", "CALENDAR_DAY_BOTH_KINDS"];

/** "2028-01-01 元旦" per line (the name is optional); returns the dates, their names and the lines that are no date. */
function parseDays(text: string) {
  const dates: string[] = [];
  const names: Record<string, string> = {};
  const bad: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{4}-\d{2}-\d{2})(?:[\s,，、:：]+(.*))?$/.exec(line);
    if (!m) {
      bad.push(line);
      continue;
    }
    dates.push(m[1]!);
    if (m[2]?.trim()) names[m[1]!] = m[2].trim().slice(0, 40);
  }
  return { dates, names, bad };
}

/**
 * Imports a statutory calendar year typed as the notice lists it: holidays and make-up working
 * days one per line. importCalendarYear checks the year, stores it as confirmed, recomputes every
 * provisional test-window deadline and audits the import; problems come back in words.
 */
export const importCalendarYearAction = defineRedirectAction({
  ...APPROVAL_REQUESTED,
  back: HERE,
  read: async (form) => {
    const holidays = parseDays(field(form, "holidays"));
    const makeup = parseDays(field(form, "makeupWorkdays"));
    const bad = [...holidays.bad, ...makeup.bad];
    if (bad.length > 0) throw new ActionRefusal((await getTranslations("console.calendar"))("badLines", { lines: bad.slice(0, 5).join("；") }));
    const year = Number(field(form, "year"));
    return {
      year: Number.isInteger(year) ? year : Number.NaN,
      notice: field(form, "notice"),
      holidays: holidays.dates,
      makeupWorkdays: makeup.dates,
      names: { ...holidays.names, ...makeup.names },
    };
  },
  // Dual control: the import is requested; another administrator's approval runs importCalendarYear.
  run: (ctx, payload) => requestApproval(ctx, { kind: "CALENDAR_IMPORT", payload }),
  explain: async (e, state) => {
    const t = await getTranslations("console.calendar");
    // The calendar check names each wrong date; say which, in words.
    if (e.code === "CALENDAR_DATA_INVALID") {
      const issues = ((e.details?.issues as { calendar?: string[] } | undefined)?.calendar ?? []).map((p) => {
        const [code = "", date = ""] = p.split(":");
        return PROBLEMS.includes(code) ? t(`problems.${code}`, { date }) : p;
      });
      return { ...state, message: `${state.message} ${issues.join("；")}` };
    }
    if (e.code === "VALIDATION_FAILED") return { ...state, message: `${state.message} ${t("checkFields")}` };
    return state;
  },
});
