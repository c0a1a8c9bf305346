import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { formatDuration } from "@/app/ra/_components/duration";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDate, formatDateTime } from "@/i18n/format";
import { catalogLang } from "@/i18n/locales";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { listPendingAgentAuthorisations } from "@/server/organisation/list-pending-agent-authorisations";
import { LetterOutcome } from "./outcome";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("letterCheck"))("title") };
}

type Props = { searchParams: Promise<{ ok?: string; error?: string }> };

/** The RA officers' queue of agent authorisation letters to check, oldest first with how long each has waited. */
export default async function Page({ searchParams }: Props) {
  // Checked here too: a layout is not re-run on every navigation inside it, a page is.
  const user = await requireArea("ra");
  const [sp, t, e, locale, ctx] = await Promise.all([searchParams, getTranslations("letterCheck"), getTranslations("enums"), getLocale(), serviceContext(user)]);
  const queue = await listPendingAgentAuthorisations(ctx, {});
  const lang = catalogLang(locale);
  const sep = locale === "en" ? ", " : "、";

  return (
    <div className="space-y-6" data-testid="letter-queue">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="ra" current="/ra/authorisations" />
      <LetterOutcome ok={sp.ok} error={sp.error} />
      <Card title={t("queueTitle")} id="queue">
        {queue.length === 0 ? <p className="text-slate-700">{t("empty")}</p> : null}
        <ol className="divide-y divide-slate-100" data-testid="letter-queue-items">
          {queue.map((a) => (
            <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 py-4" data-authorisation={a.id} data-agent={a.agent.email}>
              <div className="min-w-0 space-y-1">
                <p className="font-medium">{a.organisation.name}</p>
                <p className="break-all text-sm text-slate-600">
                  {t("uscc")}: <span className="font-mono">{a.organisation.unifiedSocialCreditCode}</span>
                </p>
                <p className="break-all text-sm">
                  {t("agent")}: {a.agent.displayName ? `${a.agent.displayName} · ` : ""}
                  {a.agent.email}
                </p>
                <p className="text-sm">
                  {t("scope")}: {a.scope.map((s) => e(`AgentScope.${s}`)).join(sep)}
                </p>
                <p className="text-sm">
                  {t("validity")}: {t("validityRange", { from: formatDate(a.validFrom), until: formatDate(a.validUntil) })}
                </p>
                <p className="text-sm text-slate-700">
                  {t("submittedAt")}: {formatDateTime(a.createdAt, locale)} · {t("waiting")}{" "}
                  <span data-testid="waiting" data-waiting-ms={a.waitingMs}>
                    {formatDuration(a.waitingMs, lang)}
                  </span>
                </p>
              </div>
              <Link href={`/ra/authorisations/${a.id}`} className={buttonClass.smallPrimary} aria-label={t("open", { organisation: a.organisation.name, agent: a.agent.email })}>
                {t("openShort")}
              </Link>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
