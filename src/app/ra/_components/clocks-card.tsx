import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import type { ServiceContext } from "@/server/core/context";
import { listProblemReports } from "@/server/problem-report/list-problem-reports";
import { revocationSlaView } from "@/server/revocation/revocation-sla-view";

/**
 * The two 24-hour clocks side by side (clause 1.4's revocation and the Baseline Requirements'
 * preliminary report on a problem report): how many are overdue, due within 4 hours, open, and
 * the revocation deadlines met and missed in the last 30 days (revocationSlaView).
 */
export async function ClocksCard({ ctx }: { ctx: ServiceContext }) {
  const [t, sla, reports] = await Promise.all([getTranslations("console.problemReports.clocks"), revocationSlaView(ctx, {}), listProblemReports(ctx, { state: "open" })]);
  const running = reports.items.filter((r) => r.clock !== null);
  const count = (state: string) => running.filter((r) => r.clock!.state === state).length;
  const cell = (testId: string, label: string, n: number) => (
    <div className="rounded border border-slate-200 px-3 py-2" data-testid={testId} data-count={n}>
      <div className="text-2xl font-semibold">{n}</div>
      <div className="text-sm text-slate-700">{label}</div>
    </div>
  );
  return (
    <Card title={t("title")}>
      <div className="grid gap-6 md:grid-cols-2" data-testid="clocks">
        <section aria-labelledby="clocks-revocations" className="space-y-2">
          <h3 id="clocks-revocations" className="font-semibold">{t("revocations")}</h3>
          <div className="grid grid-cols-3 gap-2">
            {cell("clock-revocation-overdue", t("overdue"), sla.overdue.length)}
            {cell("clock-revocation-due-soon", t("dueSoon"), sla.dueSoon.length)}
            {cell("clock-revocation-awaiting", t("awaiting"), sla.awaitingConfirmation.length)}
          </div>
          <p className="text-sm text-slate-700" data-testid="clock-revocation-history">{t("history", { met: sla.history.met, missed: sla.history.missed })}</p>
        </section>
        <section aria-labelledby="clocks-reports" className="space-y-2">
          <h3 id="clocks-reports" className="font-semibold">{t("reports")}</h3>
          <div className="grid grid-cols-3 gap-2">
            {cell("clock-report-overdue", t("overdue"), count("overdue"))}
            {cell("clock-report-due-soon", t("dueSoon"), count("dueSoon"))}
            {cell("clock-report-open", t("open"), reports.items.length)}
          </div>
          <p className="text-sm"><Link href="/ra/problem-reports" className={buttonClass.link}>{t("link")}</Link></p>
        </section>
      </div>
    </Card>
  );
}
