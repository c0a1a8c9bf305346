import { getLocale, getTranslations } from "next-intl/server";
import type { PaymentAccount } from "@/config/settings";
import { formatYuan } from "@/i18n/format";

/**
 * How to pay a fee by bank transfer (issue 15): the configured account and, for one application,
 * the reference to quote and the amount. The account details are machine text a person copies,
 * so they are in <code>. Without `reference` (the fee schedule) it says where the reference is found.
 */
export async function PaymentInstructions({ account, reference, feeCents }: { account: PaymentAccount; reference?: string; feeCents?: number }) {
  const [t, locale] = await Promise.all([getTranslations("waitingSteps.payment"), getLocale()]);
  const row = (label: string, value: string, testId: string) => (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd>
        <code className="break-all" data-testid={testId}>
          {value}
        </code>
      </dd>
    </>
  );
  return (
    <div className="space-y-3 text-sm text-slate-800" data-testid="payment-instructions">
      <p>{feeCents !== undefined ? t("intro", { fee: formatYuan(feeCents, locale) }) : t("feesIntro")}</p>
      <h3 className="font-semibold">{t("transfer")}</h3>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {row(t("accountName"), account.accountName, "payment-account-name")}
        {row(t("bankName"), account.bankName, "payment-bank-name")}
        {row(t("accountNumber"), account.accountNumber, "payment-account-number")}
        {reference ? row(t("reference"), reference, "payment-reference") : null}
      </dl>
      {reference ? <p>{t("referenceHint")}</p> : null}
      <p>{t("counter")}</p>
    </div>
  );
}
