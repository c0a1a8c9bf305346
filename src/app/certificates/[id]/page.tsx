import { NextStepLine } from "@/components/portal/next-step";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { acceptCertificateAction, raiseObjectionAction, reportLossAction, requestRevocationAction } from "@/app/certificates/actions";
import { AgreementRequirement } from "@/app/_components/agreement-requirement";
import { ChangeDetails } from "./_components/change-details";
import { CertificateActionForm } from "./_components/certificate-action-form";
import { HoldReleaseCard } from "./_components/hold-release-card";
import { KeyEnvelopeCard } from "./_components/key-envelope-card";
import { KeyRevocationSection } from "./_components/key-revocation-section";
import { Pkcs12Save } from "./_components/pkcs12-save";
import { RenewalCard } from "./_components/renewal-card";
import { SignedReceipts } from "./_components/signed-receipts";
import { Countdown } from "@/components/portal/countdown";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { SUBSCRIBER_REVOCATION_REASONS } from "@/domain/revocation";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { listRevocationRequests } from "@/server/revocation/list-revocation-requests";
import { agreementGate } from "@/server/agreement/agreement-gate";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { getCertificateAcceptance } from "@/server/certificate/get-acceptance-receipt";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("certificatePage"))("title") };
}

const DOWNLOADS = ["pem", "der", "chain", "p7b"] as const;

/** One certificate for its holder: details, downloads, the test window, acceptance, loss and revocation. */
export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const [t, pd, cs, e, refusal, locale, ctx] = await Promise.all([getTranslations("certificatePage"), getTranslations("portalDashboard"), getTranslations("certificateState"), getTranslations("enums"), getTranslations("actionRefusal"), getLocale(), serviceContext(user)]);
  let c;
  try {
    c = await getMyCertificate(ctx, { certificateId: id });
  } catch (err) {
    if (isDomainError(err) && (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED")) notFound();
    throw err;
  }
  const requests = await listRevocationRequests(ctx, { certificateId: id }).catch(() => []);
  const acceptance = await getCertificateAcceptance(ctx, { certificateId: id });
  const gate = await agreementGate(ctx, { context: "DOWNLOAD", onBehalfOfOrganisationId: c.subscriberOrganisationId });
  const lc = await getTranslations("lossConfirm");
  const when = (d: Date | null | undefined) => (d ? formatDateTime(d, locale, { seconds: true }) : "—");
  const lastFailed = [...c.testResults].reverse().find((r) => !r.passed);
  // What to offer is the domain's answer (c.can), the one the use cases enforce. The tests, the
  // acceptance and the objection in time belong to the open acceptance decision of clause 1.8.
  const { can } = c;
  const deciding = can.accept.ok;
  const unavailable = (a: (typeof can)[keyof typeof can]) => (a.ok ? undefined : refusal(a.reason));
  const countdownLabels = {
    days: pd("days", { n: "#" }),
    hours: pd("hours", { n: "#" }),
    minutes: pd("minutes", { n: "#" }),
    passed: pd("passed"),
    remaining: pd("remaining", { time: "#" }),
  };
  const serverKey = c.keyGeneration === "SERVER_PKCS12";
  const row = (label: string, value: React.ReactNode, testId?: string, attrs?: Record<`data-${string}`, string>) => (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="break-all" data-testid={testId} {...attrs}>
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
      <PageTitle intro={c.subjectDn}>{locale === "en" ? c.profile.nameEn : c.profile.nameZh}</PageTitle>
      {/* Issue 15: the waiting step in words; the download and acceptance are on this page, so no link to it. */}
      {c.next ? (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="certificate-next-step">
          <NextStepLine next={c.next} hideAction={c.next.step === "DOWNLOAD" || c.next.step === "ACCEPT"} />
        </div>
      ) : null}

      <Card title={t("detailsTitle")} id="details">
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {row(t("status"), cs(c.status), "certificate-status", { "data-status": c.status })}
          {row(t("serial"), <span className="font-mono">{c.serialHex}</span>)}
          {row(t("subject"), c.subjectDn)}
          {row(t("issuer"), c.issuerDn)}
          {row(t("validity"), `${when(c.notBefore)} – ${when(c.notAfter)}`)}
          {row(t("keyGeneration"), (await getTranslations("keyOrigin"))(c.keyOrigin), "certificate-key-generation", { "data-key-generation": c.keyGeneration, "data-key-origin": c.keyOrigin })}
          {row(t("delivery"), c.deliveryMethod ? `${e(`DeliveryMethod.${c.deliveryMethod}`)} · ${when(c.deliveredAt)}` : t("notDelivered"))}
          {row(t("receiptAt"), when(c.receiptAt), "receipt-at")}
          {c.testWindowDeadline
            ? row(
                t("testDeadline"),
                <>
                  {when(c.testWindowDeadline)}
                  {c.testWindowCountdown ? (
                    <>
                      {" · "}
                      <Countdown deadline={c.testWindowCountdown.toISOString()} serverNow={ctx.clock.now().toISOString()} labels={countdownLabels} />
                    </>
                  ) : null}
                  {c.testWindowProvisional ? <span className="block text-sm text-amber-900">{t("provisional")}</span> : null}
                </>,
                "test-deadline",
              )
            : null}
          {c.acceptance ? row(t("acceptedAt"), `${when(c.acceptance.at)} (${e(`AcceptanceKind.${c.acceptance.kind}`)})`, "accepted-at", { "data-kind": c.acceptance.kind }) : null}
          {c.holdAt ? row(t("holdAt"), when(c.holdAt), "hold-at") : null}
          {c.revokedAt ? row(t("revokedAt"), when(c.revokedAt), "revoked-at") : null}
        </dl>
      </Card>

      {c.acceptance ? (
        <div role="status" data-testid="acceptance-record" data-kind={c.acceptance.kind} className="rounded-md border border-green-300 bg-green-50 p-4 text-green-950">
          <p className="font-semibold">{t("acceptanceRecord.title")}</p>
          <p>{t(`acceptanceRecord.${c.acceptance.kind}`, { at: when(c.acceptance.at) })}</p>
        </div>
      ) : null}

      <Card title={t("downloadsTitle")} id="downloads">
        <p className="mb-3 text-slate-700">{c.receiptAt ? t("downloadsAgain") : t("downloadsFirst")}</p>
        {!gate.accepted ? (
          <div className="mb-4">
            <AgreementRequirement ctx={ctx} gate={gate} context="DOWNLOAD" onBehalfOfOrganisationId={c.subscriberOrganisationId} />
          </div>
        ) : null}
        {serverKey && c.hasPkcs12 && gate.accepted && can.exportPkcs12.ok ? (
          <div className="mb-4 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="server-p12">
            <p className="font-semibold">{t("serverP12.title")}</p>
            <p>{t("serverP12.intro")}</p>
            <form method="post" action={`/certificates/${c.id}/download`}>
              <input type="hidden" name="format" value="p12" />
              <button type="submit" className={buttonClass.primary} data-testid="download-p12">
                {t("serverP12.button")}
              </button>
            </form>
          </div>
        ) : null}
        {serverKey && !c.hasPkcs12 ? (
          <p className="mb-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-800" data-testid="pkcs12-gone">
            {t("serverP12.gone")}
          </p>
        ) : null}
        <div className={`flex flex-wrap gap-3 ${gate.accepted ? "" : "hidden"}`}>
          {DOWNLOADS.map((f) => (
            <form key={f} method="post" action={`/certificates/${c.id}/download`}>
              <input type="hidden" name="format" value={f} />
              <button type="submit" className={buttonClass.secondary} data-testid={`download-${f}`}>
                {t(`download.${f}`)}
              </button>
            </form>
          ))}
        </div>
        {gate.accepted && c.applicationId && c.keyGeneration === "CLIENT_CSR" && can.exportPkcs12.ok ? (
          <Pkcs12Save
            applicationId={c.applicationId}
            pems={[c.certificatePem, ...c.chainPems]}
            fileName={`certificate-${c.serialHex.slice(0, 12)}.p12`}
            labels={{ title: t("p12.title"), intro: t("p12.intro"), password: t("p12.password"), repeat: t("p12.repeat"), hint: t("p12.hint"), mismatch: t("p12.mismatch"), weak: t("p12.weak"), save: t("p12.save"), working: t("working"), done: t("p12.done"), sm2Note: t("p12.sm2Note"), savePem: t("p12.savePem"), donePem: t("p12.donePem") }}
          />
        ) : null}
      </Card>

      {can.test.ok ? (
        <Card title={t("testTitle")} id="test">
          <p className="mb-3 text-slate-700">{t("testIntro")}</p>
          <ul className="mb-3 space-y-1 text-sm">
            {c.testResults.map((r) => (
              <li key={r.id} data-testid="test-result">
                {e(`CertificateTestKind.${r.kind}`)}: {r.passed ? t("passed") : t("failed")} · {when(r.runAt)}
              </li>
            ))}
          </ul>
          {deciding ? (
            <Link href={`/certificates/${c.id}/test`} className={buttonClass.primary}>
              {t("runTests")}
            </Link>
          ) : null}
        </Card>
      ) : null}

      {deciding ? (
        <div className="grid gap-6 md:grid-cols-2">
          <Card title={t("acceptTitle")} id="accept">
            <p className="mb-3 text-slate-700">{t("acceptIntro")}</p>
            <CertificateActionForm action={acceptCertificateAction} certificateId={c.id} submitLabel={t("acceptButton")} pendingLabel={t("working")} doneLabel={t("acceptDone")} variant="primary" testId="accept-form" />
          </Card>
          <Card title={t("objectTitle")} id="object">
            <CertificateActionForm action={raiseObjectionAction} certificateId={c.id} submitLabel={t("objectButton")} pendingLabel={t("working")} doneLabel={t("objectDone")} testId="object-form" unavailable={unavailable(can.object)}>
              {lastFailed ? <input type="hidden" name="testResultId" value={lastFailed.id} /> : null}
              {lastFailed ? <p className="text-sm text-slate-700">{t("objectAttached", { kind: e(`CertificateTestKind.${lastFailed.kind}`) })}</p> : null}
              <label htmlFor="objection-reason" className="block font-medium">
                {t("objectReason")}
              </label>
              <textarea id="objection-reason" name="reason" required rows={3} maxLength={2000} className={inputClass} />
            </CertificateActionForm>
          </Card>
        </div>
      ) : null}

      {c.dualPair && c.status !== "REVOKED" ? (
        <KeyEnvelopeCard
          certificateId={c.id}
          encryptionSpkiSha256={c.dualPair.encryptionSpkiSha256}
          labels={{
            title: t("keyEnvelope.title"),
            intro: t("keyEnvelope.intro"),
            button: t("keyEnvelope.button"),
            working: t("keyEnvelope.working"),
            stored: t("keyEnvelope.stored"),
            matches: t("keyEnvelope.matches"),
            noSigningKey: t("keyEnvelope.noSigningKey"),
            failed: {
              MALFORMED: t("keyEnvelope.failed.MALFORMED"),
              MISMATCHED: t("keyEnvelope.failed.MISMATCHED"),
              KEY_MISMATCH: t("keyEnvelope.failed.KEY_MISMATCH"),
              CERTIFICATE_MISMATCH: t("keyEnvelope.failed.CERTIFICATE_MISMATCH"),
            },
          }}
        />
      ) : null}

      <RenewalCard certificate={c} />

      {can.releaseHold.ok ? <HoldReleaseCard certificateId={c.id} requests={requests} /> : null}

      {can.reportLoss.ok || can.requestRevocation.ok ? (
        <div className="grid gap-6 md:grid-cols-2">
          <Card title={t("lossTitle")} id="loss">
            <p className="mb-3 text-slate-700">{t("lossIntro")}</p>
            <CertificateActionForm action={reportLossAction} certificateId={c.id} submitLabel={t("lossButton")} pendingLabel={t("working")} doneLabel={t("lossDone")} receiptLabel={t("receipt")} testId="loss-form" unavailable={unavailable(can.reportLoss)} confirm={{
              title: lc("title"),
              body: (<><p>{lc("hold")}</p><p>{lc("release")}</p><p>{lc("deadline", { notAfter: when(c.notAfter) })}</p></>),
              confirmLabel: lc("confirm"),
              cancelLabel: lc("cancel"),
            }}>
              <label htmlFor="loss-note" className="block font-medium">
                {t("note")}
              </label>
              <textarea id="loss-note" name="note" rows={2} maxLength={2000} className={inputClass} />
            </CertificateActionForm>
          </Card>
          <Card title={t("revokeTitle")} id="revoke">
            <p className="mb-3 text-slate-700">{t("revokeIntro")}</p>
            <CertificateActionForm action={requestRevocationAction} certificateId={c.id} submitLabel={t("revokeButton")} pendingLabel={t("working")} doneLabel={t("revokeDone")} receiptLabel={t("receipt")} testId="revoke-form" unavailable={unavailable(can.requestRevocation)}>
              <label htmlFor="revoke-reason" className="block font-medium">
                {t("reason")}
              </label>
              <select id="revoke-reason" name="reason" className={inputClass}>
                {SUBSCRIBER_REVOCATION_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {e(`RevocationReason.${r}`)}
                  </option>
                ))}
              </select>
              <label htmlFor="revoke-note" className="block font-medium">
                {t("note")}
              </label>
              <textarea id="revoke-note" name="note" rows={2} maxLength={2000} className={inputClass} />
            </CertificateActionForm>
            {can.requestRevocation.ok ? <KeyRevocationSection certificateId={c.id} applicationId={c.applicationId} /> : null}
          </Card>
        </div>
      ) : null}

      <ChangeDetails ctx={ctx} certificateId={c.id} change={can.change} ordered={c.objections.some((o) => o.resolution === "CHANGE")} openReplacement={c.openReplacement} onBehalfOfOrganisationId={c.subscriberOrganisationId} />

      <SignedReceipts certificateId={c.id} acceptance={acceptance} requests={requests} when={when} />
    </div>
  );
}
