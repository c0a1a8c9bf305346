import { getLocale, getTranslations } from "next-intl/server";
import { enterCessationAction, leaveCessationAction } from "@/app/admin/actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, Select, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { ScrollTable } from "@/components/console/scroll-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDate, formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDeletionCategory } from "@/server/privacy/deletion-outcome";
import { listDisclosures } from "@/server/privacy/list-disclosures";
import { listPrivacyRequests } from "@/server/privacy/list-privacy-requests";
import { listProcessors } from "@/server/privacy/list-processors";
import { privacyView, type OutcomeLine } from "@/server/privacy/privacy-views";
import { readRetentionPolicy } from "@/server/privacy/read-retention-policy";
import { recordDisclosureFullAction, registerProcessorFullAction } from "./actions";
import { ProcessorEditForm, ProcessorRowActions } from "./_components/processor-edit";
import { DisclosureTable, oneOf, ProcessorTable, REQUEST_KINDS, REQUEST_STATUSES, RequestTable, RetentionFacts } from "./_components/register-tables";
import { RetentionForm } from "./_components/retention-form";

export async function generateMetadata() {
  return { title: (await getTranslations("console.privacy"))("title") };
}

const HERE = "/admin/privacy";

/** Kept lines sharing a legal basis and a keep-until date, shown once with the categories they cover. */
function keptGroups(lines: OutcomeLine[]) {
  const groups: { basis: OutcomeLine["basis"]; until: string | null; lines: OutcomeLine[] }[] = [];
  for (const l of lines) {
    const same = groups.find((g) => g.until === l.until && g.basis?.zh === l.basis?.zh && g.basis?.en === l.basis?.en);
    if (same) same.lines.push(l);
    else groups.push({ basis: l.basis, until: l.until, lines: [l] });
  }
  return groups;
}

/** Success keys this page's own register forms answer with (privacyRegister.outcome); the rest are console.outcome's. */
const REGISTER_OUTCOMES = ["retentionSet", "processorUpdated", "processorUnchanged", "processorDeactivated", "processorReactivated"];

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string; kind?: string; status?: string; edit?: string }> }) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const kind = oneOf(REQUEST_KINDS, sp.kind);
  const status = oneOf(REQUEST_STATUSES, sp.status);
  const [locale, t, e, r, ctx] = await Promise.all([getLocale(), getTranslations("console.privacy"), getTranslations("enums"), getTranslations("privacyRegister.retention"), serviceContext(user)]);
  const [data, retention, processors, disclosures, requests] = await Promise.all([
    privacyView(ctx, {}),
    readRetentionPolicy(ctx, {}),
    listProcessors(ctx, {}),
    listDisclosures(ctx, {}),
    listPrivacyRequests(ctx, { kind, status }),
  ]);
  const when = (d: Date | string) => formatDateTime(d, locale);
  // Outcomes are stored JSON: a category no longer written (an older release) gets a generic label and its code.
  const category = (c: string) =>
    isDeletionCategory(c) ? t(`categories.${c}`) : <>{t("categoryOther")} <code className="font-mono text-xs">{c}</code></>;
  const basis = (b: OutcomeLine["basis"]) => (b ? (locale === "en" ? b.en : b.zh) : "—");
  const c = data.cessation;
  const activeProcessors = processors.filter((p) => p.active);
  // ?edit=<id> opens that processor's form; an id not in the register opens nothing.
  const editing = processors.find((p) => p.id === sp.edit);
  return (
    <div className="space-y-6" data-testid="admin-privacy">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <OutcomeBanner ok={sp.ok} error={sp.error} namespace={REGISTER_OUTCOMES.includes(sp.ok ?? "") ? "privacyRegister.outcome" : "console.outcome"} />

      <Card title={r("title")}>
        <RetentionFacts policy={retention} />
        <RetentionForm years={retention.certificateYearsAfterExpiry} days={retention.signInAttemptDays} />
      </Card>

      <Card title={t("cessation")}>
        <div data-testid="cessation-state" data-active={String(c.active)}>
          {c.active ? (
            <Alert tone="error" title={t("cessationOnTitle")}>
              <p>{t("cessationOnBody", { since: c.since ? when(c.since) : "—" })}</p>
              {c.startedBy ? <p className="break-all">{t("startedBy", { who: c.startedBy })}</p> : null}
              <p>{t("successorIs", { successor: c.successor || t("successorNone") })}</p>
              {c.note ? <p className="whitespace-pre-wrap break-words">{t("noteIs", { note: c.note })}</p> : null}
              <p className="mt-2">
                <a href="/admin/privacy/handover" className="font-medium underline" data-testid="handover-download" download>
                  {t("handOverDownload")}
                </a>
              </p>
            </Alert>
          ) : (
            <p className="text-sm font-medium">{t("cessationOff")}</p>
          )}
        </div>
        <h3 className="mt-4 text-base font-semibold">{c.active ? t("whileOn") : t("ifOn")}</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm" data-testid="cessation-consequences">
          <li>{t("consequence.refused")}</li>
          <li>{t("consequence.notified")}</li>
          <li>{t("consequence.existing")}</li>
          <li>{t("consequence.handOver")}</li>
          <li>{t("consequence.undo")}</li>
        </ul>
        {c.active ? (
          <form action={leaveCessationAction} className="mt-4 space-y-2" data-testid="cessation-leave">
            <input type="hidden" name="back" value={HERE} />
            <Field id="leave-reason" label={t("reason")}><TextArea id="leave-reason" name="reason" required maxLength={2000} /></Field>
            <label className="flex items-start gap-2 text-sm"><input type="checkbox" name="confirm" required className="mt-0.5 h-5 w-5 shrink-0" /><span>{t("confirmOff")}</span></label>
            <SubmitButton pendingLabel={t("working")} variant="secondary">{t("leave")}</SubmitButton>
          </form>
        ) : (
          <form action={enterCessationAction} className="mt-4 space-y-2" data-testid="cessation-enter">
            <input type="hidden" name="back" value={HERE} />
            <Field id="successor" label={t("successor")}><Input id="successor" name="successor" maxLength={200} /></Field>
            <Field id="cessation-note" label={t("note")}><TextArea id="cessation-note" name="note" maxLength={2000} /></Field>
            <label className="flex items-start gap-2 text-sm"><input type="checkbox" name="confirm" required className="mt-0.5 h-5 w-5 shrink-0" /><span>{t("confirmOn")}</span></label>
            <SubmitButton pendingLabel={t("working")} variant="secondary">{t("enter")}</SubmitButton>
          </form>
        )}
        {data.cessationHistory.length > 0 ? (
          <>
            <h3 className="mt-4 text-base font-semibold">{t("history")}</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {data.cessationHistory.map((h) => (
                <li key={h.seq} className="break-words" data-testid="cessation-history" data-action={h.action}>
                  {h.action === "entered" ? t("historyEntered", { at: when(h.at), count: h.notified ?? 0 }) : t("historyLeft", { at: when(h.at), reason: h.reason ?? "—" })}
                  {h.by ? ` · ${h.by}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>

      <Card title={t("deletions", { count: data.deletions.length })}>
        {data.deletions.length === 0 ? <p className="text-sm">{t("noDeletions")}</p> : null}
        <ul className="space-y-4">
          {data.deletions.map((r) => (
            <li key={r.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="deletion-request" data-status={r.status} data-requester={r.requester ?? ""}>
              <p className="font-medium break-all">
                {r.requester ?? t("requesterErased")} · {e(`PrivacyRequestStatus.${r.status}`)}
              </p>
              <p className="text-slate-700">
                {t("requestedAt", { at: when(r.requestedAt) })}
                {r.completedAt ? ` · ${t("completedAt", { at: when(r.completedAt) })}` : ""}
              </p>
              {r.outcome ? (
                <div className="mt-2 space-y-3">
                  <div>
                    <h3 className="font-semibold">{t("erased")}</h3>
                    <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="deletion-erased">
                      {r.outcome.erased.map((l) => (
                        <li key={l.category} data-category={l.category}>
                          {category(l.category)}
                          {l.count !== null ? ` · ${t("itemCount", { count: l.count })}` : ""}
                        </li>
                      ))}
                    </ul>
                  </div>
                  <div>
                    <h3 className="font-semibold">{t("kept")}</h3>
                    <ScrollTable label={t("kept")}>
                      <table className="w-full min-w-[32rem] text-left" data-testid="deletion-kept">
                        <thead>
                          <tr className="border-b border-slate-200">
                            <th scope="col" className="py-1 pr-3">{t("what")}</th>
                            <th scope="col" className="py-1 pr-3">{t("until")}</th>
                            <th scope="col" className="py-1">{t("why")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {keptGroups(r.outcome.kept).map((g) => (
                            <tr key={g.lines[0]!.category} className="border-b border-slate-100 align-top" data-categories={g.lines.map((l) => l.category).join(" ")} data-until={g.until ?? ""}>
                              <td className="py-1 pr-3">
                                <ul>
                                  {g.lines.map((l) => (
                                    <li key={l.category} data-category={l.category}>{category(l.category)}{l.count !== null ? ` · ${t("itemCount", { count: l.count })}` : ""}</li>
                                  ))}
                                </ul>
                              </td>
                              <td className="py-1 pr-3 whitespace-nowrap">{g.until ? formatDate(g.until) : g.lines.some((l) => l.category === "auditLog") ? t("permanent") : t("untilDone")}</td>
                              <td className="py-1">{basis(g.basis)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </ScrollTable>
                    <p className="mt-1 text-slate-700">
                      {r.outcome.retentionYears !== null ? t("retention", { years: r.outcome.retentionYears }) : ""}
                      {r.outcome.keepUntil ? ` ${t("anonymisedOn", { date: formatDate(r.outcome.keepUntil) })}` : ""}
                      {r.outcome.contactKeptUntil ? ` ${t("contactUntil", { date: formatDate(r.outcome.contactKeptUntil) })}` : ""}
                    </p>
                  </div>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t("processors", { count: processors.length })}>
        <ProcessorTable processors={processors} actions={(p) => <ProcessorRowActions processor={p} editHref={`${HERE}?edit=${p.id}#processor-edit`} />} />
        {editing ? <div className="mt-4"><ProcessorEditForm processor={editing} cancelHref={HERE} /></div> : null}
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          <form action={registerProcessorFullAction} className="space-y-2" data-testid="processor-form">
            <h3 className="text-base font-semibold">{t("register")}</h3>
            <Field id="p-name" label={t("pName")}><Input id="p-name" name="name" required maxLength={200} /></Field>
            <Field id="p-purpose" label={t("pPurpose")}><Input id="p-purpose" name="purpose" required maxLength={1000} /></Field>
            <Field id="p-categories" label={t("pCategories")}><Input id="p-categories" name="dataCategories" required /></Field>
            <Field id="p-location" label={t("pLocation")}><Input id="p-location" name="location" maxLength={200} /></Field>
            <Field id="p-contact" label={t("pContact")}><Input id="p-contact" name="contact" maxLength={500} /></Field>
            <SubmitButton pendingLabel={t("working")} variant="secondary">{t("register")}</SubmitButton>
          </form>
          {activeProcessors.length > 0 ? (
            <form action={recordDisclosureFullAction} className="space-y-2" data-testid="disclosure-form">
              <h3 className="text-base font-semibold">{t("recordDisclosure")}</h3>
              <Field id="d-processor" label={t("dProcessor")}>
                <Select id="d-processor" name="processorId">
                  {activeProcessors.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </Select>
              </Field>
              <Field id="d-what" label={t("dWhat")}><Input id="d-what" name="what" required maxLength={1000} /></Field>
              <Field id="d-why" label={t("dWhy")}><Input id="d-why" name="why" required maxLength={1000} /></Field>
              <Field id="d-subject" label={t("dSubject")}><Input id="d-subject" name="subjectEmail" type="email" autoComplete="off" /></Field>
              <Field id="d-at" label={t("dAt")}><Input id="d-at" name="at" type="datetime-local" /></Field>
              <SubmitButton pendingLabel={t("working")} variant="secondary">{t("recordDisclosure")}</SubmitButton>
            </form>
          ) : null}
        </div>
      </Card>

      <Card title={t("disclosures", { count: disclosures.length })}>
        <DisclosureTable disclosures={disclosures} />
      </Card>

      <RequestTable requests={requests} action={HERE} kind={kind} status={status} />
    </div>
  );
}
