import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { ApplyWizard, type WizardProfile } from "./_components/apply-wizard";
import { PageTitle } from "@/components/ui/page-title";
import { formatDateTime } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { maxDocumentBytes } from "@/server/document/document-limits";
import { agreementLocaleOf, getAgreementText, listAgreementVersions } from "@/server/agreement/list-published-agreement-versions";
import { listApplyOrganisations } from "@/server/organisation/list-apply-organisations";
import { listProfiles } from "@/server/application/list-profiles";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("applyWizard"))("title") };
}

/** The apply wizard (issue 6): for oneself, or for an organisation the user may apply for. */
export default async function ApplyPage() {
  const user = await requireUser();
  const [t, locale, messages, ctx] = await Promise.all([getTranslations("applyWizard"), getLocale(), getMessages(), serviceContext(user)]);
  const [individual, organisational, mine, versions] = await Promise.all([
    listProfiles(ctx, { subjectType: "INDIVIDUAL" }),
    listProfiles(ctx, { subjectType: "ORGANISATION" }),
    listApplyOrganisations(ctx, {}),
    listAgreementVersions(ctx, {}),
  ]);
  const current = versions.find((v) => v.current);
  const docLocale = agreementLocaleOf(locale);
  const text = current ? await getAgreementText(ctx, { version: current.version, locale: docLocale }) : null;
  const view = (p: (typeof individual)[number]): WizardProfile => ({
    code: p.code,
    name: locale === "en" ? p.nameEn : p.nameZh,
    feeCents: p.feeCents,
    validityDays: p.validityDays,
    usageScopes: p.usageScopes,
    serverKeyGeneration: p.serverKeyGeneration,
    needsHolderName: p.needsHolderName,
    needsSealName: p.needsSealName,
    allowsDepartment: p.allowsDepartment,
    documents: p.documents,
  });
  const enums = messages.enums as Record<string, unknown>;
  return (
    <div>
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <NextIntlClientProvider messages={{ applyWizard: messages.applyWizard, usageScopeKind: messages.usageScopeKind, enums: { IdDocumentType: enums.IdDocumentType, DocumentKind: enums.DocumentKind } } as typeof messages}>
        <ApplyWizard
          profiles={individual.map(view)}
          organisationProfiles={organisational.map(view)}
          organisations={mine.organisations.map((o) => ({ ...o, validUntil: o.validUntil ? formatDateTime(o.validUntil, locale) : null }))}
          notYet={mine.notYet}
          agreement={text ? { version: text.version, contentHash: text.contentHash, locale: docLocale, document: text.document } : null}
          maxDocumentBytes={maxDocumentBytes()}
        />
      </NextIntlClientProvider>
    </div>
  );
}
