import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import type { Allowed } from "@/domain/certificate";

/**
 * One dashboard row's renewal line, for a certificate inside its profile's renewal window or named by an update notice (the
 * read model's `can.renew`, the rule the renewal use case enforces): until when, and the way in.
 */
export async function RenewalLink({ certificateId, renew }: { certificateId: string; renew: Allowed }) {
  if (!renew.ok) return null;
  const [t, locale] = await Promise.all([getTranslations("renewalPage"), getLocale()]);
  // Without an end the window was lifted by an update notice: renewal is due by the notice's deadline.
  return (
    <p className="text-sm text-slate-700" data-testid="certificate-renewal" data-until={renew.until?.toISOString() ?? ""}>
      {renew.until ? t("dashboardUntil", { date: formatDateTime(renew.until, locale) }) : t("orderedByNotice")} ·{" "}
      <Link href={`/certificates/${certificateId}/renew`} className={buttonClass.link}>
        {t("renew")}
      </Link>
    </p>
  );
}
