import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDate } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { listMyOrganisations } from "@/server/organisation/list-my-organisations";
import { Outcome } from "./_components/outcome";
import { RegisterOrganisationForm } from "./_components/register-form";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("organisations"))("title") };
}

type Props = { searchParams: Promise<{ ok?: string; error?: string }> };

/** A subscriber's organisations: those they belong to or act for, and the form to register a new one. */
export default async function OrganisationsPage({ searchParams }: Props) {
  const user = await requireUser();
  const [ctx, sp, t, e, locale] = await Promise.all([serviceContext(user), searchParams, getTranslations("organisations"), getTranslations("enums"), getLocale()]);
  const mine = await listMyOrganisations(ctx, {});
  const scopeList = (scope: string[]) => scope.map((s) => e(`AgentScope.${s}`)).join(locale === "en" ? ", " : "、");
  const usccErrors = Object.fromEntries(["USCC_FORMAT", "USCC_CHARSET", "USCC_REGION", "USCC_CHECKSUM", "USCC_ORG_CODE_CHECKSUM"].map((c) => [c, t(`usccErrors.${c}`)]));

  return (
    <div className="space-y-6" data-testid="organisations-page">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Outcome ok={sp.ok} error={sp.error} />

      <Card title={t("myTitle")} id="mine">
        {mine.memberships.length === 0 && mine.agentFor.length === 0 ? <p className="text-slate-700">{t("none")}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="my-organisations">
          {mine.memberships.map((m) => (
            <li key={`m-${m.id}`} className="flex flex-wrap items-center justify-between gap-2 py-3" data-role={m.role}>
              <span className="min-w-0">
                <span className="block font-medium">{m.name}</span>
                <span className="block break-all text-sm text-slate-600">
                  {t("uscc")}: <span className="font-mono">{m.unifiedSocialCreditCode}</span> · {t("myRole")}: {e(`OrganisationRole.${m.role}`)}
                </span>
              </span>
              {m.role === "ADMIN" ? (
                <Link href={`/organisations/${m.id}`} className={buttonClass.smallSecondary} aria-label={t("manage", { name: m.name })}>
                  {t("manageShort")}
                </Link>
              ) : null}
            </li>
          ))}
          {mine.agentFor.map((a) => (
            <li key={`a-${a.authorisationId}`} className="py-3" data-role="AGENT">
              <span className="block font-medium">{a.name}</span>
              <span className="block break-all text-sm text-slate-600">
                {t("uscc")}: <span className="font-mono">{a.unifiedSocialCreditCode}</span> · {t("myRole")}: {t("asAgent")}
              </span>
              <span className="block text-sm text-slate-700">{t("agentFor", { scope: scopeList(a.scope), from: formatDate(a.validFrom), until: formatDate(a.validUntil) })}</span>
            </li>
          ))}
        </ul>
      </Card>

      {mine.awaitingCheck.length > 0 ? (
        <Card title={t("awaitingTitle")} id="awaiting">
          <p className="mb-2 text-slate-700">{t("awaitingHint")}</p>
          <ul className="divide-y divide-slate-100" data-testid="awaiting-check">
            {mine.awaitingCheck.map((a) => (
              <li key={a.authorisationId} className="py-3">
                <span className="block font-medium">{a.name}</span>
                <span className="block text-sm text-slate-700">{t("agentFor", { scope: scopeList(a.scope), from: formatDate(a.validFrom), until: formatDate(a.validUntil) })}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card title={t("registerTitle")} id="register">
        <p className="mb-4 text-slate-700">{t("registerIntro")}</p>
        <RegisterOrganisationForm
          labels={{
            name: t("name"),
            nameEn: t("nameEn"),
            uscc: t("uscc"),
            usccHint: t("usccHint"),
            usccOk: t("usccOk"),
            usccErrors,
            legalRepresentative: t("legalRepresentative"),
            address: t("address"),
            phone: t("phone"),
            submit: t("register"),
            pending: t("working"),
          }}
        />
      </Card>
    </div>
  );
}
