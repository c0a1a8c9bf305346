import { getTranslations } from "next-intl/server";
import { parsePaymentReference } from "@/domain/application";
import { formatDateTime, formatYuan } from "@/i18n/format";

/**
 * The recorded payment as an officer reads it: method label, amount in yuan and the reference
 * (in <code>: it is copied into bank queries), never the stored "BANK_TRANSFER:30000:TX…" form.
 * A reference not in that form (older rows) is shown whole as machine text.
 */
export async function PaymentLine({ payment, locale }: { payment: { reference: string | null; recordedAt: Date }; locale: string }) {
  const [t, e] = await Promise.all([getTranslations("console.review"), getTranslations("enums")]);
  const parsed = parsePaymentReference(payment.reference);
  const at = formatDateTime(payment.recordedAt, locale);
  return (
    <div className="text-xs text-slate-600" data-testid="payment-line" data-method={parsed?.method}>
      {parsed
        ? t.rich("paymentReceived", { method: e(`PaymentMethod.${parsed.method}`), amount: formatYuan(parsed.amountCents, locale), at, reference: () => <code className="break-all">{parsed.reference}</code> })
        : t.rich("paymentLine", { at, reference: () => <code className="break-all">{payment.reference ?? "—"}</code> })}
    </div>
  );
}
