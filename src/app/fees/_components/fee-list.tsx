import { getTranslations } from "next-intl/server";
import { keyAlgorithmName } from "@/components/console/key-algorithm";
import type { FeeScheduleEntry } from "@/server/public/list-fee-schedule";

/** Each certificate type as a description list (not a wide table): it reads the same at 390 px as on a desktop. */
export async function FeeList({ profiles, locale }: { profiles: FeeScheduleEntry[]; locale: string }) {
  const t = await getTranslations("feesPage");
  return (
    <ul className="divide-y divide-slate-100">
      {profiles.map((p) => (
        <li key={p.code} className="py-4 first:pt-0 last:pb-0" data-testid="fee-entry" data-profile={p.code} data-fee-cents={p.feeCents}>
          <h3 className="flex flex-wrap items-baseline justify-between gap-2 font-semibold text-slate-900">
            <span>{locale === "en" ? p.nameEn : p.nameZh}</span>
            <span className="text-lg text-brand-900" data-testid="fee-amount">
              {p.feeCents === 0 ? t("free") : t("fee", { fee: (p.feeCents / 100).toFixed(2) })}
            </span>
          </h3>
          <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-600">{t("validity")}</dt>
            <dd>{t("validityDays", { days: p.validityDays })}</dd>
            <dt className="font-medium text-slate-600">{t("keys")}</dt>
            <dd>
              {t("keysBrowser")}
              {p.serverKeyGeneration ? <span className="block">{t("keysServer")}</span> : null}
              {p.keyAlgorithms.length > 0 ? <span className="block text-slate-600">{t("algorithms", { list: p.keyAlgorithms.map((a) => keyAlgorithmName(a, locale)).join(locale === "en" ? ", " : "、") })}</span> : null}
            </dd>
            <dt className="font-medium text-slate-600">{t("renewal")}</dt>
            <dd>
              {t("renewalWindow", { before: p.renewal.opensDaysBefore, after: p.renewal.closesDaysAfter })}
              {p.renewal.continuesValidity ? <span className="block">{t("renewalContinues")}</span> : null}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
