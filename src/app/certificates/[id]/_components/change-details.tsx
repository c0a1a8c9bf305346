import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requestChangeAction } from "@/app/certificates/change-actions";
import { AgreementRequirement } from "@/app/_components/agreement-requirement";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import type { Allowed } from "@/domain/certificate";
import type { ServiceContext } from "@/server/core";
import { agreementGate } from "@/server/agreement/agreement-gate";
import { CertificateActionForm } from "./certificate-action-form";

/**
 * "My details changed" (clause 1.1), and the change an objection resolved as CHANGE calls for
 * (clause 2.2): the certificate page's card, shown while the domain's `change` offer allows it or
 * a replacing application is under way (then it links there). The agreement is shown first when
 * the person has not accepted the version in force for an update (the use case checks again),
 * folded unless an objection ordered the change.
 * The mail of a CHANGE resolution links to this card (#change).
 */
export async function ChangeDetails({
  ctx,
  certificateId,
  change,
  ordered,
  openReplacement,
  onBehalfOfOrganisationId,
}: {
  ctx: ServiceContext;
  certificateId: string;
  change: Allowed;
  /** An objection of this certificate was resolved by CHANGE. */
  ordered: boolean;
  openReplacement: { id: string; mine: boolean } | null;
  onBehalfOfOrganisationId: string | null;
}) {
  if (!change.ok && !openReplacement) return null;
  const [t, refusal] = await Promise.all([getTranslations("certificatePage.changeDetails"), getTranslations("actionRefusal")]);
  const gate = change.ok ? await agreementGate(ctx, { context: "UPDATE", onBehalfOfOrganisationId }) : { accepted: true as const };
  return (
    <Card title={t("title")} id="change">
      <div className="space-y-3" data-testid="change-card">
        <p className="text-slate-700">{t("intro")}</p>
        {ordered && change.ok ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="change-ordered">
            {t("ordered")}
          </p>
        ) : null}
        {openReplacement ? (
          <p className="text-slate-700" data-testid="change-open">
            {t("open")}{" "}
            {openReplacement.mine ? (
              <Link href={`/applications/${openReplacement.id}`} className={buttonClass.link}>
                {t("openLink")}
              </Link>
            ) : null}
          </p>
        ) : !gate.accepted ? (
          // Folded: most holders never change their details, and the page already shows the agreement for downloads.
          <details className="space-y-2" open={ordered} data-testid="change-agreement">
            <summary className="cursor-pointer font-medium text-slate-800">{t("acceptFirst")}</summary>
            <AgreementRequirement ctx={ctx} gate={gate} context="UPDATE" onBehalfOfOrganisationId={onBehalfOfOrganisationId} testId="change-agreement-gate" />
          </details>
        ) : (
          <CertificateActionForm
            action={requestChangeAction}
            certificateId={certificateId}
            submitLabel={t("button")}
            pendingLabel={t("working")}
            doneLabel={t("working")}
            variant="primary"
            testId="change-form"
            unavailable={change.ok ? undefined : refusal(change.reason)}
          />
        )}
      </div>
    </Card>
  );
}
