import { getLocale, getTranslations } from "next-intl/server";
import { AgreementGate } from "@/app/_components/agreement-gate";
import { AgreementChanges } from "@/app/agreement/_components/agreement-changes";
import { diffAgreements } from "@/domain/agreement";
import type { ServiceContext } from "@/server/core";
import type { agreementGate } from "@/server/agreement/agreement-gate";
import { agreementLocaleOf, getAgreementText } from "@/server/agreement/list-published-agreement-versions";

type Gate = Awaited<ReturnType<typeof agreementGate>>;

/**
 * What a page shows before an action when the subject is not covered by the one acceptance rule:
 * why (never accepted, or which version was accepted and which is in force now, with what changed
 * between them), then the reader to accept the version in force. Nothing when covered, so the
 * same version is never asked for twice. `gate` is the page's agreementGate answer (the page also
 * uses it to hold back the action).
 */
export async function AgreementRequirement({
  ctx,
  gate,
  context,
  onBehalfOfOrganisationId,
  acceptLabel,
  testId,
}: {
  ctx: ServiceContext;
  gate: Gate | { accepted: true };
  context: "DOWNLOAD" | "RENEW" | "UPDATE" | "USE";
  onBehalfOfOrganisationId?: string | null;
  /** The accept button's words when the page has its own (e.g. "accept for the organisation"). */
  acceptLabel?: string;
  testId?: string;
}) {
  if (gate.accepted) return null;
  const [t, tp, locale] = await Promise.all([getTranslations("agreementReader"), getTranslations("agreementPage"), getLocale()]);
  const docLocale = agreementLocaleOf(locale);
  const [text, before] = await Promise.all([
    getAgreementText(ctx, { version: gate.inForce, locale: docLocale }),
    gate.acceptedVersion ? getAgreementText(ctx, { version: gate.acceptedVersion, locale: docLocale }) : Promise.resolve(null),
  ]);
  if (!text) return null;
  const forOrganisation = Boolean(onBehalfOfOrganisationId);
  const changes = before ? diffAgreements(before.document, text.document) : null;
  const changeLabels = {
    added: (n: string) => tp("changeAdded", { number: n }),
    removed: (n: string) => tp("changeRemoved", { number: n }),
    changed: (n: string) => tp("changeChanged", { number: n }),
    heading: (n: string) => tp("changeHeading", { number: n }),
    title: tp("changeTitle"),
    notice: tp("changeNotice"),
    before: tp("before"),
    after: tp("after"),
    emphasisChanged: tp("emphasisChanged"),
    limitsLiability: t("liability"),
  };
  return (
    <div className="space-y-4" data-testid="agreement-requirement" data-accepted-version={gate.acceptedVersion ?? ""} data-in-force={gate.inForce}>
      {gate.acceptedVersion ? (
        <>
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="agreement-version-changed">
            {t(forOrganisation ? "changedOrganisation" : "changed", { accepted: gate.acceptedVersion, inForce: gate.inForce })}
          </p>
          {changes ? (
            <details open className="rounded-md border border-slate-200 p-3">
              <summary className="cursor-pointer font-medium text-slate-900">{t("changesTitle", { accepted: gate.acceptedVersion, inForce: gate.inForce })}</summary>
              <div className="mt-3">{changes.length === 0 ? <p>{t("noChanges")}</p> : <AgreementChanges changes={changes} labels={changeLabels} />}</div>
            </details>
          ) : null}
        </>
      ) : (
        <p className="text-slate-800" data-testid="agreement-never-accepted">
          {t(forOrganisation ? "neverOrganisation" : "never", { inForce: gate.inForce })}
        </p>
      )}
      {!gate.mayAccept ? (
        <p className="rounded-md border border-slate-300 bg-slate-50 p-3 text-slate-800" data-testid="agreement-organisation-must-accept">
          {t("organisationMustAccept", { inForce: gate.inForce })}
        </p>
      ) : (
      <AgreementGate
        agreement={{ version: text.version, contentHash: text.contentHash, locale: docLocale, document: text.document }}
        context={context}
        {...(onBehalfOfOrganisationId ? { onBehalfOfOrganisationId } : {})}
        {...(testId ? { testId } : {})}
        labels={{
          text: t("text"),
          liability: t("liability"),
          read: t(forOrganisation ? "readOrganisation" : "read", { version: text.version }),
          accept: acceptLabel ?? t("accept"),
          working: t("working"),
          scrollToEnd: t("scrollToEnd"),
        }}
      />
      )}
    </div>
  );
}
