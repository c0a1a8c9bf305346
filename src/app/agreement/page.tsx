import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { diffAgreements } from "@/domain/agreement";
import { AgreementChanges } from "./_components/agreement-changes";
import { AgreementRequirement } from "@/app/_components/agreement-requirement";
import { AgreementDocumentView } from "@/components/portal/agreement-document";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { serviceContext } from "@/server/web/service-context";
import { getSessionUser } from "@/server/web/session";
import { agreementGate } from "@/server/agreement/agreement-gate";
import { isCustomer } from "@/server/auth";
import { agreementLocaleOf, getAgreementText, listAgreementVersions } from "@/server/agreement/list-published-agreement-versions";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("agreementPage"))("title") };
}

type Search = Promise<{ version?: string; from?: string; to?: string }>;

const asVersion = (v: string | undefined) => (v && /^\d{1,6}$/.test(v) ? Number(v) : undefined);

/** The public agreement page: the version in force (or one asked for), all versions, and a comparison. */
export default async function AgreementPage({ searchParams }: { searchParams: Search }) {
  const [t, locale, sp, user] = await Promise.all([getTranslations("agreementPage"), getLocale(), searchParams, getSessionUser()]);
  const ctx = await serviceContext(user);
  const versions = await listAgreementVersions(ctx, {});
  const docLocale = agreementLocaleOf(locale);
  if (versions.length === 0) {
    return (
      <div>
        <PageTitle>{t("title")}</PageTitle>
        <Alert tone="info">{t("none")}</Alert>
      </div>
    );
  }
  const current = versions.find((v) => v.current) ?? versions[versions.length - 1]!;
  const shown = asVersion(sp.version) ?? current.version;
  const text = await getAgreementText(ctx, { version: shown, locale: docLocale });
  const meta = versions.find((v) => v.version === shown);
  // A signed-in person who has not accepted the version in force reads it here in the same reader,
  // with the accept bar (recorded as context USE); everyone else, staff included (the agreement is
  // the subscribers' contract), reads it without one.
  const gate = user && isCustomer(user) && meta?.current ? await agreementGate(ctx, { context: "USE" }) : null;

  const from = asVersion(sp.from);
  const to = asVersion(sp.to);
  let comparison: { from: number; to: number; changes: ReturnType<typeof diffAgreements> } | null = null;
  if (from !== undefined && to !== undefined) {
    const [a, b] = await Promise.all([getAgreementText(ctx, { version: from, locale: docLocale }), getAgreementText(ctx, { version: to, locale: docLocale })]);
    if (a && b) comparison = { from, to, changes: diffAgreements(a.document, b.document) };
  }

  const labels = {
    added: (n: string) => t("changeAdded", { number: n }),
    removed: (n: string) => t("changeRemoved", { number: n }),
    changed: (n: string) => t("changeChanged", { number: n }),
    heading: (n: string) => t("changeHeading", { number: n }),
    title: t("changeTitle"),
    notice: t("changeNotice"),
    before: t("before"),
    after: t("after"),
    emphasisChanged: t("emphasisChanged"),
    limitsLiability: t("limitsLiability"),
  };

  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>

      {comparison ? (
        <Card title={t("changesTitle", { from: comparison.from, to: comparison.to })} id="changes">
          {comparison.changes.length === 0 ? <p>{t("noChanges")}</p> : <AgreementChanges changes={comparison.changes} labels={labels} />}
        </Card>
      ) : null}

      <Card id="text">
        {text && meta ? (
          <>
            <p className="mb-1 flex flex-wrap items-center gap-2 text-slate-700" data-testid="agreement-version">
              <span>{t("versionLine", { version: meta.version, effective: formatDateTime(meta.effectiveAt, locale) })}</span>
              {meta.current ? <span className="rounded-full bg-green-100 px-2 py-0.5 text-sm font-medium text-green-900">{t("currentBadge")}</span> : null}
              {meta.upcoming ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">{t("upcomingBadge")}</span> : null}
            </p>
            <p className="mb-4 break-all text-xs text-slate-600">
              {t("contentHash")}: <code>{meta.contentHash}</code>
            </p>
            {gate && !gate.accepted ? (
              <AgreementRequirement ctx={ctx} gate={gate} context="USE" />
            ) : (
              <AgreementDocumentView doc={text.document} liabilityLabel={t("limitsLiability")} />
            )}
          </>
        ) : (
          <Alert tone="error">{t("notFound")}</Alert>
        )}
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("versionsTitle")} id="versions">
          <ul className="divide-y divide-slate-100">
            {versions.map((v) => (
              <li key={v.version} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {t("versionLine", { version: v.version, effective: formatDateTime(v.effectiveAt, locale) })}
                  {v.current ? <span className="ml-2 rounded-full bg-green-100 px-2 py-0.5 text-sm text-green-900">{t("currentBadge")}</span> : null}
                  {v.changeSummary ? <span className="block text-sm text-slate-600">{t("changeSummary")}: {v.changeSummary}</span> : null}
                </span>
                <Link href={`/agreement?version=${v.version}`} className={buttonClass.link} aria-current={v.version === shown ? "page" : undefined}>
                  {t("view")}
                  <span className="sr-only"> {v.version}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("compareTitle")} id="compare">
          {versions.length < 2 ? (
            <p className="text-slate-700">{t("compareNeedsTwo")}</p>
          ) : (
            <form method="get" action="/agreement" className="space-y-3">
              <div className="grid grid-cols-2 gap-3">
                <div>
                  <label htmlFor="from" className="block font-medium">
                    {t("compareFrom")}
                  </label>
                  <select id="from" name="from" defaultValue={String(versions[1]!.version)} className={inputClass}>
                    {versions.map((v) => (
                      <option key={v.version} value={v.version}>
                        {v.version}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="to" className="block font-medium">
                    {t("compareTo")}
                  </label>
                  <select id="to" name="to" defaultValue={String(versions[0]!.version)} className={inputClass}>
                    {versions.map((v) => (
                      <option key={v.version} value={v.version}>
                        {v.version}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <button type="submit" className={buttonClass.secondary}>
                {t("compareSubmit")}
              </button>
            </form>
          )}
        </Card>
      </div>
    </div>
  );
}
