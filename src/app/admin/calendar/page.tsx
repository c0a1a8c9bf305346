import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { calendarView } from "@/server/calendar/calendar-views";
import { importCalendarYearAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("console.calendar"))("title") };
}

const HERE = "/admin/calendar";
/** Years before this are history: listed, but folded away. */
const RECENT_YEARS = 3;

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [locale, t, e] = await Promise.all([getLocale(), getTranslations("console.calendar"), getTranslations("enums")]);
  const data = await calendarView(await serviceContext(user), {});
  const when = (d: Date | string) => formatDateTime(d, locale);
  const source = (s: string) => (s.startsWith("manual:") ? t("sourceManual", { notice: s.slice("manual:".length) }) : t("sourcePackage", { source: s }));
  const nextYear = (data.years.find((y) => y.confirmed)?.year ?? new Date().getFullYear()) + 1;
  return (
    <div className="space-y-6" data-testid="admin-calendar">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <OutcomeBanner ok={sp.ok} error={sp.error} />

      <Card title={t("waiting", { count: data.provisional.length })}>
        <p className="mb-3 text-sm text-slate-700">{t("waitingHelp")}</p>
        {data.provisional.length === 0 ? (
          <p className="text-sm" data-testid="provisional-none">{t("noneWaiting")}</p>
        ) : (
          <ScrollTable label={t("waitingLabel")}>
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-1 pr-3">{t("certificate")}</th>
                  <th scope="col" className="py-1 pr-3">{t("receipt")}</th>
                  <th scope="col" className="py-1 pr-3">{t("deadline")}</th>
                  <th scope="col" className="py-1">{t("waitsFor")}</th>
                </tr>
              </thead>
              <tbody>
                {data.provisional.map((c) => (
                  <tr key={c.id} className="border-b border-slate-100 align-top" data-testid="provisional-deadline" data-serial={c.serialHex} data-deadline={c.testWindowDeadline?.toISOString() ?? ""}>
                    <td className="py-1 pr-3">
                      <span className="block break-all font-mono">{c.serialHex}</span>
                      <span className="block break-all">{c.subjectDn}</span>
                      <span className="block text-slate-600">
                        {locale === "en" ? c.profile.nameEn : c.profile.nameZh}
                        {c.subscriberOrganisation ? ` · ${c.subscriberOrganisation.name}` : c.subscriberUser ? ` · ${c.subscriberUser.email}` : ""}
                      </span>
                    </td>
                    <td className="py-1 pr-3">
                      {c.receiptAt ? when(c.receiptAt) : "—"}
                      {c.deliveryMethod ? <span className="block text-slate-600">{e(`DeliveryMethod.${c.deliveryMethod}`)}</span> : null}
                    </td>
                    <td className="py-1 pr-3" data-testid="provisional-deadline-value">{c.testWindowDeadline ? when(c.testWindowDeadline) : "—"}</td>
                    <td className="py-1">{c.waitingFor.join(", ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </Card>

      <Card title={t("import")}>
        <p className="mb-3 text-sm text-slate-700">{t("importHelp")}</p>
        <form action={importCalendarYearAction} className="space-y-3" data-testid="calendar-import-form">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="year" label={t("year")}><Input id="year" name="year" type="number" min={2000} max={2100} required defaultValue={nextYear} inputMode="numeric" /></Field>
            <Field id="notice" label={t("notice")}><Input id="notice" name="notice" required maxLength={200} placeholder={t("noticeExample")} /></Field>
          </div>
          <Field id="holidays" label={t("holidays")}>
            <TextArea id="holidays" name="holidays" rows={8} spellCheck={false} placeholder={t("holidaysExample")} aria-describedby="days-help" />
          </Field>
          <Field id="makeupWorkdays" label={t("makeupWorkdays")}>
            <TextArea id="makeupWorkdays" name="makeupWorkdays" rows={4} spellCheck={false} placeholder={t("makeupExample")} aria-describedby="days-help" />
          </Field>
          <p id="days-help" className="text-sm text-slate-700">{t("daysHelp")}</p>
          <SubmitButton pendingLabel={t("working")}>{t("importButton")}</SubmitButton>
        </form>
      </Card>

      {data.imports.length > 0 ? (
        <Card title={t("imports")}>
          <ul className="space-y-3 text-sm">
            {data.imports.map((i) => (
              <li key={i.seq} data-testid="calendar-import" data-year={i.year ?? ""}>
                <p className="font-medium">
                  {t("importLine", { year: i.year ?? "—", notice: i.notice ?? "—", at: when(i.at) })}
                  {i.replaced ? ` · ${t("replaced")}` : ""}
                </p>
                {i.by ? <p className="break-all text-slate-600">{t("importedBy", { who: i.by })}</p> : null}
                {i.moved.length === 0 ? (
                  <p>{t("nothingMoved")}</p>
                ) : (
                  <ul className="mt-1 space-y-1">
                    {i.moved.map((m, k) => (
                      <li key={k} className="break-all" data-testid="moved-deadline" data-serial={m.serialHex ?? ""} data-from={m.from ?? ""} data-to={m.to ?? ""}>
                        {t("moved", { serial: m.serialHex ?? "—", from: m.from ? when(m.from) : "—", to: m.to ? when(m.to) : "—" })}
                        {m.stillProvisional ? ` · ${t("stillProvisional")}` : ""}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card title={t("years")}>
        <div className="space-y-2">
          {data.years.map((y, index) => {
            const holidays = y.days.filter((d) => d.kind === "HOLIDAY");
            const makeup = y.days.filter((d) => d.kind === "MAKEUP_WORKDAY");
            return (
              <details key={y.year} open={index < RECENT_YEARS} className="rounded-md border border-slate-200 p-3" data-testid="calendar-year" data-year={y.year} data-confirmed={String(y.confirmed)}>
                <summary className="cursor-pointer text-sm">
                  <span className="font-semibold">{y.year}</span>
                  {" · "}
                  {y.confirmed ? t("confirmed") : t("provisional")}
                  {" · "}
                  {t("counts", { holidays: holidays.length, makeup: makeup.length })}
                </summary>
                <p className="mt-2 break-all text-sm text-slate-600">{source(y.source)} · {t("importedAt", { at: when(y.importedAt) })}</p>
                <div className="mt-2 grid gap-4 text-sm sm:grid-cols-2">
                  {[
                    ["HOLIDAY", holidays],
                    ["MAKEUP_WORKDAY", makeup],
                  ].map(([kind, list]) => (
                    <div key={kind as string}>
                      <h3 className="font-medium">{e(`CalendarDayKind.${kind as string}`)}</h3>
                      {(list as typeof holidays).length === 0 ? (
                        <p className="text-slate-600">{t("none")}</p>
                      ) : (
                        <ul className="mt-1 space-y-0.5">
                          {(list as typeof holidays).map((d) => (
                            <li key={d.date} data-testid="calendar-day" data-date={d.date} data-kind={d.kind}>
                              <span className="font-mono">{d.date}</span> {t(`weekday.${new Date(`${d.date}T00:00:00Z`).getUTCDay()}`)}{d.name ? ` · ${d.name}` : ""}
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  ))}
                </div>
              </details>
            );
          })}
        </div>
      </Card>
    </div>
  );
}
