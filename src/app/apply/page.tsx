import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { ApplyWizard, type WizardProfile } from "./_components/apply-wizard";
import { PageTitle } from "@/components/ui/page-title";
import { formatDateTime } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { maxDocumentBytes } from "@/server/document/document-limits";
import { agreementLocaleOf, getAgreementText, listAgreementVersions } from "@/server/agreement/list-published-agreement-versions";
import { agreementGate } from "@/server/agreement/agreement-gate";
import { listApplyOrganisations } from "@/server/organisation/list-apply-organisations";
import { listProfiles } from "@/server/application/list-profiles";
import { getDraftForWizard } from "@/server/application/get-draft-for-wizard";
import { listMyDrafts } from "@/server/application/list-my-drafts";
import { isApplyWizardStep, openStep } from "@/domain/application";
import { isDomainError } from "@/server/core";
import { redirect } from "next/navigation";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("applyWizard"))("title") };
}

/** The apply wizard (issue 6): for oneself, or for an organisation the user may apply for. */
export default async function ApplyPage({ searchParams }: { searchParams: Promise<{ draft?: string | string[]; step?: string | string[] }> }) {
  const user = await requireUser();
  // The step is in the URL (?draft=<id>&step=<step>): Back/Forward/refresh and a reopened tab land where the applicant was.
  const query = await searchParams;
  const draftId = typeof query.draft === "string" ? query.draft : null;
  const askedStep = typeof query.step === "string" && isApplyWizardStep(query.step) ? query.step : null;
  const [t, locale, messages, ctx] = await Promise.all([getTranslations("applyWizard"), getLocale(), getMessages(), serviceContext(user)]);
  const [individual, organisational, mine, versions, drafts, draft] = await Promise.all([
    listProfiles(ctx, { subjectType: "INDIVIDUAL" }),
    listProfiles(ctx, { subjectType: "ORGANISATION" }),
    listApplyOrganisations(ctx, {}),
    listAgreementVersions(ctx, {}),
    listMyDrafts(ctx, {}),
    draftId ? loadDraft(ctx, draftId) : null,
  ]);
  // Submitted (or withdrawn) meanwhile, e.g. from another tab: the wizard is over, the application page says where it stands.
  if (draftId && draft === "not-a-draft") redirect(`/applications/${draftId}`);
  const resumed = draft && draft !== "not-a-draft" && draft !== "unknown" ? draft : null;
  const current = versions.find((v) => v.current);
  const docLocale = agreementLocaleOf(locale);
  const text = current ? await getAgreementText(ctx, { version: current.version, locale: docLocale }) : null;
  // One acceptance rule: whom the version in force already covers (the person, each organisation), so the wizard does not ask again.
  const covered = text ? await Promise.all([null, ...mine.organisations.map((o) => o.id)].map((org) => agreementGate(ctx, { context: "APPLY", onBehalfOfOrganisationId: org }))) : [];
  const view = (p: (typeof individual)[number]): WizardProfile => ({
    code: p.code,
    name: locale === "en" ? p.nameEn : p.nameZh,
    feeCents: p.feeCents,
    validityDays: p.validityDays,
    usageScopes: p.usageScopes,
    serverKeyGeneration: p.serverKeyGeneration,
    needsHolderName: p.needsHolderName,
    needsSealName: p.needsSealName,
    needsUsageScope: p.needsUsageScope,
    allowsDepartment: p.allowsDepartment,
    documents: p.documents,
    keyAlgorithms: p.keyAlgorithms,
  });
  const enums = messages.enums as Record<string, unknown>;
  return (
    <div>
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <NextIntlClientProvider messages={{ applyWizard: messages.applyWizard, agreementReader: messages.agreementReader, usageScopeKind: messages.usageScopeKind, enums: { IdDocumentType: enums.IdDocumentType, DocumentKind: enums.DocumentKind } } as typeof messages}>
        <ApplyWizard
          profiles={individual.map(view)}
          organisationProfiles={organisational.map(view)}
          organisations={mine.organisations.map((o) => ({ ...o, validUntil: o.validUntil ? formatDateTime(o.validUntil, locale) : null }))}
          notYet={mine.notYet}
          agreement={
            text
              ? { version: text.version, contentHash: text.contentHash, locale: docLocale, document: text.document, acceptedBySelf: covered[0]?.accepted === true, acceptedForOrganisations: mine.organisations.filter((_, i) => covered[i + 1]?.accepted).map((o) => o.id) }
              : null
          }
          maxDocumentBytes={maxDocumentBytes()}
          draft={resumed}
          draftUnknown={draft === "unknown"}
          initialStep={resumed ? openStep(askedStep, resumed.progress) : "profile"}
          otherDrafts={drafts.filter((d) => d.id !== resumed?.id).map((d) => ({ id: d.id, profileCode: d.profile.code, organisationId: d.organisationId, resumeAt: d.resumeAt }))}
          signUpName={user.displayName ?? ""}
        />
      </NextIntlClientProvider>
    </div>
  );
}

/**
 * The draft the URL names: "unknown" when the reader may not open it (no such id, someone else's,
 * an organisation's draft after the agent's authorisation lapsed), so nothing about it shows and
 * the page does not end on the error page (every refusal is a DomainError).
 */
async function loadDraft(ctx: Awaited<ReturnType<typeof serviceContext>>, id: string) {
  try {
    return (await getDraftForWizard(ctx, { applicationId: id })) ?? "not-a-draft";
  } catch (e) {
    if (isDomainError(e)) return "unknown" as const;
    throw e;
  }
}
