import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { requireRole } from "@/server/auth/guards";
import { AREA_ROLES } from "@/server/auth/roles";
import { serviceContext } from "@/server/auth/service-context";
import { isDomainError } from "@/server/core/errors";
import { getUpdateNoticeProgress, type TargetView } from "@/server/update-notice/update-notice-progress";

export async function generateMetadata() {
  return { title: (await getTranslations("console.notices"))("progressTitle") };
}

type Props = { params: Promise<{ noticeId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

export default async function Page({ params, searchParams }: Props) {
  const user = await requireRole(...AREA_ROLES.admin);
  const [{ noticeId }, sp] = await Promise.all([params, searchParams]);
  const p = await getUpdateNoticeProgress(await serviceContext(user), { noticeId }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.notices")]);
  const list = (key: "updated" | "pending" | "lapsed", rows: TargetView[]) => (
    <Card title={`${t(`groups.${key}`)} (${rows.length})`}>
      <ul className="space-y-1 text-sm" data-testid={`targets-${key}`}>
        {rows.map((r) => (
          <li key={r.certificateId} data-certificate-id={r.certificateId}>
            {r.serialHex} · {r.subjectDn} · {r.subscriber}
            {r.resolvedAt ? ` · ${t("replacedBy", { serial: r.resolvedBySerialHex ?? "", at: formatDateTime(r.resolvedAt, locale) })}` : ""}
          </li>
        ))}
      </ul>
    </Card>
  );
  return (
    <div className="space-y-6" data-testid="notice-progress">
      <PageTitle>{t("progressTitle")}</PageTitle>
      <ConsoleNav area="admin" current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <p><Link href="/admin/update-notices" className={buttonClass.link}>{t("back")}</Link></p>
      <Card>
        <p className="font-medium">{p.reason}</p>
        <p className={`text-sm ${p.overdue ? "text-red-800" : ""}`}>{t("deadlineLine", { at: formatDateTime(p.deadline, locale) })}</p>
        <p className="mt-2" data-testid="notice-counts">{t("counts", { total: p.counts.total, updated: p.counts.updated, pending: p.counts.pending, lapsed: p.counts.lapsed })}</p>
      </Card>
      {list("pending", p.pending)}
      {list("updated", p.updated)}
      {list("lapsed", p.lapsed)}
    </div>
  );
}
