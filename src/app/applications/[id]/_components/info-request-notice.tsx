import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/i18n/format";

/**
 * The officer's question of the latest "more information" round, shown above everything else
 * while the application waits for the applicant; after resubmission, the answer given with it.
 * The question is the RA's (its name), not the officer's: the applicant deals with the authority.
 */
export async function InfoRequestNotice({ round, raName, waiting }: { round: { question: string; askedAt: Date; answer: string | null; answeredAt: Date | null }; raName: string | null; waiting: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("applicationPage.infoRequest"), getLocale()]);
  const at = formatDateTime(round.askedAt, locale);
  return (
    <section
      aria-labelledby="info-request-title"
      data-testid="info-request"
      className={`rounded-lg border-2 px-4 py-4 ${waiting ? "border-amber-500 bg-amber-50 text-amber-950" : "border-slate-200 bg-white text-slate-900"}`}
    >
      <h2 id="info-request-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm">{raName ? t("askedBy", { ra: raName, at }) : t("askedByRa", { at })}</p>
      <blockquote className="mt-2 whitespace-pre-wrap break-words border-l-4 border-amber-600 pl-3 text-base font-medium" data-testid="info-request-question">
        {round.question}
      </blockquote>
      {waiting ? <p className="mt-3 text-sm">{t("howTo")}</p> : null}
      {!waiting && round.answer !== null && round.answeredAt ? (
        <div className="mt-3 text-sm">
          <p className="font-medium">{t("yourAnswer", { at: formatDateTime(round.answeredAt, locale) })}</p>
          <p className="whitespace-pre-wrap break-words" data-testid="info-request-answer">
            {round.answer}
          </p>
        </div>
      ) : null}
    </section>
  );
}
