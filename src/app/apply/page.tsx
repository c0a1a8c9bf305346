import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { ApplyWizard } from "@/components/portal/apply-wizard";
import { PageTitle } from "@/components/ui/page-title";
import { requireUser } from "@/server/auth/guards";
import { serviceContext } from "@/server/auth/service-context";
import { maxDocumentBytes } from "@/server/document/document-limits";
import { agreementLocaleOf, getAgreementText, listAgreementVersions } from "@/server/ui-queries/portal/agreement-versions";
import { listIndividualProfiles } from "@/server/ui-queries/portal/list-profiles";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("applyWizard"))("title") };
}

/** The apply wizard for a person applying for themselves (issue 6). */
export default async function ApplyPage() {
  const user = await requireUser();
  const [t, locale, messages, ctx] = await Promise.all([getTranslations("applyWizard"), getLocale(), getMessages(), serviceContext(user)]);
  const [profiles, versions] = await Promise.all([listIndividualProfiles(ctx, {}), listAgreementVersions(ctx, {})]);
  const current = versions.find((v) => v.current);
  const docLocale = agreementLocaleOf(locale);
  const text = current ? await getAgreementText(ctx, { version: current.version, locale: docLocale }) : null;
  return (
    <div>
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <NextIntlClientProvider messages={{ applyWizard: messages.applyWizard, enums: { IdDocumentType: (messages.enums as Record<string, unknown>).IdDocumentType } } as typeof messages}>
        <ApplyWizard
          profiles={profiles.map((p) => ({ code: p.code, name: locale === "en" ? p.nameEn : p.nameZh, feeCents: p.feeCents, validityDays: p.validityDays, usageScopes: p.usageScopes, serverKeyGeneration: p.serverKeyGeneration }))}
          agreement={text ? { version: text.version, contentHash: text.contentHash, locale: docLocale, document: text.document } : null}
          maxDocumentBytes={maxDocumentBytes()}
        />
      </NextIntlClientProvider>
    </div>
  );
}
