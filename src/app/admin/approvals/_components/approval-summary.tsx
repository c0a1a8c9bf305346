import { getLocale, getTranslations } from "next-intl/server";
import type { ApprovalSummary } from "@/server/approval";
import { formatDateTime } from "@/i18n/format";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** What will happen, in words: the facts the requester saw and each change before and after. */
export async function ApprovalSummaryList({ summary }: { summary: ApprovalSummary }) {
  const [locale, t, e] = await Promise.all([getLocale(), getTranslations("console.approvals"), getTranslations("enums")]);
  const show = (v: string | number | boolean | null): string => {
    if (v === null || v === "") return "—";
    if (typeof v === "boolean") return v ? t("yes") : t("no");
    if (typeof v === "string" && ISO.test(v)) return formatDateTime(v, locale);
    for (const en of ["CaRevocationGround", "RevocationReason", "CertificateStatus", "RegistrationAuthorityStatus"]) if (typeof v === "string" && e.has(`${en}.${v}`)) return e(`${en}.${v}`);
    return String(v);
  };
  const label = (k: string) => (t.has(`fields.${k}`) ? t(`fields.${k}`) : k);
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]" data-testid="approval-summary">
      {Object.entries(summary.facts).map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium">{label(k)}</dt>
          <dd className="break-all">{show(v)}</dd>
        </div>
      ))}
      {Object.entries(summary.changes ?? {}).map(([k, c]) => (
        <div key={k} className="contents">
          <dt className="font-medium">{label(k)}</dt>
          <dd className="break-all">{t("change", { from: show(c.from), to: show(c.to) })}</dd>
        </div>
      ))}
    </dl>
  );
}
