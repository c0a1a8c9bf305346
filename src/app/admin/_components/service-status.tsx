import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { keyAlgorithmName } from "@/components/console/key-algorithm";
import { formatDateTime } from "@/i18n/format";
import type { caServicesStatus, ServiceCertificate } from "@/server/ca-status/ca-services-status";

type Status = Awaited<ReturnType<typeof caServicesStatus>>;

const VALIDITY_CLASS = {
  valid: "bg-green-50 text-green-900",
  expiringSoon: "bg-amber-100 text-amber-900",
  expired: "bg-red-700 text-white",
  notYetValid: "bg-amber-100 text-amber-900",
} as const;

/** The timestamp authority and the OCSP responder: their signing certificates, and whether the TSA answers now. */
export async function ServiceStatus({ status, locale }: { status: Status; locale: string }) {
  const [t, e] = await Promise.all([getTranslations("console.services"), getTranslations("enums")]);
  const when = (d: Date | string | null) => (d ? formatDateTime(d, locale) : "—");
  const lang = locale === "en" ? "en" : "zh";

  const certificate = (c: ServiceCertificate) => (
    <dl key={c.id} className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="service-certificate" data-role={c.role} data-status={c.status} data-validity={c.validity}>
      <dt className="font-medium">{t("certificate")}</dt>
      <dd className="min-w-0">
        <span className="font-medium">{c.name}</span> · {e(`CaStatus.${c.status}`)}
        <div className="break-all text-xs text-slate-600">{c.subjectDn}</div>
      </dd>
      <dt className="font-medium">{t("validity")}</dt>
      <dd>
        {when(c.notBefore)} – {when(c.notAfter)}
        <span className={`ml-2 inline-block rounded px-2 py-0.5 text-xs font-medium ${VALIDITY_CLASS[c.validity]}`} data-testid="service-validity">
          {t(`validityStates.${c.validity}`, { days: c.daysLeft })}
        </span>
      </dd>
      <dt className="font-medium">{t("key")}</dt>
      <dd data-algorithm={c.algorithm}>{keyAlgorithmName(c.algorithm, locale)} · {t(`custody.${c.custody}`)}</dd>
    </dl>
  );

  const test = status.tsa.selfTest;
  return (
    <Card title={t("title")} id="services">
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="tsa-title" className="space-y-3" data-testid="tsa-status">
          <h3 id="tsa-title" className="font-semibold">{t("tsa")}</h3>
          {status.tsa.certificates.length === 0 ? <p className="text-sm">{t("noTsa")}</p> : status.tsa.certificates.map(certificate)}
          <p className="text-sm" data-testid="tsa-tokens" data-total={status.tsa.tokens.total}>
            {t("tokensIssued", { total: status.tsa.tokens.total, lastDay: status.tsa.tokens.lastDay })}
            {status.tsa.tokens.last ? ` ${t("lastToken", { at: when(status.tsa.tokens.last.genTime) })}` : ""}
          </p>
          <div className="rounded border border-slate-200 p-3 text-sm" data-testid="tsa-self-test" data-answered={test ? String(test.answered) : "skipped"} data-ok={test && test.answered ? String(test.ok) : "false"}>
            <p className="font-medium">{t("selfTest")}</p>
            {!test ? (
              <p>{t("selfTestSkipped")}</p>
            ) : test.answered ? (
              <>
                <p className={test.ok ? "text-green-900" : "font-medium text-red-800"}>
                  {test.ok ? t("answeredOk", { ms: test.elapsedMs }) : t("answeredInvalid", { ms: test.elapsedMs })}
                </p>
                <p>{t("genTime", { at: when(test.genTime) })}</p>
                {test.serialHex ? <p className="break-all text-xs text-slate-600">{t("tokenSerial", { serial: test.serialHex })}</p> : null}
                {test.failedChecks.length > 0 ? (
                  <ul className="list-disc pl-5 text-red-800">
                    {test.failedChecks.map((c) => <li key={c.id} data-check={c.id}>{c[lang]}</li>)}
                  </ul>
                ) : null}
              </>
            ) : (
              <p className="font-medium text-red-800">{t(`problems.${test.problem}`, { status: test.httpStatus ?? "—" })}</p>
            )}
            <p className="mt-1 text-xs text-slate-600">{t("selfTestHint")}</p>
          </div>
        </section>
        <section aria-labelledby="ocsp-title" className="space-y-3" data-testid="ocsp-status">
          <h3 id="ocsp-title" className="font-semibold">{t("ocsp")}</h3>
          {status.ocsp.certificates.length === 0 ? <p className="text-sm">{t("noOcsp")}</p> : status.ocsp.certificates.map(certificate)}
          <p className="text-sm">
            {status.ocsp.lastProducedAt ? `${t("responsesHeld", { count: status.ocsp.held, stale: status.ocsp.stale })} ${t("lastProduced", { at: when(status.ocsp.lastProducedAt) })}` : t("noneProduced")}
          </p>
          {status.ocsp.selfTest ? (
            <div className="rounded border border-slate-200 p-3 text-sm" data-testid="ocsp-self-test" data-ok={String(status.ocsp.selfTest.length > 0 && status.ocsp.selfTest.every((p) => p.answered && p.ok))}>
              <p className="font-medium">{t("selfTest")}</p>
              <ul className="space-y-1">
                {status.ocsp.selfTest.map((p, i) => (
                  <li key={`${p.issuer}-${i}`} data-issuer={p.issuer} data-ok={p.answered ? String(p.ok) : "false"} className={p.answered && p.ok ? "text-green-900" : "font-medium text-red-800"}>
                    {p.answered
                      ? p.ok
                        ? t("ocspOk", { issuer: p.issuer, signer: p.signer, ms: p.elapsedMs })
                        : t("ocspWrong", { issuer: p.issuer, signature: p.signatureValid ? t("signatureGood") : t("signatureBad"), status: p.certStatus ? t(`certStatus.${p.certStatus}`) : "—" })
                      : t(`ocspProblems.${p.problem}`, { issuer: p.issuer || "—", status: p.responseStatus ?? "—" })}
                  </li>
                ))}
              </ul>
              <p className="mt-1 text-xs text-slate-600">{t("ocspHint")}</p>
            </div>
          ) : null}
        </section>
      </div>
    </Card>
  );
}
