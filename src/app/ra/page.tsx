import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { ScrollTable } from "@/components/console/scroll-table";
import { formatDuration } from "./_components/duration";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { catalogLang } from "@/i18n/locales";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { raWorkQueue, WORK_KINDS, type WorkKind, type WorkText } from "@/server/ra/ra-work-queue";
import { ClocksCard } from "./_components/clocks-card";

export async function generateMetadata() {
  return { title: (await getTranslations("areas.ra"))("title") };
}

type Search = { kind?: string; sort?: string; ok?: string; error?: string };

const SLA_CLASS = { overdue: "bg-red-700 text-white", dueSoon: "bg-red-100 text-red-900 ring-1 ring-red-700", ok: "bg-green-50 text-green-900" } as const;

export default async function Page({ searchParams }: { searchParams: Promise<Search> }) {
  // Checked here too: a layout is not re-run on every navigation inside it, a page is.
  const user = await requireArea("ra");
  const sp = await searchParams;
  const kind = (WORK_KINDS as readonly string[]).includes(sp.kind ?? "") ? (sp.kind as WorkKind) : undefined;
  const sort = sp.sort === "oldest" || sp.sort === "newest" ? sp.sort : "urgent";
  const [locale, t, a, e] = await Promise.all([getLocale(), getTranslations("console.ra"), getTranslations("areas.ra"), getTranslations("enums")]);
  const lang = catalogLang(locale);
  const say = (w: WorkText) =>
    "enum" in w ? e(`${w.enum}.${w.value}`) : "label" in w ? t(w.label) : "text" in w ? w.text : locale === "en" ? w.en : w.zh;
  const ctx = await serviceContext(user);
  const queue = await raWorkQueue(ctx, { kind, sort });

  return (
    <div className="space-y-6" data-testid="area-ra">
      <PageTitle intro={a("intro")}>{a("title")}</PageTitle>
      <ConsoleNav area="ra" current="/ra" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <p className="text-slate-700" data-testid="queue-summary">
        {t("summary", { total: queue.total, overdue: queue.overdue, dueSoon: queue.dueSoon })}
      </p>
      <ClocksCard ctx={ctx} />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("filter")}>
        <div>
          <label htmlFor="kind" className="block text-sm font-medium text-slate-800">{t("kind")}</label>
          <select id="kind" name="kind" defaultValue={kind ?? ""} className="min-h-11 rounded-md border border-slate-400 bg-white px-3">
            <option value="">{t("allKinds")}</option>
            {WORK_KINDS.map((k) => (
              <option key={k} value={k}>{`${t(`kinds.${k}`)} (${queue.counts[k]})`}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sort" className="block text-sm font-medium text-slate-800">{t("sort")}</label>
          <select id="sort" name="sort" defaultValue={sort} className="min-h-11 rounded-md border border-slate-400 bg-white px-3">
            {(["urgent", "oldest", "newest"] as const).map((s) => (
              <option key={s} value={s}>{t(`sorts.${s}`)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass.secondary}>{t("apply")}</button>
      </form>
      <Card>
        {queue.items.length === 0 ? (
          <p className="text-slate-700">{t("empty")}</p>
        ) : (
          <ScrollTable label={t("caption")}>
            <table className="w-full text-left text-sm" data-testid="work-queue">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  {/* On a phone kind, status and waiting time fold into the item cell; the time left keeps its column. */}
                  <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t("col.kind")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.item")}</th>
                  <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t("col.status")}</th>
                  <th scope="col" className="hidden py-2 pr-3 sm:table-cell">{t("col.age")}</th>
                  <th scope="col" className="py-2 pr-3">{t("col.timeLeft")}</th>
                </tr>
              </thead>
              <tbody>
                {queue.items.map((i) => (
                  <tr key={`${i.kind}-${i.id}`} className="border-b border-slate-100 align-top" data-testid="work-item" data-kind={i.kind} data-id={i.id} data-status={i.status} data-sla={i.sla ?? ""}>
                    <td className="hidden py-2 pr-3 whitespace-nowrap sm:table-cell">{t(`kinds.${i.kind}`)}</td>
                    <td className="py-2 pr-3">
                      <div className="font-medium sm:hidden">{t(`kinds.${i.kind}`)} · {i.statusText.map(say).join(" · ")}</div>
                      <Link href={i.href} className={buttonClass.link}>{i.title}</Link>
                      <div className="break-all text-slate-600">{i.detail.map(say).join(" · ")}</div>
                      <div className="text-xs text-slate-600 sm:hidden">{t("waiting", { d: formatDuration(i.ageMs, lang) })}</div>
                    </td>
                    <td className="hidden py-2 pr-3 sm:table-cell" data-testid="work-status">{i.statusText.map(say).join(" · ")}</td>
                    <td className="hidden py-2 pr-3 whitespace-nowrap sm:table-cell">
                      {formatDuration(i.ageMs, lang)}
                      <div className="text-xs text-slate-600">{formatDateTime(i.since, locale, { zone: false })}</div>
                    </td>
                    <td className="py-2 pr-3 max-sm:max-w-32">
                      {i.sla && i.remainingMs !== null ? (
                        <span className={`inline-block rounded px-2 py-0.5 font-medium ${SLA_CLASS[i.sla]}`} data-testid="time-left">
                          {i.sla === "overdue" ? t("overdueBy", { d: formatDuration(i.remainingMs, lang) }) : t("left", { d: formatDuration(i.remainingMs, lang) })}
                        </span>
                      ) : (
                        <span className="text-slate-600">—</span>
                      )}
                      {i.dueAt ? <div className="text-xs text-slate-600">{formatDateTime(i.dueAt, locale)}</div> : null}
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
