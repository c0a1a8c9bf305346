import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { deskAssignAction, deskCloseAction, deskNoteAction, deskReplyAction } from "@/app/ra/support/actions";
import { DeskSla } from "./desk-sla";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Select, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/i18n/format";
import type { ServiceContext } from "@/server/core/context";
import { isDomainError } from "@/server/core/errors";
import { getSupportRequest } from "@/server/support/get-support-request";

/**
 * One support request as the desk sees it (an RA officer at /ra/support/[id], a CA administrator
 * at /admin/support/[id]): the thread with internal notes marked, the answer clock, and the forms
 * its `can` allows (domain/support, the rule the use cases enforce).
 */
export async function DeskThread({
  ctx,
  id,
  base,
  area,
  outcome,
}: {
  ctx: ServiceContext;
  id: string;
  base: "/ra/support" | "/admin/support";
  area: "ra" | "admin";
  outcome: { ok?: string; error?: string };
}) {
  const sp = outcome;
  const r = await getSupportRequest(ctx, { requestId: id }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });
  // An officer's own request is theirs to follow as a subscriber, not the desk's.
  if (!r.desk) notFound();
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.supportDesk")]);
  const here = `${base}/${r.id}`;
  const hidden = (
    <>
      <input type="hidden" name="requestId" value={r.id} />
      <input type="hidden" name="back" value={here} />
    </>
  );
  const others = r.desk.assignable.filter((o) => o.id !== r.handledBy?.id);
  return (
    <div className="space-y-6" data-testid="support-desk-request">
      <PageTitle>{r.subject}</PageTitle>
      <ConsoleNav area={area} current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} namespace="console.supportDesk.outcome" />
      <p><Link href={base} className={buttonClass.link}>{t("back")}</Link></p>
      <Card title={t("request")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("state")}</dt>
          <dd data-testid="support-status" data-status={r.status}>{t(`status.${r.status}`)}</dd>
          <dt className="font-medium">{t("requester")}</dt>
          <dd className="break-all">{r.desk.requester.displayName ?? "—"}{r.desk.requester.email ? ` · ${r.desk.requester.email}` : ""}</dd>
          <dt className="font-medium">{t("certificate")}</dt>
          <dd className="break-all">{r.serialHex ?? t("none")}</dd>
          <dt className="font-medium">{t("handledBy")}</dt>
          <dd data-testid="support-handler">{r.handledBy?.displayName ?? t("unassigned")}</dd>
          <dt className="font-medium">{t("col.sla")}</dt>
          <dd>
            {r.status === "CLOSED" ? "—" : <DeskSla sla={r.desk.sla} />}
            {r.desk.sla ? <div className="text-xs text-slate-600">{t("dueAt")}: {formatDateTime(r.desk.sla.dueAt, locale)}</div> : null}
          </dd>
        </dl>
        {r.can.take.ok || (r.can.assign.ok && others.length > 0) ? (
          <div className="mt-4 flex flex-wrap items-end gap-3">
            {r.can.take.ok ? (
              <form action={deskAssignAction}>
                {hidden}
                <SubmitButton pendingLabel={t("working")} variant="secondary">{t("take")}</SubmitButton>
              </form>
            ) : null}
            {r.can.assign.ok && others.length > 0 ? (
              <form action={deskAssignAction} className="flex flex-wrap items-end gap-2">
                {hidden}
                <Field id="assignee" label={t("assignTo")}>
                  <Select id="assignee" name="assigneeId" required defaultValue="">
                    <option value="" disabled>—</option>
                    {others.map((o) => (
                      <option key={o.id} value={o.id}>{o.displayName}</option>
                    ))}
                  </Select>
                </Field>
                <SubmitButton pendingLabel={t("working")} variant="secondary">{t("assignButton")}</SubmitButton>
              </form>
            ) : null}
          </div>
        ) : null}
      </Card>
      <Card title={t("thread")}>
        <ol className="space-y-3" data-testid="support-thread">
          {r.messages.map((m) => (
            <li
              key={m.id}
              data-testid="support-message"
              data-internal={m.internal ? "yes" : "no"}
              className={`rounded-md p-3 ${m.internal ? "border border-dashed border-amber-600 bg-amber-50" : m.fromRequester ? "bg-brand-50" : "bg-slate-100"}`}
            >
              <p className="text-sm font-medium text-slate-700">
                {m.fromRequester ? t("fromRequester") : `${t("fromDesk")} · ${m.author ?? "—"}`} · {formatDateTime(m.createdAt, locale)}
                {m.internal ? <span className="ml-2 text-amber-900">（{t("internalBadge")}）</span> : null}
              </p>
              <p className="whitespace-pre-line break-words text-slate-900">{m.body}</p>
            </li>
          ))}
        </ol>
      </Card>
      <div className="grid gap-6 md:grid-cols-2">
        {r.can.reply.ok ? (
          <Card title={t("reply")}>
            <form action={deskReplyAction} className="space-y-2">
              {hidden}
              <Field id="desk-reply" label={t("replyBody")}><TextArea id="desk-reply" name="body" required maxLength={10000} /></Field>
              <SubmitButton pendingLabel={t("working")}>{t("replyButton")}</SubmitButton>
            </form>
          </Card>
        ) : null}
        {r.can.note.ok ? (
          <Card title={t("note")}>
            <form action={deskNoteAction} className="space-y-2">
              {hidden}
              <p className="text-sm text-slate-700">{t("noteHint")}</p>
              <Field id="desk-note" label={t("noteBody")}><TextArea id="desk-note" name="body" required maxLength={10000} /></Field>
              <SubmitButton pendingLabel={t("working")} variant="secondary">{t("noteButton")}</SubmitButton>
            </form>
          </Card>
        ) : null}
      </div>
      {r.can.close.ok ? (
        <Card title={t("close")}>
          <form action={deskCloseAction} className="space-y-2">
            {hidden}
            <p className="text-sm text-slate-700">{t("closeHint")}</p>
            <SubmitButton pendingLabel={t("working")} variant="secondary">{t("closeButton")}</SubmitButton>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
