import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { getApplication } from "@/server/application/get-application";
import { requireUser } from "@/server/auth/guards";
import { serviceContext } from "@/server/auth/service-context";
import { isDomainError } from "@/server/core/errors";

export async function generateMetadata() {
  return { title: (await getTranslations("applicationPage"))("title") };
}

/** The applicant's view of one application: where it stands, the fee, the documents sent. */
export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const [t, pd, locale, ctx] = await Promise.all([getTranslations("applicationPage"), getTranslations("portalDashboard"), getLocale(), serviceContext(user)]);
  let app;
  try {
    app = await getApplication(ctx, { applicationId: id });
  } catch (e) {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  }
  return (
    <div className="space-y-6">
      <p>
        <Link href="/dashboard" className={buttonClass.link}>
          {t("back")}
        </Link>
      </p>
      <PageTitle>{t("title")}</PageTitle>
      <Card>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">{t("status")}</dt>
          <dd data-testid="application-status">{pd(`appStatusNames.${app.status}`)}</dd>
          <dt className="font-medium text-slate-600">{t("profile")}</dt>
          <dd>{locale === "en" ? app.profile.nameEn : app.profile.nameZh}</dd>
          {app.submittedAt ? (
            <>
              <dt className="font-medium text-slate-600">{t("submittedAt")}</dt>
              <dd>{formatDateTime(app.submittedAt, locale)}</dd>
            </>
          ) : null}
          {app.decidedAt ? (
            <>
              <dt className="font-medium text-slate-600">{t("decidedAt")}</dt>
              <dd>{formatDateTime(app.decidedAt, locale)}</dd>
            </>
          ) : null}
          {app.decisionReason ? (
            <>
              <dt className="font-medium text-slate-600">{t("decisionReason")}</dt>
              <dd>{app.decisionReason}</dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-600">{t("fee")}</dt>
          <dd>
            ¥{((app.feeCents ?? 0) / 100).toFixed(2)} · {t(`feeStatus.${app.feeStatus}`)}
          </dd>
        </dl>
      </Card>
      <Card title={t("documents")} id="documents">
        <ul className="divide-y divide-slate-100 text-sm">
          {app.documents.map((d) => (
            <li key={d.id} className="flex flex-wrap justify-between gap-2 py-2">
              <span className="break-all">{d.fileName}</span>
              <span className="text-slate-600">
                {d.sniffedType} · {Math.ceil(d.size / 1024)} KB
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
