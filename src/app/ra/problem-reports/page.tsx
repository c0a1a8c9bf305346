import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { listProblemReports } from "@/server/problem-report/list-problem-reports";
import { ReportClock } from "./_components/report-clock";

export async function generateMetadata() {
  return { title: (await getTranslations("console.problemReports"))("title") };
}

/** Certificate problem reports: the open ones by their 24-hour clock, or the latest closed. */
export default async function Page({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const user = await requireArea("ra");
  const state = (await searchParams).state === "closed" ? "closed" : "open";
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.problemReports")]);
  const { items } = await listProblemReports(await serviceContext(user), { state });
  return (
    <div className="space-y-6" data-testid="problem-reports">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="ra" current="/ra/problem-reports" />
      <p className="flex gap-4">
        <Link href="/ra/problem-reports" aria-current={state === "open" ? "page" : undefined} className={buttonClass.link}>{t("open")}</Link>
        <Link href="/ra/problem-reports?state=closed" aria-current={state === "closed" ? "page" : undefined} className={buttonClass.link}>{t("closed")}</Link>
      </p>
      <Card>
        {items.length === 0 ? (
          <p className="text-slate-700">{t("empty")}</p>
        ) : (
          <ScrollTable label={t("caption")}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t("col.report")}</th>
                  <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t("col.category")}</th>
                  <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t("col.status")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.clock")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 align-top" data-testid="problem-report-row" data-id={r.id} data-status={r.status}>
                    <td className="py-2 pr-3">
                      <Link href={`/ra/problem-reports/${r.id}`} className={buttonClass.link}>{r.reference}</Link>
                      <div className="break-all text-slate-600">{r.serialHex}</div>
                      <div className="text-xs text-slate-600">{formatDateTime(r.receivedAt, locale, { zone: false })}</div>
                    </td>
                    <td className="hidden py-2 pr-3 sm:table-cell">
                      {t(`category.${r.category}`)}
                      {r.keyCompromiseDemonstrated ? <div className="text-xs font-medium text-red-800">{t("demonstrated")}</div> : null}
                    </td>
                    <td className="hidden py-2 pr-3 sm:table-cell">{t(`status.${r.status}`)}</td>
                    <td className="py-2 pr-3"><ReportClock clock={r.clock} met={r.preliminaryMet} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </Card>
    </div>
  );
}
