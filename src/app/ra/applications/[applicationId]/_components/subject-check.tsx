import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import type { PossibleDuplicate, SubjectApplication, SubjectCertificate, SubjectHistory as History } from "@/server/ra/get-application-review";

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/** One application, as both lists show it: kind and state, the name it rests on, who applied, from which account. */
function ApplicationLine({ a, t, e, locale }: { a: SubjectApplication; t: Translate; e: Translate; locale: string }) {
  const label = t("application", { kind: e(`ApplicationKind.${a.kind}`) });
  return (
    <>
      {a.href ? <Link href={a.href} className={buttonClass.link}>{label}</Link> : <span>{label} {t("otherRa")}</span>}
      {" · "}{e(`ApplicationStatus.${a.status}`)}
      {a.subjectName ? <> · <span data-testid="subject-name">{a.subjectName}</span></> : null}
      {a.nameDiffers ? <> · <strong data-testid="name-differs">{t("nameDiffers")}</strong></> : null}
      {" · "}<span className="break-all">{a.applicantEmail}</span>
      {a.otherAccount ? <> · <strong>{t("otherAccount")}</strong></> : null}
      {" · "}{t("createdAt", { at: formatDateTime(a.createdAt, locale) })}
      {a.decisionReason ? <> · <span data-testid="decision-reason">{a.decisionReason}</span></> : null}
    </>
  );
}

function CertificateLine({ c, t, e, locale }: { c: SubjectCertificate; t: Translate; e: Translate; locale: string }) {
  return (
    <>
      <Link href={c.href} className={buttonClass.link}>{t("certificate", { serial: c.serialHex })}</Link>
      {" · "}{c.subjectDn}
      {" · "}{e(`CertificateStatus.${c.status}`)}
      {c.revocationReason ? ` (${e(`RevocationReason.${c.revocationReason}`)})` : ""}
      {" · "}{t("validUntil", { at: formatDateTime(c.notAfter, locale) })}
      {c.otherAccount && c.applicantEmail ? <> · <strong>{t("otherAccount")}</strong> · {c.applicantEmail}</> : null}
    </>
  );
}

/**
 * Possible duplicates (applicationReview's `duplicates`): what else carries the same identity
 * number or the same key, each with why it matched. A warning panel, not an alert: the officer
 * weighs it, nothing failed.
 */
export async function PossibleDuplicates({ duplicates, identityMatched }: { duplicates: PossibleDuplicate[]; identityMatched: boolean }) {
  const [t, e, locale] = await Promise.all([getTranslations("console.review.subjectCheck"), getTranslations("enums"), getLocale()]);
  return (
    <Card title={t("duplicatesTitle")}>
      <div data-testid="possible-duplicates" data-count={duplicates.length} className={duplicates.length > 0 ? "rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" : "text-sm"}>
        <p className="mb-2 text-slate-700">{t("duplicatesIntro")}</p>
        {!identityMatched ? <p className="mb-2" data-testid="identity-not-matchable">{t("notMatchable")}</p> : null}
        {duplicates.length === 0 ? <p data-testid="no-duplicates">{t("noDuplicates")}</p> : null}
        <ul className="space-y-2">
          {duplicates.map((d) => (
            <li key={`${d.type}-${d.id}`} className="break-words" data-testid="duplicate" data-type={d.type} data-id={d.id} data-match={d.matchedBy.join(" ")} data-status={d.status}>
              <span className="font-semibold">{d.matchedBy.map((m) => t(`match.${m}`)).join("、")}</span>
              {"："}
              {d.type === "application" ? <ApplicationLine a={d} t={t} e={e} locale={locale} /> : <CertificateLine c={d} t={t} e={e} locale={locale} />}
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}

/** The subject's history (applicationReview's `history`): earlier applications and certificates across accounts, bounded. */
export async function SubjectHistory({ history }: { history: History }) {
  const [t, r, e, locale] = await Promise.all([getTranslations("console.review.subjectCheck"), getTranslations("console.review"), getTranslations("enums"), getLocale()]);
  return (
    <Card title={r("history")}>
      <p className="mb-3 text-sm text-slate-700">{t("historyIntro")}</p>
      <h3 className="mb-2 font-semibold">{r("earlierApplications")}</h3>
      {history.applications.length === 0 ? <p className="text-sm text-slate-700">{r("none")}</p> : null}
      <ul className="mb-2 space-y-1 text-sm" data-testid="subject-applications">
        {history.applications.map((a) => (
          <li key={a.id} className="break-words" data-id={a.id} data-status={a.status} data-other-account={String(a.otherAccount)}>
            <ApplicationLine a={a} t={t} e={e} locale={locale} />
          </li>
        ))}
      </ul>
      {history.moreApplications > 0 ? <p className="mb-2 text-sm text-slate-700" data-testid="more-applications">{t("moreApplications", { count: history.moreApplications })}</p> : null}
      <h3 className="mb-2 mt-4 font-semibold">{r("certificates")}</h3>
      {history.certificates.length === 0 ? <p className="text-sm text-slate-700">{r("none")}</p> : null}
      <ul className="space-y-1 text-sm" data-testid="subscriber-certificates">
        {history.certificates.map((c) => (
          <li key={c.id} className="break-all" data-id={c.id} data-status={c.status} data-other-account={String(c.otherAccount)}>
            <CertificateLine c={c} t={t} e={e} locale={locale} />
          </li>
        ))}
      </ul>
      {history.moreCertificates > 0 ? <p className="mt-2 text-sm text-slate-700" data-testid="more-certificates">{t("moreCertificates", { count: history.moreCertificates })}</p> : null}
    </Card>
  );
}
