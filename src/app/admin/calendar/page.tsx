import { getLocale, getTranslations } from "next-intl/server";
import { importCalendarAction } from "@/app/admin/actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/i18n/format";
import { requireRole } from "@/server/auth/guards";
import { AREA_ROLES } from "@/server/auth/roles";
import { serviceContext } from "@/server/auth/service-context";
import { calendarOverview } from "@/server/ui-queries/console/admin-registers";

export async function generateMetadata() {
  return { title: (await getTranslations("console.calendar"))("title") };
}

const HERE = "/admin/calendar";
const EXAMPLE = JSON.stringify({ year: 2028, notice: "国办发明电〔2027〕X号", holidays: ["2028-01-01"], makeupWorkdays: [], names: { "2028-01-01": "元旦" } }, null, 2);

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const user = await requireRole(...AREA_ROLES.admin);
  const sp = await searchParams;
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.calendar")]);
  const data = await calendarOverview(await serviceContext(user), {});
  return (
    <div className="space-y-6" data-testid="admin-calendar">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <Card title={t("years")}>
        <ul className="space-y-1 text-sm">
          {data.years.map((y) => (
            <li key={y.year}>
              <span className="font-medium">{y.year}</span> · {y.confirmed ? t("confirmed") : t("provisional")} · {t("days", { count: y.days })} · {y.source} · {formatDateTime(y.importedAt, locale)}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("waiting", { count: data.provisional.length })}>
        {data.provisional.length === 0 ? <p className="text-sm">{t("noneWaiting")}</p> : null}
        <ul className="space-y-1 text-sm">
          {data.provisional.map((c) => (
            <li key={c.id}>{c.serialHex} · {c.subjectDn} · {c.testWindowDeadline ? formatDateTime(c.testWindowDeadline, locale) : ""}</li>
          ))}
        </ul>
      </Card>
      <Card title={t("import")}>
        <form action={importCalendarAction} className="space-y-3">
          <input type="hidden" name="back" value={HERE} />
          <Field id="json" label={t("json")}>
            <TextArea id="json" name="json" required defaultValue={EXAMPLE} rows={10} spellCheck={false} />
          </Field>
          <SubmitButton pendingLabel={t("working")}>{t("importButton")}</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
