import { getLocale, getTranslations } from "next-intl/server";
import { formatDate, formatYuan } from "@/i18n/format";
import type { RenewalTerms as Terms } from "@/domain/certificate";

/**
 * What a renewal costs and gives, said before the subscriber or agent commits (issue 15): the
 * profile's fee in yuan (or that it is free) and the new certificate's validity, counted from
 * issuance, with the day it would end if issued today (read model: getMyCertificate's renewalTerms).
 */
export async function RenewalTerms({ terms, compact = false }: { terms: Terms; compact?: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("renewalTerms"), getLocale()]);
  const fee = terms.feeCents > 0 ? t("fee", { amount: formatYuan(terms.feeCents, locale) }) : t("free");
  const validity = terms.carriedOverDays > 0
    ? t("validityCarried", { days: terms.validityDays, carried: terms.carriedOverDays, date: formatDate(terms.endsAboutAt) })
    : t("validity", { days: terms.validityDays, date: formatDate(terms.endsAboutAt) });
  if (compact) {
    return (
      <span className="block text-sm text-slate-700" data-testid="renewal-terms" data-fee-cents={terms.feeCents} data-validity-days={terms.validityDays}>
        {fee} · {validity}
      </span>
    );
  }
  return (
    <dl className="grid gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm sm:grid-cols-[max-content_1fr]" data-testid="renewal-terms" data-fee-cents={terms.feeCents} data-validity-days={terms.validityDays}>
      <dt className="font-medium text-slate-600">{t("feeLabel")}</dt>
      <dd data-testid="renewal-fee">{fee}</dd>
      <dt className="font-medium text-slate-600">{t("validityLabel")}</dt>
      <dd data-testid="renewal-validity">{validity}</dd>
    </dl>
  );
}
