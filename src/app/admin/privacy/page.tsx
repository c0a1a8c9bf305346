import { getLocale, getTranslations } from "next-intl/server";
import { enterCessationAction, leaveCessationAction, recordDisclosureAction, registerProcessorAction } from "@/app/admin/actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, Select, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { SubmitButton } from "@/components/ui/submit-button";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { formatDateTime } from "@/i18n/format";
import { requireRole } from "@/server/auth/guards";
import { AREA_ROLES } from "@/server/auth/roles";
import { serviceContext } from "@/server/auth/service-context";
import { listDisclosures } from "@/server/privacy/list-disclosures";
import { listPrivacyRequests } from "@/server/privacy/list-privacy-requests";
import { listProcessors } from "@/server/privacy/list-processors";
import { cessationState } from "@/server/ui-queries/console/admin-registers";

export async function generateMetadata() {
  return { title: (await getTranslations("console.privacy"))("title") };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const user = await requireRole(...AREA_ROLES.admin);
  const sp = await searchParams;
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.privacy")]);
  const ctx = await serviceContext(user);
  const [requests, processors, disclosures, cessation] = await Promise.all([
    listPrivacyRequests(ctx, { kind: "DELETION" }),
    listProcessors(ctx, {}),
    listDisclosures(ctx, {}),
    cessationState(ctx, {}),
  ]);
  return (
    <div className="space-y-6" data-testid="admin-privacy">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current="/admin/privacy" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <Card title={t("cessation")}>
        <pre className="whitespace-pre-wrap break-all text-xs" data-testid="cessation-state">{JSON.stringify(cessation, null, 2)}</pre>
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          <form action={enterCessationAction} className="space-y-2">
            <input type="hidden" name="back" value="/admin/privacy" />
            <Field id="successor" label={t("successor")}><Input id="successor" name="successor" /></Field>
            <Field id="cessation-note" label={t("note")}><TextArea id="cessation-note" name="note" /></Field>
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="confirm" required className="h-5 w-5" />{t("confirmOn")}</label>
            <SubmitButton pendingLabel={t("working")} variant="secondary">{t("enter")}</SubmitButton>
          </form>
          <form action={leaveCessationAction} className="space-y-2">
            <input type="hidden" name="back" value="/admin/privacy" />
            <Field id="leave-reason" label={t("reason")}><TextArea id="leave-reason" name="reason" required /></Field>
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="confirm" required className="h-5 w-5" />{t("confirmOff")}</label>
            <SubmitButton pendingLabel={t("working")} variant="secondary">{t("leave")}</SubmitButton>
          </form>
        </div>
      </Card>
      <Card title={t("deletions", { count: requests.length })}>
        <ul className="space-y-2 text-sm">
          {requests.map((r) => (
            <li key={r.id}>
              {formatDateTime(r.requestedAt, locale)} · {r.status}
              {r.completedAt ? ` · ${formatDateTime(r.completedAt, locale)}` : ""}
              {r.outcome ? <pre className="mt-1 whitespace-pre-wrap break-all text-xs">{JSON.stringify(r.outcome)}</pre> : null}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("processors", { count: processors.length })}>
        <ul className="space-y-1 text-sm">
          {processors.map((p) => (
            <li key={p.id}>{p.name} · {p.active ? t("active") : t("inactive")} · {t("disclosureCount", { count: p.disclosures })}</li>
          ))}
        </ul>
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          <form action={registerProcessorAction} className="space-y-2">
            <input type="hidden" name="back" value="/admin/privacy" />
            <Field id="p-name" label={t("pName")}><Input id="p-name" name="name" required /></Field>
            <Field id="p-purpose" label={t("pPurpose")}><Input id="p-purpose" name="purpose" required /></Field>
            <Field id="p-categories" label={t("pCategories")}><Input id="p-categories" name="dataCategories" required /></Field>
            <Field id="p-location" label={t("pLocation")}><Input id="p-location" name="location" /></Field>
            <SubmitButton pendingLabel={t("working")} variant="secondary">{t("register")}</SubmitButton>
          </form>
          {processors.length > 0 ? (
            <form action={recordDisclosureAction} className="space-y-2">
              <input type="hidden" name="back" value="/admin/privacy" />
              <Field id="d-processor" label={t("dProcessor")}>
                <Select id="d-processor" name="processorId">
                  {processors.filter((p) => p.active).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </Select>
              </Field>
              <Field id="d-what" label={t("dWhat")}><Input id="d-what" name="what" required /></Field>
              <Field id="d-why" label={t("dWhy")}><Input id="d-why" name="why" required /></Field>
              <SubmitButton pendingLabel={t("working")} variant="secondary">{t("recordDisclosure")}</SubmitButton>
            </form>
          ) : null}
        </div>
      </Card>
      <Card title={t("disclosures", { count: disclosures.length })}>
        <ul className="space-y-1 text-sm">
          {disclosures.map((d) => (
            <li key={d.id} className="break-all">{JSON.stringify({ ...d, id: undefined })}</li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
