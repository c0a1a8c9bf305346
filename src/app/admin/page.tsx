import { getLocale, getTranslations } from "next-intl/server";
import { publishCrlsAction } from "@/app/admin/actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { keyAlgorithmName } from "@/components/console/key-algorithm";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { ApprovalsWaiting } from "./_components/approvals-waiting";
import { SubmitButton } from "@/components/ui/submit-button";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { adminOverview } from "@/server/ca-status/admin-overview";
import { caServicesStatus } from "@/server/ca-status/ca-services-status";
import { ServiceStatus } from "./_components/service-status";

export async function generateMetadata() {
  return { title: (await getTranslations("areas.admin"))("title") };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  // Checked here too: a layout is not re-run on every navigation inside it, a page is.
  const user = await requireArea("admin");
  const [locale, t, a, e] = await Promise.all([getLocale(), getTranslations("console.admin"), getTranslations("areas.admin"), getTranslations("enums")]);
  // A message is named by its mail subject in the administrator's language (the template id stays as a data attribute).
  const m = await getTranslations("mail");
  // Subjects carry placeholders ({serialHex}) filled per mail: shown as "…" here, the payload is never read.
  const subject = (template: string) => (m.has(`${template}.subject`) ? String(m.raw(`${template}.subject`)).replace(/\{[^}]*\}/g, "…") : template);
  const sv = await getTranslations("console.services");
  const sp = await searchParams;
  const ctx = await serviceContext(user);
  const [o, services] = await Promise.all([adminOverview(ctx, {}), caServicesStatus(ctx, {})]);
  const when = (d: Date | null) => (d ? formatDateTime(d, locale, { zone: false }) : "—");
  const nowMs = new Date(o.now).getTime();
  return (
    <div className="space-y-6" data-testid="area-admin">
      <PageTitle intro={a("intro")}>{a("title")}</PageTitle>
      <ConsoleNav area="admin" current="/admin" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <ApprovalsWaiting ctx={ctx} />
      <Card title={t("caStatus")} id="ca">
        <ScrollTable label={t("caStatus")}>
          <table className="w-full text-left text-sm" data-testid="ca-table">
            <caption className="sr-only">{t("caStatus")}</caption>
            <thead className="border-b border-slate-300">
              <tr>
                <th scope="col" className="py-2 pr-3">{t("col.ca")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.key")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.validity")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.crl")}</th>
              </tr>
            </thead>
            <tbody>
              {o.cas.map((c) => (
                <tr key={c.id} className="border-b border-slate-100 align-top" data-role={c.role} data-status={c.status}>
                  <td className="py-2 pr-3">
                    <span className="font-medium">{c.name}</span> · {e(`CaRole.${c.role}`)} · {e(`CaStatus.${c.status}`)}
                    <div className="break-all text-xs text-slate-600">{c.subjectDn}</div>
                  </td>
                  <td className="py-2 pr-3" data-algorithm={c.algorithm}>{keyAlgorithmName(c.algorithm, locale)} · {t(`custody.${c.custody}`)}</td>
                  <td className="py-2 pr-3" data-validity={c.validity}>
                    {when(c.notBefore)} – {when(c.notAfter)}
                    {c.validity !== "valid" ? (
                      <div className={`mt-1 inline-block rounded px-2 py-0.5 text-xs font-medium ${c.validity === "expired" ? "bg-red-700 text-white" : "bg-amber-100 text-amber-900"}`}>
                        {sv(`validityStates.${c.validity}`, { days: c.daysLeft })}
                      </div>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3">
                    {c.crlShards.length === 0 ? "—" : null}
                    <ul>
                      {c.crlShards.map((s) => (
                        <li key={s.shard} className={s.nextUpdate && s.nextUpdate.getTime() < nowMs ? "font-medium text-red-800" : undefined}>
                          {t("shard", { shard: s.shard, number: s.crlNumber })}: {when(s.thisUpdate)} → {when(s.nextUpdate)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
        <p className="mt-2 text-xs text-slate-600">{t("times")}</p>
        <p className="mt-3 text-sm" data-testid="ocsp-state">
          {t("ocsp", { held: o.ocsp.held, stale: o.ocsp.stale, live: o.ocsp.liveCertificates, missing: o.ocsp.liveWithoutResponse })}
        </p>
        <form action={publishCrlsAction} className="mt-3">
          <input type="hidden" name="back" value="/admin" />
          <SubmitButton pendingLabel={t("publishing")} variant="secondary">{t("publishNow")}</SubmitButton>
        </form>
      </Card>
      <ServiceStatus status={services} locale={locale} />
      <Card title={t("outbox")} id="outbox">
        <p className="mb-3 text-sm" data-testid="outbox-counts">
          {t("outboxCounts", { pending: o.outbox.PENDING ?? 0, sent: o.outbox.SENT ?? 0, failed: o.outbox.FAILED ?? 0 })}
        </p>
        <ScrollTable label={t("outbox")}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("outbox")}</caption>
            <thead className="border-b border-slate-300">
              <tr>
                <th scope="col" className="py-2 pr-3">{t("col.template")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.status")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.created")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.sent")}</th>
              </tr>
            </thead>
            <tbody>
              {o.recent.map((n) => (
                <tr key={n.id} className="border-b border-slate-100" data-status={n.status}>
                  <td className="py-2 pr-3">
                    <span data-template={n.template}>{subject(n.template)}</span>
                    <span className="text-slate-600"> · {n.locale === "en" ? "English" : "中文"}</span>
                  </td>
                  <td className="py-2 pr-3">
                    {e(`NotificationStatus.${n.status}`)}
                    {n.attempts > 1 ? ` · ${t("attempts", { n: n.attempts })}` : ""}
                    {n.lastError ? <div className="break-all text-xs text-slate-600">{n.lastError.slice(0, 80)}</div> : null}
                  </td>
                  <td className="py-2 pr-3">{when(n.createdAt)}</td>
                  <td className="py-2 pr-3">{when(n.sentAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </Card>
    </div>
  );
}
