import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { carryOutRevocationAction, confirmRevocationAction, rejectRevocationAction } from "@/app/ra/actions/officer-actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { formatDuration } from "@/app/ra/_components/duration";
import { Field, Input, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { displayedCertificateStatus } from "@/domain/certificate";
import { formatDateTime } from "@/i18n/format";
import { catalogLang } from "@/i18n/locales";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getRevocationCase } from "@/server/revocation/get-revocation-case";
import { HoldReleaseDeclaration } from "./_components/hold-release-declaration";

export async function generateMetadata() {
  return { title: (await getTranslations("console.revocation"))("title") };
}

type Props = { params: Promise<{ requestId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

export default async function Page({ params, searchParams }: Props) {
  const user = await requireArea("ra");
  const [{ requestId }, sp] = await Promise.all([params, searchParams]);
  const ctx = await serviceContext(user);
  const found = await getRevocationCase(ctx, { requestId }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });
  const [locale, t, e, refusal] = await Promise.all([getLocale(), getTranslations("console.revocation"), getTranslations("enums"), getTranslations("actionRefusal")]);
  // What to offer is the domain's answer (found.can), the rule the confirm, reject and carry-out use cases enforce.
  const { request: r, certificate: c, can } = found;
  const here = `/ra/revocations/${r.id}`;
  const now = ctx.clock.now().getTime();
  const remaining = r.times.dueAt ? new Date(r.times.dueAt).getTime() - now : null;
  // The read model's sla is ok/dueSoon/overdue exactly while clause 1.4's clock runs (confirmed, not yet done).
  const clockRuns = r.sla === "ok" || r.sla === "dueSoon" || r.sla === "overdue";
  const hidden = (
    <>
      <input type="hidden" name="requestId" value={r.id} />
      <input type="hidden" name="back" value={here} />
    </>
  );
  return (
    <div className="space-y-6" data-testid="revocation-case">
      <PageTitle>{t(`titles.${r.kind}`)}</PageTitle>
      <ConsoleNav area="ra" current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <p><Link href="/ra" className={buttonClass.link}>{t("back")}</Link></p>
      <Card title={t("request")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("status")}</dt>
          <dd data-testid="request-status" data-status={r.status}>{e(`RevocationRequestStatus.${r.status}`)}</dd>
          <dt className="font-medium">{t("reason")}</dt>
          <dd data-reason={r.reason}>{e(`RevocationReason.${r.reason}`)}</dd>
          {r.caGround ? (
            <>
              <dt className="font-medium">{t("caGround")}</dt>
              <dd>{e(`CaRevocationGround.${r.caGround}`)}</dd>
            </>
          ) : null}
          <dt className="font-medium">{t("requester")}</dt>
          <dd>{found.requester ? `${found.requester.displayName ?? ""} ${found.requester.email}` : "—"}</dd>
          <dt className="font-medium">{t("receivedAt")}</dt>
          <dd>{formatDateTime(r.times.receivedAt, locale)}</dd>
          <dt className="font-medium">{t("compliantAt")}</dt>
          <dd>
            {r.times.compliantAt ? formatDateTime(r.times.compliantAt, locale) : "—"}
            {r.confirmationMethod ? <div className="text-xs text-slate-600">{e(`RevocationConfirmationMethod.${r.confirmationMethod}`)}</div> : null}
          </dd>
          <dt className="font-medium">{t("dueAt")}</dt>
          <dd>
            {r.times.dueAt ? formatDateTime(r.times.dueAt, locale) : "—"}
            {remaining !== null && clockRuns ? (
              <span className={`ml-2 rounded px-2 py-0.5 ${remaining < 0 ? "bg-red-700 text-white" : r.sla === "dueSoon" ? "bg-red-100 text-red-900" : "bg-green-50 text-green-900"}`}>
                {remaining < 0 ? t("overdueBy", { d: formatDuration(remaining, catalogLang(locale)) }) : t("left", { d: formatDuration(remaining, catalogLang(locale)) })}
              </span>
            ) : null}
          </dd>
          {r.times.doneAt ? (
            <>
              <dt className="font-medium">{t("doneAt")}</dt>
              <dd>
                {formatDateTime(r.times.doneAt, locale)}
                {r.sla === "met" || r.sla === "missed" ? (
                  <span className={`ml-2 rounded px-2 py-0.5 ${r.sla === "missed" ? "bg-red-700 text-white" : "bg-green-50 text-green-900"}`} data-testid="sla-outcome" data-sla={r.sla}>
                    {t(`sla.${r.sla}`)}
                  </span>
                ) : null}
              </dd>
            </>
          ) : null}
          {found.holderDeclaration ? (
            <HoldReleaseDeclaration declaration={found.holderDeclaration} labels={{ keyFoundHow: t("declaration.keyFoundHow"), declared: t("declaration.declared"), keyNotShared: t("declaration.keyNotShared"), notDeclared: t("declaration.notDeclared") }} />
          ) : found.note ? (
            <>
              <dt className="font-medium">{t("note")}</dt>
              <dd>{found.note}</dd>
            </>
          ) : null}
          {r.rejectedReason ? (
            <>
              <dt className="font-medium">{t("rejectedReason")}</dt>
              <dd>{r.rejectedReason}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title={t("certificate")}>
        <p className="break-all text-sm">{c.subjectDn}</p>
        {/* One status: revoked wins over the hold that preceded it (displayedCertificateStatus). */}
        <p className="break-all text-sm" data-status={displayedCertificateStatus(c)}>
          <code>{c.serialHex}</code> · {e(`CertificateStatus.${displayedCertificateStatus(c)}`)}
        </p>
        <p className="text-sm text-slate-700">{t("validUntil", { at: formatDateTime(c.notAfter, locale) })}</p>
      </Card>
      {!can.confirm.ok && can.confirm.reason === "CONFLICT_OF_INTEREST" ? (
        // Separation of duties: the read model says why this officer is offered nothing here.
        <p className="text-slate-700" data-testid="officer-refusal" data-reason={can.confirm.reason}>{refusal(can.confirm.reason)}</p>
      ) : null}
      {can.confirm.ok || can.reject.ok ? (
        <div className="grid gap-6 md:grid-cols-2">
          <Card title={r.kind === "HOLD_RELEASE" ? t("confirmRelease") : t("confirm")}>
            <form action={confirmRevocationAction} className="space-y-2">
              {hidden}
              <Field id="identity-check" label={t("identityCheck")}><TextArea id="identity-check" name="identityCheck" required minLength={3} /></Field>
              <SubmitButton pendingLabel={t("working")}>{r.kind === "HOLD_RELEASE" ? t("release") : t("confirmButton")}</SubmitButton>
            </form>
          </Card>
          <Card title={t("reject")}>
            <form action={rejectRevocationAction} className="space-y-2">
              {hidden}
              <Field id="reject-reason" label={t("rejectReason")}><TextArea id="reject-reason" name="reason" required minLength={3} /></Field>
              <SubmitButton pendingLabel={t("working")} variant="secondary">{t("rejectButton")}</SubmitButton>
            </form>
          </Card>
        </div>
      ) : null}
      {can.carryOut.ok ? (
        <Card title={t("carryOut")}>
          <form action={carryOutRevocationAction} className="space-y-2">
            {hidden}
            <Field id="invalidity" label={t("invalidityDate")}><Input id="invalidity" name="invalidityDate" type="datetime-local" /></Field>
            <SubmitButton pendingLabel={t("working")}>{t("revokeButton")}</SubmitButton>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
