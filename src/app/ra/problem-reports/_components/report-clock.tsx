import { getLocale, getTranslations } from "next-intl/server";
import { formatDuration } from "@/app/ra/_components/duration";
import { catalogLang } from "@/i18n/locales";

const CLOCK_CLASS = { overdue: "bg-red-700 text-white", dueSoon: "bg-red-100 text-red-900 ring-1 ring-red-700", ok: "bg-green-50 text-green-900" } as const;

/** The 24-hour clock of a report's preliminary report: time left or overdue while it runs, met or missed once sent. */
export async function ReportClock({ clock, met }: { clock: { state: keyof typeof CLOCK_CLASS; remainingMs: number } | null; met: "met" | "missed" | null }) {
  const [t, locale] = await Promise.all([getTranslations("console.problemReports"), getLocale()]);
  if (clock) {
    const d = formatDuration(clock.remainingMs, catalogLang(locale));
    return (
      <span className={`inline-block rounded px-2 py-0.5 font-medium ${CLOCK_CLASS[clock.state]}`} data-testid="report-clock" data-sla={clock.state}>
        {clock.state === "overdue" ? t("overdueBy", { d }) : t("left", { d })}
      </span>
    );
  }
  if (met) {
    return (
      <span className={`inline-block rounded px-2 py-0.5 ${met === "missed" ? "bg-red-700 text-white" : "bg-green-50 text-green-900"}`} data-testid="report-clock" data-sla={met}>
        {t(`clock.${met}`)}
      </span>
    );
  }
  return <span className="text-slate-600">—</span>;
}
