import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { issueServerKeyAction } from "@/app/applications/[id]/actions";
import { keyAlgorithmName } from "@/components/console/key-algorithm";
import { ApplicationEditor } from "./_components/application-editor";
import { DraftActions } from "./_components/draft-actions";
import { InfoRequestNotice } from "./_components/info-request-notice";
import { ServerKeyForm } from "./_components/server-key-form";
import { WaitingCard } from "./_components/waiting-card";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { DEFAULT_SERVER_KEY_ALGORITHM, SERVER_KEY_ALGORITHMS } from "@/domain/certificate";
import { formatDateTime, formatYuan } from "@/i18n/format";
import { getApplication } from "@/server/application/get-application";
import { keyOriginOf } from "@/domain/application/key-origin";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getApplicationCertificate } from "@/server/certificate/get-application-certificate";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("applicationPage"))("title") };
}

/**
 * The applicant's view of one application: where it stands, the fee, the documents sent, the
 * certificate once issued, and for a server-made key (clause 1.3) the PKCS#12 password form once
 * the application is approved and paid. While the applicant holds it (a draft, or sent back for
 * more information) the officer's question comes first and the editor below renders what `can` allows.
 */
export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const [t, e, locale, ctx] = await Promise.all([getTranslations("applicationPage"), getTranslations("enums"), getLocale(), serviceContext(user)]);
  let app;
  let certificate;
  try {
    app = await getApplication(ctx, { applicationId: id });
    certificate = await getApplicationCertificate(ctx, { applicationId: id });
  } catch (err) {
    if (isDomainError(err) && (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED")) notFound();
    throw err;
  }
  const row = (label: string, value: React.ReactNode, testId?: string, status?: string) => (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="break-words" data-testid={testId} data-status={status}>
        {value}
      </dd>
    </>
  );
  return (
    <div className="space-y-6">
      <p>
        <Link href="/dashboard" className={buttonClass.link}>
          {t("back")}
        </Link>
      </p>
      <PageTitle>{t("title")}</PageTitle>
      {app.can.discardDraft.ok ? <DraftActions app={app} /> : null}
      {app.infoRequest ? <InfoRequestNotice round={app.infoRequest} raName={app.registrationAuthority?.name ?? null} waiting={app.status === "NEEDS_INFO"} /> : null}
      <Card>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {row(t("status"), e(`ApplicationStatus.${app.status}`), "application-status", app.status)}
          {row(t("profile"), locale === "en" ? app.profile.nameEn : app.profile.nameZh)}
          {row(t("keyGeneration"), (await getTranslations("keyOrigin"))(keyOriginOf(app.keyGeneration, app.csrSource)), "key-generation", app.keyGeneration)}
          {app.submittedAt ? row(t("submittedAt"), formatDateTime(app.submittedAt, locale)) : null}
          {app.decidedAt ? row(t("decidedAt"), formatDateTime(app.decidedAt, locale)) : null}
          {app.decisionReason && !(app.status === "NEEDS_INFO" && app.infoRequest) ? row(t("decisionReason"), app.decisionReason, "decision-reason") : null}
          {row(t("fee"), `${formatYuan(app.feeCents ?? 0, locale)} · ${e(`FeeStatus.${app.feeStatus}`)}`, "application-fee", app.feeStatus)}
          {certificate
            ? row(
                t("certificate"),
                <Link href={`/certificates/${certificate.id}`} className={buttonClass.link} data-testid="application-certificate">
                  {t("certificateLink", { serial: certificate.serialHex })}
                </Link>,
              )
            : null}
        </dl>
      </Card>

      <WaitingCard applicationId={app.id} next={app.next} payment={app.payment} feeCents={app.feeCents} />

      {app.serverKeyStep === "READY" || app.serverKeyStep === "AWAITING_FEE" ? (
        <Card title={t("serverKey.title")} id="server-key">
          {app.serverKeyReady ? (
            <ServerKeyForm
              applicationId={app.id}
              action={issueServerKeyAction}
              labels={{
                intro: t("serverKey.intro"),
                password: t("serverKey.password"),
                repeat: t("serverKey.repeat"),
                hint: t("serverKey.hint"),
                short: t("serverKey.short"),
                classes: t("serverKey.classes"),
                mismatch: t("serverKey.mismatch"),
                ok: t("serverKey.ok"),
                algorithm: t("serverKey.algorithm"),
                algorithms: Object.fromEntries(
                  SERVER_KEY_ALGORITHMS.map((a) => [a, a === DEFAULT_SERVER_KEY_ALGORITHM ? t("serverKey.recommended", { name: keyAlgorithmName(a, locale) }) : keyAlgorithmName(a, locale)]),
                ),
                submit: t("serverKey.submit"),
                working: t("serverKey.working"),
              }}
            />
          ) : (
            <p className="text-slate-700">{t("serverKey.awaitingFee")}</p>
          )}
        </Card>
      ) : null}
      {app.serverKeyStep === "LATER" ? (
        <p className="text-slate-700" data-testid="server-key-later">
          {t("serverKey.later")}
        </p>
      ) : null}

      <ApplicationEditor app={app} />

      {app.can.edit.ok ? null : (
        <Card title={t("documents")} id="documents">
          <ul className="divide-y divide-slate-100 text-sm">
            {app.documents.map((d) => (
              <li key={d.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span className="break-all">
                  {e(`DocumentKind.${d.kind}`)} · {d.fileName}
                </span>
                <span className="text-slate-600">
                  {d.sniffedType} · {Math.ceil(d.size / 1024)} KB
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
