"use client";

import { useActionState, useState } from "react";
import type { AgreementChange, AgreementDocument } from "@/domain/agreement";
import type { AgreementPreviewState } from "@/app/admin/actions";
import { Alert } from "@/components/ui/alert";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";

export type AgreementEditorLabels = Record<
  "texts" | "textsHint" | "preview" | "previewing" | "effectiveAt" | "changeSummary" | "publish" | "publishing" | "changes" | "noChanges" | "against" | "zh" | "en" | "limits" | "added" | "removed" | "changed" | "heading" | "title" | "notice",
  string
>;

function Doc({ doc, limits }: { doc: AgreementDocument; limits: string }) {
  const clause = (c: AgreementDocument["preamble"][number]) => (
    <li key={c.number} className={c.limitsLiability ? "font-semibold" : undefined}>
      <span className="mr-1 text-slate-600">{c.number}</span>
      {c.text}
      {c.limitsLiability ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">{limits}</span> : null}
      {c.items?.length ? (
        <ul className="ml-4">
          {c.items.map((i) => (
            <li key={i.label}>{i.label} {i.text}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
  return (
    <div className="space-y-2 text-sm">
      <p className="text-base font-semibold">{doc.title}</p>
      <p className="rounded bg-slate-50 p-2">{doc.notice}</p>
      <ul className="space-y-1">{doc.preamble.map(clause)}</ul>
      {doc.sections.map((s) => (
        <div key={s.number}>
          <p className="font-semibold">{s.number} {s.heading}</p>
          <ul className="space-y-1">{s.clauses.map(clause)}</ul>
        </div>
      ))}
    </div>
  );
}

function Change({ c, l }: { c: AgreementChange; l: AgreementEditorLabels }) {
  switch (c.kind) {
    case "title":
    case "notice":
      return <li>{l[c.kind]}: <del>{c.before}</del> → <ins>{c.after}</ins></li>;
    case "heading":
      return <li>{l.heading} {c.number}: <del>{c.before}</del> → <ins>{c.after}</ins></li>;
    case "added":
      return <li>{l.added} {c.number}: <ins>{c.after.text}</ins></li>;
    case "removed":
      return <li>{l.removed} {c.number}: <del>{c.before.text}</del></li>;
    case "changed":
      return (
        <li>
          {l.changed} {c.number} ({c.fields.join(", ")}): <del>{c.before.text}</del> → <ins>{c.after.text}</ins>
        </li>
      );
  }
}

/**
 * The draft of a new agreement version: both languages as one JSON document (the structure the
 * publish use case checks), a preview of both and the clause-by-clause difference with the newest
 * version, then publishing with an effective date.
 */
export function AgreementEditor({
  initial,
  labels,
  preview,
  publish,
}: {
  initial: string;
  labels: AgreementEditorLabels;
  preview: (prev: AgreementPreviewState, form: FormData) => Promise<AgreementPreviewState>;
  publish: (form: FormData) => Promise<void>;
}) {
  const [state, action] = useActionState(preview, { status: "idle" } as AgreementPreviewState);
  // Controlled: React resets uncontrolled fields after a form action, which would publish the
  // original text instead of the previewed draft.
  const [draft, setDraft] = useState(initial);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="back" value="/admin/agreements" />
      <div className="space-y-1">
        <label htmlFor="texts" className="block font-medium">{labels.texts}</label>
        <p id="texts-hint" className="text-sm text-slate-600">{labels.textsHint}</p>
        <textarea id="texts" name="texts" value={draft} onChange={(e) => setDraft(e.target.value)} aria-describedby="texts-hint" spellCheck={false} className={`${inputClass} h-96 font-mono text-xs`} />
      </div>
      <SubmitButton pendingLabel={labels.previewing} variant="secondary">{labels.preview}</SubmitButton>
      {state.status === "error" ? (
        <Alert tone="error" title={state.message}>
          <ul className="list-disc pl-5 text-sm">{state.issues?.map((i) => <li key={i}>{i}</li>)}</ul>
        </Alert>
      ) : null}
      {state.status === "preview" ? (
        <div className="space-y-4" data-testid="agreement-preview">
          <section aria-labelledby="changes-title" className="rounded border border-slate-200 p-3">
            <h3 id="changes-title" className="font-semibold">{labels.changes} {state.against !== null ? `(${labels.against} ${state.against})` : ""}</h3>
            {(["zh-CN", "en"] as const).map((loc) => (
              <div key={loc} className="mt-2">
                <p className="text-sm font-medium">{loc === "en" ? labels.en : labels.zh}</p>
                {state.changes[loc].length === 0 ? <p className="text-sm">{labels.noChanges}</p> : null}
                <ul className="list-disc pl-5 text-sm" data-testid={`changes-${loc}`}>
                  {state.changes[loc].map((c, i) => <Change key={i} c={c} l={labels} />)}
                </ul>
              </div>
            ))}
          </section>
          <div className="grid gap-4 lg:grid-cols-2">
            <section lang="zh-CN" aria-label={labels.zh} className="rounded border border-slate-200 p-3"><Doc doc={state.texts["zh-CN"]} limits={labels.limits} /></section>
            <section lang="en" aria-label={labels.en} className="rounded border border-slate-200 p-3"><Doc doc={state.texts.en} limits={labels.limits} /></section>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="space-y-1">
              <label htmlFor="effectiveAt" className="block font-medium">{labels.effectiveAt}</label>
              <input id="effectiveAt" name="effectiveAt" type="datetime-local" required className={inputClass} />
            </div>
            <div className="space-y-1">
              <label htmlFor="changeSummary" className="block font-medium">{labels.changeSummary}</label>
              <input id="changeSummary" name="changeSummary" className={inputClass} />
            </div>
          </div>
          <button type="submit" formAction={publish} className={buttonClass.primary}>{labels.publish}</button>
        </div>
      ) : null}
    </form>
  );
}
