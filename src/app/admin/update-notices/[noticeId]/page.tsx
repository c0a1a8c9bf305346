import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { keyAlgorithmName } from "@/components/console/key-algorithm";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { updateNoticeOptions } from "@/server/update-notice/update-notice-options";
import { getUpdateNoticeProgress, type TargetView } from "@/server/update-notice/update-notice-progress";

export async function generateMetadata() {
  return { title: (await getTranslations("console.notices"))("progressTitle") };
}

type Props = { params: Promise<{ noticeId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

export default async function Page({ params, searchParams }: Props) {
  const user = await requireArea("admin");
  const [{ noticeId }, sp] = await Promise.all([params, searchParams]);
  const ctx = await serviceContext(user);
  const p = await getUpdateNoticeProgress(ctx, { noticeId }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });
  const [locale, t, tc, options] = await Promise.all([getLocale(), getTranslations("console.notices"), getTranslations("updateNoticeConsequence"), updateNoticeOptions(ctx, {})]);
  // The stored selection in words: profiles and CAs by name, algorithms as written, the expiry range in Beijing time.
  const sel = (p.selection ?? {}) as { profileCodes?: string[]; issuingCaIds?: string[]; keyAlgorithms?: string[]; expiresFrom?: string; expiresTo?: string };
  const profileName = (code: string) => {
    const found = options.profiles.find((x) => x.code === code);
    return found ? (locale === "en" ? found.nameEn : found.nameZh) : code;
  };
  const caName = (id: string) => options.cas.find((x) => x.id === id)?.name ?? id;
  const criteria: Array<[string, string]> = [
    ...(sel.profileCodes?.length ? [[t("profiles"), sel.profileCodes.map(profileName).join(", ")] as [string, string]] : []),
    ...(sel.issuingCaIds?.length ? [[t("cas"), sel.issuingCaIds.map(caName).join(", ")] as [string, string]] : []),
    ...(sel.keyAlgorithms?.length ? [[t("algorithms"), sel.keyAlgorithms.map((a) => keyAlgorithmName(a, locale)).join(", ")] as [string, string]] : []),
    ...(sel.expiresFrom || sel.expiresTo
      ? [[t("expiring"), `${sel.expiresFrom ? formatDateTime(sel.expiresFrom, locale) : "…"} – ${sel.expiresTo ? formatDateTime(sel.expiresTo, locale) : "…"}`] as [string, string]]
      : []),
  ];
  const list = (key: "updated" | "pending" | "lapsed", rows: TargetView[]) => (
    <Card title={`${t(`groups.${key}`)} (${rows.length})`}>
      <ul className="space-y-1 text-sm" data-testid={`targets-${key}`}>
        {rows.map((r) => (
          <li key={r.certificateId} data-certificate-id={r.certificateId} className="break-all">
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
        <p className="text-sm text-slate-700">{t("orderedBy", { who: p.createdBy.email, at: formatDateTime(p.createdAt, locale) })}</p>
        <p className="text-sm text-slate-700" data-testid="notice-consequence" data-consequence={p.consequence}>
          {tc("legend")}: {tc(p.consequence)}
        </p>
        {criteria.length > 0 ? (
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="notice-selection">
            {criteria.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-medium">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <p className="mt-2" data-testid="notice-counts">{t("counts", { total: p.counts.total, updated: p.counts.updated, pending: p.counts.pending, lapsed: p.counts.lapsed })}</p>
      </Card>
      {list("pending", p.pending)}
      {list("updated", p.updated)}
      {list("lapsed", p.lapsed)}
    </div>
  );
}
