import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import type { ServiceContext } from "@/server/core/context";
import { listSupportQueue, SUPPORT_QUEUE_VIEWS } from "@/server/support/list-support-queue";
import { DeskSla } from "./desk-sla";

type View = (typeof SUPPORT_QUEUE_VIEWS)[number];

/**
 * The support desk's inbox: the requests within the reader's reach (an RA officer's desk at
 * /ra/support, a CA administrator's, which is every request, at /admin/support), oldest first,
 * with the answer clock.
 */
export async function DeskInbox({ ctx, base, area, requestedView }: { ctx: ServiceContext; base: "/ra/support" | "/admin/support"; area: "ra" | "admin"; requestedView?: string }) {
  const view: View = (SUPPORT_QUEUE_VIEWS as readonly string[]).includes(requestedView ?? "") ? (requestedView as View) : "open";
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.supportDesk")]);
  const rows = await listSupportQueue(ctx, { view });
  return (
    <div className="space-y-6" data-testid="support-desk">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area={area} current={base} />
      <nav aria-label={t("viewsLabel")} className="flex flex-wrap gap-2">
        {SUPPORT_QUEUE_VIEWS.map((v) => (
          <Link
            key={v}
            href={`${base}?view=${v}`}
            aria-current={v === view ? "page" : undefined}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
          >
            {t(`views.${v}`)}
          </Link>
        ))}
      </nav>
      <Card>
        {rows.length === 0 ? (
          <p className="text-slate-700">{t("empty")}</p>
        ) : (
          <ScrollTable label={t("caption")}>
            <table className="w-full text-left text-sm" data-testid="support-queue">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  {/* On a phone the requester, date and handler fold into the subject cell; the clock keeps its column. */}
                  <th scope="col" className="py-2 pr-3">{t("col.subject")}</th>
                  <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t("col.requester")}</th>
                  <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t("col.since")}</th>
                  <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t("col.handler")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.sla")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 align-top" data-testid="support-item" data-id={r.id} data-status={r.status} data-mine={r.mine ? "yes" : "no"}>
                    <td className="py-2 pr-3">
                      <Link href={`${base}/${r.id}`} className={`${buttonClass.link} break-words`}>{r.subject}</Link>
                      <div className="text-slate-600">{t(`status.${r.status}`)}{r.serialHex ? ` · ${r.serialHex}` : ""}</div>
                      <div className="text-xs text-slate-600 sm:hidden">
                        {r.requester ?? "—"} · {formatDateTime(r.createdAt, locale, { zone: false })} · {r.assignedTo ?? t("unassigned")}
                      </div>
                    </td>
                    <td className="hidden py-2 pr-3 sm:table-cell">{r.requester ?? "—"}</td>
                    <td className="hidden py-2 pr-3 whitespace-nowrap sm:table-cell">{formatDateTime(r.createdAt, locale, { zone: false })}</td>
                    <td className="hidden py-2 pr-3 sm:table-cell" data-testid="support-handler">{r.assignedTo ?? t("unassigned")}</td>
                    <td className="py-2 pr-3 max-sm:max-w-32">
                      {r.status === "CLOSED" ? <span className="text-slate-600">{r.closedAt ? formatDateTime(r.closedAt, locale, { zone: false }) : "—"}</span> : <DeskSla sla={r.sla} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </Card>
    </div>
  );
}
