import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import type { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { RenewalTerms } from "@/app/_components/renewal-terms";

type MyCertificate = Awaited<ReturnType<typeof getMyCertificate>>;
const DAY_MS = 86_400_000;

/**
 * The certificate page's renewal card (clause 4 / 7.5): the profile's window and, inside it, Renew
 * and Rekey (the renewal page, /certificates/[id]/renew?kind=...); before it, when it opens; after
 * it, that a new application is needed; for a certificate an update notice names, that it is due
 * by the notice's deadline. The answer is the read model's `can.renew`, the rule the
 * renewal use case enforces. Not shown while renewal is not in question yet (test window) or any
 * more (revoked, replaced), unless a replacement is under way.
 */
export async function RenewalCard({ certificate: c }: { certificate: MyCertificate }) {
  const [t, e, locale] = await Promise.all([getTranslations("renewalPage"), getTranslations("enums"), getLocale()]);
  const when = (d: Date) => formatDateTime(d, locale);
  const renew = c.can.renew;
  // Allowed without a window's end: an update notice asks for the replacement (the window is lifted).
  const state = c.openReplacement ? "in-progress" : renew.ok ? (renew.until ? "open" : "ordered") : renew.reason === "CERT_RENEWAL_TOO_EARLY" ? "too-early" : renew.reason === "CERT_RENEWAL_TOO_LATE" ? "too-late" : null;
  if (!state) return null;
  const { opensAt, closesAt } = c.renewalWindow;
  return (
    <Card title={t("cardTitle")} id="renewal">
      <div className="space-y-3" data-testid="renewal-card" data-state={state}>
        {state === "in-progress" && c.openReplacement ? (
          <p>
            {t("inProgress", { kind: e(`ApplicationKind.${c.openReplacement.kind}`) })}{" "}
            {c.openReplacement.mine ? (
              <Link href={`/applications/${c.openReplacement.id}`} className={buttonClass.link}>
                {t("viewApplication")}
              </Link>
            ) : null}
          </p>
        ) : null}
        {state === "open" ? <p data-testid="renewal-window">{t("windowOpen", { from: when(opensAt), until: when(closesAt) })}</p> : null}
        {state === "ordered" ? <p data-testid="renewal-window">{t("orderedByNotice")}</p> : null}
        {state === "too-early" ? <p data-testid="renewal-window">{t("windowTooEarly", { from: when(opensAt), days: Math.round((c.notAfter.getTime() - opensAt.getTime()) / DAY_MS) })}</p> : null}
        {state === "too-late" ? <p data-testid="renewal-window">{t("windowTooLate", { until: when(closesAt) })}</p> : null}
        {state === "open" && c.renewalWindow.continuesValidity && c.status !== "EXPIRED" ? <p className="text-sm text-slate-700">{t("continues")}</p> : null}
        {state === "open" || state === "ordered" ? <RenewalTerms terms={c.renewalTerms} /> : null}
        {state === "open" || state === "ordered" ? (
          <div className="flex flex-wrap gap-3">
            <Link href={`/certificates/${c.id}/renew?kind=renew`} className={buttonClass.primary} data-testid="renew-link">
              {t("renew")}
            </Link>
            {c.can.rekey.ok ? (
              <Link href={`/certificates/${c.id}/renew?kind=rekey`} className={buttonClass.secondary} data-testid="rekey-link">
                {t("rekey")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
