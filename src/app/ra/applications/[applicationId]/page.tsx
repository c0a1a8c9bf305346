import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { approveAction, issueAction, needsInfoAction, paperAcceptanceAction, paymentAction, rejectAction } from "@/app/ra/actions/officer-actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, Select, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime, formatYuan } from "@/i18n/format";
import { getApplication } from "@/server/application/get-application";
import { keyOriginOf } from "@/domain/application/key-origin";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { PAYMENT_METHODS } from "@/server/ra/record-payment";
import { applicationReview } from "@/server/ra/get-application-review";
import { ApproveAwaitsPayment } from "./_components/approve-awaits-payment";
import { ChangesSinceQuestion } from "./_components/changes-since-question";
import { PaymentLine } from "./_components/payment-line";
import { PossibleDuplicates, SubjectHistory } from "./_components/subject-check";

export async function generateMetadata() {
  return { title: (await getTranslations("console.review"))("title") };
}

type Props = { params: Promise<{ applicationId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function Page({ params, searchParams }: Props) {
  const user = await requireArea("ra");
  const [{ applicationId }, sp] = await Promise.all([params, searchParams]);
  if (!UUID.test(applicationId)) notFound();
  const ctx = await serviceContext(user);
  const app = await getApplication(ctx, { applicationId }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  const review = await applicationReview(ctx, { applicationId });
  if (!review) notFound();
  const [locale, t, e, u, refusal] = await Promise.all([getLocale(), getTranslations("console.review"), getTranslations("enums"), getTranslations("usageScopeKind"), getTranslations("actionRefusal")]);
  // A scope kind the form never offered (older data) is shown as typed.
  const scopeKind = (k: string) => (u.has(k) ? u(k) : k);
  const here = `/ra/applications/${app.id}`;
  const details = subjectDetailRows((app.subjectDetails ?? {}) as Record<string, unknown>, t, scopeKind, locale);
  // Only what the transition table allows now (app.can): from NEEDS_INFO an officer may reject, not approve or ask again.
  const { can } = app;
  // Whether this officer may decide it at all (review.officer): not when party to it (separation of duties).
  const mayDecide = review.officer.ok;
  const decidable = mayDecide && (can.approve.ok || can.reject.ok || can.requestInfo.ok);
  const hidden = (
    <>
      <input type="hidden" name="applicationId" value={app.id} />
      <input type="hidden" name="version" value={app.version} />
      <input type="hidden" name="back" value={here} />
    </>
  );

  return (
    <div className="space-y-6" data-testid="application-review">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="ra" current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <p>
        <Link href="/ra" className={buttonClass.link}>{t("back")}</Link>
      </p>
      {review.warnings.map((w) => (
        <Alert key={w.kind} tone="error" title={t(`warnings.${w.kind}`)}>
          <span data-testid={`warning-${w.kind}`} />
        </Alert>
      ))}
      <PossibleDuplicates duplicates={review.duplicates} identityMatched={review.identityMatched} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("identity")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">{t("status")}</dt>
            <dd data-testid="application-status" data-status={app.status}>{e(`ApplicationStatus.${app.status}`)}</dd>
            <dt className="font-medium">{t("kind")}</dt>
            <dd data-kind={app.kind}>{e(`ApplicationKind.${app.kind}`)}</dd>
            <dt className="font-medium">{t("profile")}</dt>
            <dd>{locale === "en" ? app.profile.nameEn : app.profile.nameZh}</dd>
            <dt className="font-medium">{t("subjectType")}</dt>
            <dd data-subject-type={review.subjectType}>{e(`SubjectType.${review.subjectType}`)}</dd>
            <dt className="font-medium">{t("applicant")}</dt>
            <dd className="break-all">{review.applicant.displayName ?? ""} {review.applicant.email}</dd>
            {review.identity ? (
              <>
                {/* "已核验" only once an identity check was recorded (issue 15): before the decision it is what the applicant typed. */}
                <dt className="font-medium" data-testid="identity-name-label" data-verified={String(review.identity.verifiedAt !== null)}>{t(review.identity.verifiedAt ? "legalName" : "legalNameUnverified")}</dt>
                <dd data-testid="identity-name">{review.identity.anonymisedAt ? t("anonymised") : review.identity.legalName}</dd>
                <dt className="font-medium">{t("idDocument")}</dt>
                <dd className="break-all" data-id-type={review.identity.idDocumentType}>
                  {e(`IdDocumentType.${review.identity.idDocumentType}`)}
                  {review.identity.anonymisedAt ? "" : ` · ${review.identity.idDocumentNumber}`}
                  {review.identity.verifiedAt ? <div className="text-xs text-slate-600">{t("identityVerifiedAt", { at: formatDateTime(review.identity.verifiedAt, locale) })}</div> : null}
                </dd>
              </>
            ) : null}
            {app.organisation ? (
              <>
                <dt className="font-medium">{t("organisation")}</dt>
                <dd>{app.organisation.name} ({app.organisation.unifiedSocialCreditCode})</dd>
              </>
            ) : null}
            {details.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-medium">{k}</dt>
                <dd className="break-all">{v}</dd>
              </div>
            ))}
            <dt className="font-medium">{t("fee")}</dt>
            <dd data-testid="fee-status" data-status={app.feeStatus}>
              {formatYuan(app.feeCents, locale)} · {e(`FeeStatus.${app.feeStatus}`)}
              {review.payment ? <PaymentLine payment={review.payment} locale={locale} /> : null}
            </dd>
            <dt className="font-medium">{t("keyGeneration")}</dt>
            <dd data-key-generation={review.keyGeneration} data-key-origin={keyOriginOf(review.keyGeneration, app.csrSource)}>{(await getTranslations("keyOrigin"))(keyOriginOf(review.keyGeneration, app.csrSource))}</dd>
            <dt className="font-medium">{t("submittedAt")}</dt>
            <dd>{app.submittedAt ? formatDateTime(app.submittedAt, locale) : "—"}</dd>
            {app.decisionReason ? (
              <>
                <dt className="font-medium">{t("decisionReason")}</dt>
                <dd>{app.decisionReason}</dd>
              </>
            ) : null}
          </dl>
        </Card>
        <Card title={t("documents")}>
          {app.documents.length === 0 ? <p className="text-slate-700">{t("noDocuments")}</p> : null}
          <ul className="space-y-4">
            {app.documents.map((d) => (
              <li key={d.id}>
                <p className="break-all text-sm font-medium" data-kind={d.kind}>{e(`DocumentKind.${d.kind}`)} · {d.fileName} · {fileType(d.sniffedType)}</p>
                {d.erasedAt ? (
                  <p className="text-sm text-slate-600">{t("erased")}</p>
                ) : d.sniffedType.startsWith("image/") ? (
                  // eslint-disable-next-line @next/next/no-img-element -- streamed by our own route, not optimisable
                  <img src={`/ra/documents/${d.id}`} alt={`${e(`DocumentKind.${d.kind}`)} ${d.fileName}`} className="max-h-96 w-full rounded border object-contain" />
                ) : (
                  <iframe src={`/ra/documents/${d.id}`} title={`${e(`DocumentKind.${d.kind}`)} ${d.fileName}`} className="h-96 w-full rounded border" />
                )}
                <a href={`/ra/documents/${d.id}`} target="_blank" rel="noreferrer" className={`${buttonClass.link} text-sm`}>{t("openDocument")}</a>
              </li>
            ))}
          </ul>
        </Card>
      </div>

      {app.infoRequest && app.sinceQuestion ? <ChangesSinceQuestion round={app.infoRequest} changes={app.sinceQuestion} /> : null}

      <Card title={t("decide")}>
        {decidable ? (
          <div className="grid gap-6 md:grid-cols-3">
            {!can.approve.ok && can.approve.reason === "REVIEW_AWAITS_PAYMENT" ? <ApproveAwaitsPayment applicationId={app.id} reason={refusal(can.approve.reason)} /> : null}
            {can.approve.ok ? (
              <form action={approveAction} className="space-y-2">
                {hidden}
                <Field id="approve-note" label={t("note")}><TextArea id="approve-note" name="note" /></Field>
                <SubmitButton pendingLabel={t("working")}>{t("approve")}</SubmitButton>
              </form>
            ) : null}
            {can.reject.ok ? (
              <form action={rejectAction} className="space-y-2">
                {hidden}
                <Field id="reject-reason" label={t("rejectReason")}><TextArea id="reject-reason" name="reason" required minLength={2} /></Field>
                <SubmitButton pendingLabel={t("working")} variant="secondary">{t("reject")}</SubmitButton>
              </form>
            ) : null}
            {can.requestInfo.ok ? (
              <form action={needsInfoAction} className="space-y-2">
                {hidden}
                <Field id="info-reason" label={t("infoReason")}><TextArea id="info-reason" name="reason" required minLength={2} /></Field>
                <SubmitButton pendingLabel={t("working")} variant="secondary">{t("askInfo")}</SubmitButton>
              </form>
            ) : null}
          </div>
        ) : !review.officer.ok ? (
          <p className="text-slate-700" data-testid="officer-refusal" data-reason={review.officer.reason}>{refusal(review.officer.reason)}</p>
        ) : (
          <p className="text-slate-700">{t("notDecidable", { status: e(`ApplicationStatus.${app.status}`) })}</p>
        )}
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        {mayDecide && can.recordPayment.ok ? (
          <Card title={t("payment")}>
            <form action={paymentAction} className="space-y-2">
              {hidden}
              <Field id="amount" label={t("amountYuan")}><Input id="amount" name="amountYuan" inputMode="decimal" required defaultValue={(app.feeCents / 100).toFixed(2)} /></Field>
              <Field id="method" label={t("method")}>
                <Select id="method" name="method">{PAYMENT_METHODS.map((m) => <option key={m} value={m}>{e(`PaymentMethod.${m}`)}</option>)}</Select>
              </Field>
              <Field id="reference" label={t("reference")}><Input id="reference" name="reference" required /></Field>
              <SubmitButton pendingLabel={t("working")}>{t("recordPayment")}</SubmitButton>
            </form>
          </Card>
        ) : null}
        {mayDecide ? (
          <Card title={t("paper")}>
            <form action={paperAcceptanceAction} className="space-y-2">
              <input type="hidden" name="back" value={here} />
              <input type="hidden" name="userId" value={review.applicantId} />
              <input type="hidden" name="organisationId" value={app.organisation?.id ?? ""} />
              <input type="hidden" name="locale" value={review.applicant.locale} />
              <Field id="paper-method" label={t("method")}>
                <Select id="paper-method" name="method">
                  <option value="PAPER_SIGNED">{t("paperSigned")}</option>
                  <option value="PAPER_STAMPED">{t("paperStamped")}</option>
                </Select>
              </Field>
              <Field id="signed-at" label={t("signedAt")}><Input id="signed-at" name="signedAt" type="datetime-local" required /></Field>
              <SubmitButton pendingLabel={t("working")} variant="secondary">{t("recordPaper")}</SubmitButton>
            </form>
          </Card>
        ) : null}
        {!mayDecide ? null : !can.issue.ok && can.issue.reason === "KEY_GENERATION_MISMATCH" ? (
          // The server makes this key only once the subscriber chose the PKCS#12 password; issuing here would fail.
          <Card title={t("issue")}>
            <p className="text-sm text-slate-700" data-testid="server-key-issue">{t("serverKeyIssue")}</p>
          </Card>
        ) : !can.issue.ok && can.issue.reason === "APPLICATION_FEE_UNPAID" ? (
          <Card title={t("issue")}>
            <p className="text-sm text-slate-700" data-testid="issue-unavailable">{refusal(can.issue.reason)}</p>
          </Card>
        ) : can.issue.ok ? (
          <Card title={t("issue")}>
            <p className="mb-3 text-sm text-slate-700">{t("issueHint")}</p>
            <form action={issueAction}>
              {hidden}
              <SubmitButton pendingLabel={t("working")}>{t("issueNow")}</SubmitButton>
            </form>
          </Card>
        ) : null}
      </div>

      <SubjectHistory history={review.history} />
    </div>
  );
}

/** "image/png" -> "PNG": the kind of file an officer recognises. */
const fileType = (mime: string) => mime.split("/")[1]?.replace(/^x-/, "").toUpperCase() ?? mime;

const DETAIL_FIELDS = ["country", "province", "city", "department", "sealName", "usageScope", "includeEmail"] as const;

/** The subject details the applicant typed, as labelled rows (the usage scope of clause 1.5 in words, not as JSON). */
function subjectDetailRows(d: Record<string, unknown>, t: (key: string) => string, scopeKind: (kind: string) => string, locale: string): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const k of DETAIL_FIELDS) {
    const v = d[k];
    if (v === undefined || v === null || v === "") continue;
    if (k === "usageScope" && typeof v === "object") {
      const scope = v as { kind?: string; name?: string };
      const kind = scope.kind ? scopeKind(scope.kind) : "";
      rows.push([t("details.usageScope"), `${kind}: ${scope.name ?? ""}`]);
    } else if (k === "country" && typeof v === "string") {
      rows.push([t("details.country"), `${new Intl.DisplayNames([locale], { type: "region" }).of(v) ?? v} (${v})`]);
    } else if (k === "includeEmail") {
      rows.push([t("details.includeEmail"), v ? t("yes") : t("no")]);
    } else {
      rows.push([t(`details.${k}`), String(v)]);
    }
  }
  return rows;
}
