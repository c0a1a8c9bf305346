import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { orderUpdateAction } from "@/app/admin/actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, TextArea } from "@/components/console/field";
import { keyAlgorithmName } from "@/components/console/key-algorithm";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { UPDATE_NOTICE_CONSEQUENCES, UPDATE_REMINDER_WORKDAYS } from "@/domain/update-notice";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { updateNoticeOptions } from "@/server/update-notice/update-notice-options";
import { listUpdateNotices } from "@/server/update-notice/update-notice-progress";
import { KEY_ALGORITHMS } from "@/server/update-notice/update-selection";

export async function generateMetadata() {
  return { title: (await getTranslations("console.notices"))("title") };
}

const HERE = "/admin/update-notices";


function Choices({ legend, name, options }: { legend: string; name: string; options: Array<{ value: string; label: string }> }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={name} value={o.value} className="h-5 w-5" />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [locale, t, tc] = await Promise.all([getLocale(), getTranslations("console.notices"), getTranslations("updateNoticeConsequence")]);
  const ctx = await serviceContext(user);
  const [notices, options] = await Promise.all([listUpdateNotices(ctx, {}), updateNoticeOptions(ctx, {})]);
  return (
    <div className="space-y-6" data-testid="admin-notices">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <Card title={t("list")}>
        {notices.length === 0 ? <p className="text-sm">{t("none")}</p> : (
          <ScrollTable label={t("list")}>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-300">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t("col.reason")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.deadline")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.progress")}</th>
                </tr>
              </thead>
              <tbody>
                {notices.map((n) => (
                  <tr key={n.id} className="border-b border-slate-100">
                    <td className="py-2 pr-3"><Link href={`${HERE}/${n.id}`} className={buttonClass.link}>{n.reason}</Link></td>
                    <td className={`py-2 pr-3 ${n.overdue ? "font-medium text-red-800" : ""}`}>{formatDateTime(n.deadline, locale)}</td>
                    <td className="py-2 pr-3">{t("progress", { updated: n.counts.updated, total: n.counts.total })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </Card>
      <Card title={t("order")}>
        <form action={orderUpdateAction} className="space-y-4">
          <input type="hidden" name="back" value={HERE} />
          <p className="text-sm text-slate-700">{t("selectionHint")}</p>
          <div className="grid gap-4 md:grid-cols-3">
            <Choices legend={t("profiles")} name="profileCodes" options={options.profiles.map((p) => ({ value: p.code, label: locale === "en" ? p.nameEn : p.nameZh }))} />
            <Choices legend={t("cas")} name="issuingCaIds" options={options.cas.map((c) => ({ value: c.id, label: c.name }))} />
            <Choices legend={t("algorithms")} name="keyAlgorithms" options={KEY_ALGORITHMS.map((a) => ({ value: a, label: keyAlgorithmName(a, locale) }))} />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="expiresFrom" label={t("expiresFrom")}><Input id="expiresFrom" name="expiresFrom" type="datetime-local" /></Field>
            <Field id="expiresTo" label={t("expiresTo")}><Input id="expiresTo" name="expiresTo" type="datetime-local" /></Field>
          </div>
          <Field id="reason" label={t("reason")}><TextArea id="reason" name="reason" required minLength={5} /></Field>
          <Field id="deadline" label={t("deadline")}><Input id="deadline" name="deadline" type="datetime-local" required /></Field>
          {/* Clause 4 leaves the consequence of a missed update to the CA: chosen here, told in the mail and on the subscriber's page. */}
          <fieldset className="space-y-1" aria-describedby="consequence-hint">
            <legend className="text-sm font-medium text-slate-800">{tc("legend")}</legend>
            {UPDATE_NOTICE_CONSEQUENCES.map((c) => (
              <label key={c} className="flex items-center gap-2 text-sm">
                <input type="radio" name="consequence" value={c} defaultChecked={c === "REVOKE"} className="h-5 w-5" />
                {tc(c)}
              </label>
            ))}
            <p id="consequence-hint" className="text-sm text-slate-600">{tc("hint", { days: UPDATE_REMINDER_WORKDAYS })}</p>
          </fieldset>
          <SubmitButton pendingLabel={t("working")}>{t("send")}</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
