import { getTranslations } from "next-intl/server";
import type { SupportSlaStanding } from "@/domain/support";

const CLASS = { overdue: "bg-red-700 text-white", dueToday: "bg-red-100 text-red-900 ring-1 ring-red-700", ok: "bg-green-50 text-green-900" } as const;

/**
 * The desk's answer clock for one request, in working days (domain/support/desk-sla.ts), or
 * "waiting for the subscriber" when nobody at the desk is awaited.
 */
export async function DeskSla({ sla }: { sla: SupportSlaStanding | null }) {
  const t = await getTranslations("console.supportDesk");
  if (!sla) return <span className="text-slate-600">{t("awaitingRequester")}</span>;
  const tone = sla.state === "overdue" ? "overdue" : sla.workingDays === 0 ? "dueToday" : "ok";
  const text =
    sla.state === "overdue"
      ? sla.workingDays > 0
        ? t("slaOverdue", { n: sla.workingDays })
        : t("slaOverdueNoWorkday")
      : sla.workingDays === 0
        ? t("slaDueToday")
        : t("slaRemaining", { n: sla.workingDays });
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 font-medium ${CLASS[tone]}`}
      data-testid="desk-sla"
      data-state={sla.state}
      data-working-days={sla.workingDays}
      title={sla.provisional ? t("provisional") : undefined}
    >
      {text}
      {sla.provisional ? " *" : ""}
    </span>
  );
}
