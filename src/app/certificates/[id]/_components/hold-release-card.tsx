import { getLocale, getTranslations } from "next-intl/server";
import { requestHoldReleaseAction } from "@/app/certificates/hold-and-key-actions";
import { isOpenRequest } from "@/domain/revocation";
import { formatDateTime } from "@/i18n/format";
import type { listRevocationRequests } from "@/server/revocation/list-revocation-requests";
import { Card } from "@/components/ui/card";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { CertificateActionForm } from "./certificate-action-form";

/**
 * Clause 1.4, the lost key found again: the holder of a suspended certificate asks for the hold to
 * be lifted with a declaration (how the key was found; nobody else had it). The page shows this
 * card while the certificate state allows a release (can.releaseHold); an open request is shown
 * pending instead of the form, since only the RA officer's decision lifts the hold.
 */
type RequestView = Awaited<ReturnType<typeof listRevocationRequests>>[number];

export async function HoldReleaseCard({ certificateId, requests }: { certificateId: string; requests: RequestView[] }) {
  const [t, locale] = await Promise.all([getTranslations("certificatePage"), getLocale()]);
  const pending = requests.find((r) => r.kind === "HOLD_RELEASE" && isOpenRequest(r));
  return (
    <Card title={t("holdRelease.title")} id="hold-release">
      <p className="mb-3 text-slate-700">{t("holdRelease.intro")}</p>
      {pending ? (
        <div role="status" data-testid="hold-release-pending" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
          <p>{t("holdRelease.pending", { at: formatDateTime(pending.times.receivedAt, locale, { seconds: true }) })}</p>
          <a href={`/certificates/${certificateId}/receipt/${pending.id}`} className={buttonClass.link} download>
            {t("receipt")}
          </a>
        </div>
      ) : (
        <CertificateActionForm action={requestHoldReleaseAction} certificateId={certificateId} submitLabel={t("holdRelease.button")} pendingLabel={t("working")} doneLabel={t("holdRelease.done")} receiptLabel={t("receipt")} testId="hold-release-form">
          <label htmlFor="hold-release-note" className="block font-medium">
            {t("holdRelease.keyFoundHow")}
          </label>
          <textarea id="hold-release-note" name="note" required rows={3} maxLength={2000} className={inputClass} />
          <label className="flex items-start gap-2">
            <input type="checkbox" name="keyNotShared" value="yes" required className="mt-1" />
            <span>{t("holdRelease.keyNotShared")}</span>
          </label>
        </CertificateActionForm>
      )}
    </Card>
  );
}
