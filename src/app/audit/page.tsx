import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AuditSummary } from "./_components/audit-summary";
import { ConsoleNav } from "@/components/console/console-nav";
import { ScrollTable } from "@/components/console/scroll-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { checkAuditChain } from "@/server/audit-log/check-audit-chain";
import { AUDIT_SUBJECT_TYPES, searchAuditLog } from "@/server/audit-log/search-audit-log";
import { beijingLocalDateTime } from "@/i18n/beijing-input";

export async function generateMetadata() {
  return { title: (await getTranslations("areas.audit"))("title") };
}

const FILTERS = ["actor", "action", "subjectType", "subjectId", "from", "to"] as const;
type Search = Partial<Record<(typeof FILTERS)[number] | "page" | "check", string>>;

const beijing = (v: string | undefined) => (v ? beijingLocalDateTime(v) : undefined);

export default async function Page({ searchParams }: { searchParams: Promise<Search> }) {
  // Checked here too: a layout is not re-run on every navigation inside it, a page is.
  const user = await requireArea("audit");
  const sp = await searchParams;
  const [locale, t, a, e] = await Promise.all([getLocale(), getTranslations("console.audit"), getTranslations("areas.audit"), getTranslations("enums")]);
  const subjectType = (type: string) => (t.has(`subjectTypes.${type}`) ? t(`subjectTypes.${type}`) : type);
  const role = (r: string) => (e.has(`Role.${r}`) ? e(`Role.${r}`) : t.has(`roles.${r}`) ? t(`roles.${r}`) : r);
  const ctx = await serviceContext(user);
  const filter = {
    actor: sp.actor || undefined,
    action: sp.action || undefined,
    subjectType: sp.subjectType || undefined,
    subjectId: sp.subjectId || undefined,
    from: beijing(sp.from),
    to: beijing(sp.to),
  };
  const log = await searchAuditLog(ctx, { ...filter, page: sp.page ?? 1 } as never).catch((e: unknown) => {
    if (isDomainError(e) && e.code === "VALIDATION_FAILED") {
      return null;
    }
    throw e;
  });
  const invalid = log === null;
  const chain = sp.check ? await checkAuditChain(ctx, {}) : null;
  const query = (page: number) => {
    const q = new URLSearchParams();
    for (const k of FILTERS) if (sp[k]) q.set(k, sp[k]!);
    q.set("page", String(page));
    return `/audit?${q.toString()}`;
  };

  return (
    <div className="space-y-6" data-testid="area-audit">
      <PageTitle intro={a("intro")}>{a("title")}</PageTitle>
      <ConsoleNav area="audit" current="/audit" />
      <Card title={t("chain")}>
        <form method="get" className="space-y-3">
          <p className="text-sm text-slate-700">{t("chainHint")}</p>
          <input type="hidden" name="check" value="1" />
          <button type="submit" className={buttonClass.primary}>{t("checkChain")}</button>
        </form>
        {chain ? (
          <div className="mt-4" data-testid="chain-result" data-ok={chain.ok ? "true" : "false"}>
            {chain.ok ? (
              <Alert tone="success" title={t("chainOk", { count: chain.count })}>
                <span className="break-all text-sm">{t("head", { hash: chain.headHash })}</span>
              </Alert>
            ) : (
              <Alert tone="error" title={t("chainBroken", { seq: chain.seq })}>
                {t(`problems.${chain.problem}`)} {t("checkedBefore", { count: chain.count })}
              </Alert>
            )}
          </div>
        ) : null}
      </Card>

      <Card title={t("search")}>
        <form method="get" className="grid gap-3 sm:grid-cols-3">
          {FILTERS.map((k) => (
            <div key={k} className="space-y-1">
              <label htmlFor={`f-${k}`} className="block text-sm font-medium text-slate-800">{t(`filters.${k}`)}</label>
              {k === "subjectType" ? (
                // The subject types the portal writes, by name; an unknown one from a link stays selectable.
                <select id="f-subjectType" name="subjectType" defaultValue={sp.subjectType ?? ""} className={inputClass}>
                  <option value="">{t("allSubjectTypes")}</option>
                  {[...AUDIT_SUBJECT_TYPES, ...(sp.subjectType && !(AUDIT_SUBJECT_TYPES as readonly string[]).includes(sp.subjectType) ? [sp.subjectType] : [])].map((s) => (
                    <option key={s} value={s}>{subjectType(s)}</option>
                  ))}
                </select>
              ) : (
                <input id={`f-${k}`} name={k} defaultValue={sp[k] ?? ""} type={k === "from" || k === "to" ? "datetime-local" : "text"} className={inputClass} />
              )}
            </div>
          ))}
          <div className="flex flex-wrap gap-2 sm:col-span-3">
            <button type="submit" className={buttonClass.primary}>{t("searchButton")}</button>
            <button type="submit" formMethod="post" formAction="/audit/export" className={buttonClass.secondary}>{t("export")}</button>
          </div>
        </form>
        <p className="mt-2 text-sm text-slate-700">{t("exportHint")}</p>
      </Card>

      {invalid ? <Alert tone="error">{t("invalidFilter")}</Alert> : null}
      {log ? (
        <Card title={t("results", { total: log.total })}>
          <ScrollTable label={t("caption")}>
            <table className="w-full text-left text-sm" data-testid="audit-log">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="border-b border-slate-300">
                <tr>
                  <th scope="col" className="py-2 pr-3">#</th>
                  <th scope="col" className="py-2 pr-3">{t("col.at")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.actor")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.action")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.subject")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.summary")}</th>
                </tr>
              </thead>
              <tbody>
                {log.rows.map((r) => (
                  <tr key={r.seq} id={`seq-${r.seq}`} className="border-b border-slate-100 align-top" data-testid="audit-row">
                    <td className="py-2 pr-3">{r.seq}</td>
                    <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(r.at, locale, { seconds: true, zone: false })}</td>
                    <td className="min-w-40 py-2 pr-3 [overflow-wrap:anywhere]">{r.actor ?? t("system")}<div className="text-xs text-slate-600">{r.actorRoles.map(role).join(", ")}</div></td>
                    <td className="py-2 pr-3 text-xs" data-testid="audit-action"><code>{r.action}</code></td>
                    <td className="py-2 pr-3" data-subject-type={r.subjectType}>
                      {subjectType(r.subjectType)}
                      {r.subjectId ? <code className="block break-all text-xs text-slate-600">{r.subjectId}</code> : null}
                    </td>
                    <td className="py-2 pr-3 min-w-64 max-w-md"><AuditSummary summary={r.summary} locale={locale} event={{ action: r.action, subjectType: r.subjectType }} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <nav aria-label={t("paging")} className="mt-4 flex items-center gap-3">
            {log.page > 1 ? <Link href={query(log.page - 1)} className={buttonClass.smallSecondary}>{t("previous")}</Link> : null}
            <span className="text-sm">{t("pageOf", { page: log.page, pages: log.pages })}</span>
            {log.page < log.pages ? <Link href={query(log.page + 1)} className={buttonClass.smallSecondary}>{t("next")}</Link> : null}
          </nav>
          <p className="mt-2 text-xs text-slate-600">{t("times")}</p>
        </Card>
      ) : null}
    </div>
  );
}
