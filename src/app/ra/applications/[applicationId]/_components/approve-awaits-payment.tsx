import { getTranslations } from "next-intl/server";
import { transferReference } from "@/domain/application";

/**
 * Why the officer is not offered "通过" (issue 15): the profile has a fee and review follows the
 * recorded payment (allowedApplicationActions' approve, the rule the approve use case enforces),
 * with the reference the applicant was told to quote on the transfer, to match the payment.
 */
export async function ApproveAwaitsPayment({ applicationId, reason }: { applicationId: string; reason: string }) {
  const t = await getTranslations("waitingSteps.payment");
  return (
    <div className="space-y-2 text-sm text-slate-700" data-testid="approve-awaits-payment">
      <p>{reason}</p>
      <p>
        {t("reference")}: <code data-testid="approve-awaits-payment-reference">{transferReference(applicationId)}</code>
      </p>
    </div>
  );
}
