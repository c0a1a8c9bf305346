import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { formatDateTime } from "@/i18n/format";
import { listJobStatus } from "@/server/jobs/list-job-status";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("console.jobs"))("title") };
}

const HERE = "/admin/jobs";

/**
 * The periodic work as the operators watch it (listJobStatus): per job, whether a run holds the
 * lease now, the last start, finish and error, and the latest runs. Read only: jobs run on their
 * own schedule.
 */
export default async function AdminJobsPage() {
  const user = await requireArea("admin");
  const [t, locale, ctx] = await Promise.all([getTranslations("console.jobs"), getLocale(), serviceContext(user)]);
  const jobs = await listJobStatus(ctx, { recentRuns: 5 });
  const when = (d: Date | null) => (d ? formatDateTime(d, locale) : t("never"));
  return (
    <div>
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <Card>
        {jobs.length === 0 ? (
          <p className="text-slate-700">{t("none")}</p>
        ) : (
          <ScrollTable label={t("title")}>
            <table className="w-full text-left text-sm" data-testid="job-status">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-3">{t("job")}</th>
                  <th scope="col" className="py-2 pr-3">{t("state")}</th>
                  <th scope="col" className="py-2 pr-3">{t("lastStarted")}</th>
                  <th scope="col" className="py-2 pr-3">{t("lastFinished")}</th>
                  <th scope="col" className="py-2 pr-3">{t("recent")}</th>
                  <th scope="col" className="py-2">{t("lastError")}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((j) => {
                  const failed = j.recentRuns.filter((r) => r.finishedAt && !r.ok).length;
                  return (
                    <tr key={j.job} className="border-b border-slate-100 align-top" data-testid="job-row" data-job={j.job}>
                      <td className="py-2 pr-3">
                        <code className="break-all">{j.job}</code>
                      </td>
                      <td className="py-2 pr-3">{j.running ? t("running") : t("idle")}</td>
                      <td className="py-2 pr-3">{when(j.lastStartedAt)}</td>
                      <td className="py-2 pr-3">{when(j.lastFinishedAt)}</td>
                      <td className="py-2 pr-3">{t("runs", { count: j.recentRuns.length, failed })}</td>
                      <td className="py-2">{j.lastError ? <code className="break-all">{j.lastError.slice(0, 300)}</code> : t("noError")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </Card>
    </div>
  );
}
