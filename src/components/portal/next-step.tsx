import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { NextStep } from "@/domain/application";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime, formatYuan } from "@/i18n/format";

/** "12 月 8 日" / "8 December 2026": a Shanghai calendar date as a person says it (not an instant, so no zone). */
function dateWords(date: string, locale: string, t: (key: string, values: Record<string, string | number>) => string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, day)));
  return locale === "en" ? t("date", { day, monthName, year }) : t("date", { month, day, year, monthName });
}

/** Where the step's action is taken, for an application (`applicationId`) or its certificate. */
function actionHref(next: NextStep, applicationId: string | null): string | null {
  switch (next.step) {
    case "DOWNLOAD":
    case "ACCEPT":
      return `/certificates/${next.certificateId}`;
    case "TEST":
      return `/certificates/${next.certificateId}/test`;
    case "PAY_FEE":
      return applicationId ? `/applications/${applicationId}#payment` : null;
    case "SET_PKCS12_PASSWORD":
      return applicationId ? `/applications/${applicationId}#server-key` : null;
    case "CONTINUE_DRAFT":
    case "ANSWER_RA":
      return applicationId ? `/applications/${applicationId}` : null;
    default:
      return null;
  }
}

/**
 * One waiting step in words (issue 15): what happens next, who acts, the expected date in working
 * days where one applies, and the way in when it is the reader's turn. The step itself is decided
 * by the domain (applicationNextStep / certificateNextStep); this only words it.
 */
export async function NextStepLine({ next, applicationId = null, hideAction = false }: { next: NextStep; applicationId?: string | null; hideAction?: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("waitingSteps"), getLocale()]);
  const tt = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  let text: string;
  switch (next.step) {
    case "PAY_FEE":
      text = tt("step.PAY_FEE", { fee: formatYuan(next.feeCents, locale) });
      break;
    case "RA_REVIEW":
      text =
        tt(next.overdue ? "step.RA_REVIEW_OVERDUE" : "step.RA_REVIEW", { days: next.workingDays, date: dateWords(next.expectedBy, locale, tt) }) +
        (next.provisional ? tt("provisional") : "");
      break;
    case "TEST":
      text = tt("step.TEST", { until: formatDateTime(next.until, locale) }) + (next.provisional ? tt("provisional") : "");
      break;
    default:
      text = tt(`step.${next.step}`);
  }
  const href = hideAction ? null : actionHref(next, applicationId);
  return (
    <p className="text-sm text-slate-800" data-testid="next-step" data-step={next.step} data-actor={next.actor}>
      <span className="mr-2 inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{tt(`actor.${next.actor}`)}</span>
      {text}
      {href ? (
        <>
          {" "}
          <Link href={href} className={`${buttonClass.link} whitespace-nowrap`} data-testid="next-step-action">
            {tt(`action.${next.step}`)}
          </Link>
        </>
      ) : null}
    </p>
  );
}
