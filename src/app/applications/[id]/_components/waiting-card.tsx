import { getTranslations } from "next-intl/server";
import type { PaymentAccount } from "@/config/settings";
import type { NextStep } from "@/domain/application";
import { Card } from "@/components/ui/card";
import { NextStepLine } from "@/components/portal/next-step";
import { PaymentInstructions } from "@/components/portal/payment-instructions";

/**
 * The application page's "接下来" (issue 15): the next step and who acts, and while a fee is due
 * how to pay it by bank transfer, with the reference to quote (anchor #payment, where the
 * dashboard's "查看付款方式" lands). Drafts and questions have their own editor and notice.
 */
export async function WaitingCard({ applicationId, next, payment, feeCents }: { applicationId: string; next: NextStep | null; payment: (PaymentAccount & { reference: string }) | null; feeCents: number }) {
  if (!next && !payment) return null;
  const [t, tp] = await Promise.all([getTranslations("waitingSteps"), getTranslations("waitingSteps.payment")]);
  // The page itself is where the draft and the question are dealt with: no link back to it.
  const onThisPage = next?.step === "CONTINUE_DRAFT" || next?.step === "ANSWER_RA" || next?.step === "PAY_FEE" || next?.step === "SET_PKCS12_PASSWORD";
  return (
    <Card title={t("title")} id="next-step">
      <div className="space-y-4">
        {next ? <NextStepLine next={next} applicationId={applicationId} hideAction={onThisPage} /> : null}
        {payment ? (
          <section aria-labelledby="payment-title" id="payment" className="rounded-md border border-slate-200 p-4">
            <h3 id="payment-title" className="mb-2 font-semibold text-slate-900">
              {tp("title")}
            </h3>
            <PaymentInstructions account={payment} reference={payment.reference} feeCents={feeCents} />
          </section>
        ) : null}
      </div>
    </Card>
  );
}
