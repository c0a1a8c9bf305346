"use client";

import { useActionState, useState } from "react";
import type { AgreementChange, AgreementDocument } from "@/domain/agreement";
import type { AgreementPreview } from "@/app/admin/actions";
import { idleState, type ActionState } from "@/server/web/action-state";
import { Alert } from "@/components/ui/alert";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";

export type AgreementEditorLabels = Record<
  | "texts" | "textsHint" | "preview" | "previewing" | "effectiveAt" | "changeSummary" | "publish" | "publishing" | "changes" | "noChanges" | "against" | "zh" | "en" | "limits" | "added" | "removed" | "changed" | "heading" | "title" | "notice"
  | "preamble" | "section" | "clause" | "items" | "item" | "addClause" | "removeClause" | "addSection" | "removeSection" | "limitsCheckbox" | "fieldText" | "fieldItems" | "fieldLimits" | "sectionHeading" | "newSectionHint",
  string
>;

const LOCALES = ["zh-CN", "en"] as const;
type Loc = (typeof LOCALES)[number];
type Item = { label: string; text: string };
type Clause = { number: string; text: string; items?: Item[]; limitsLiability: boolean };
type Section = { number: string; heading: string; clauses: Clause[] };
type Doc = { title: string; notice: string; preamble: Clause[]; sections: Section[] };
type Texts = Record<Loc, Doc>;
/** Where a clause sits: the preamble (section -1) or a section, by position. Both languages share positions. */
type Place = { section: number; index: number };

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
  const field = { text: l.fieldText, items: l.fieldItems, limitsLiability: l.fieldLimits } as const;
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
          {l.changed} {c.number} ({c.fields.map((f) => field[f]).join(", ")}): <del>{c.before.text}</del> → <ins>{c.after.text}</ins>
        </li>
      );
  }
}

/** Enough rows to show a clause whole: Chinese characters take about twice the width of Latin ones. */
const rowsFor = (text: string) => {
  const width = [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.min(16, Math.max(2, Math.ceil(width / 56) + 1));
};

/** The next free clause number in a section: "2.3" after "2.1", "2.2". */
function nextNumber(section: Section): string {
  const used = new Set(section.clauses.map((c) => c.number));
  for (let n = section.clauses.length + 1; ; n++) if (!used.has(`${section.number}.${n}`)) return `${section.number}.${n}`;
}

/** A clause in both languages side by side, with its emphasis (shared) and its enumerated items. */
function ClauseFields({ place, texts, l, update, remove }: { place: Place; texts: Texts; l: AgreementEditorLabels; update: (loc: Loc | "both", change: (c: Clause) => void) => void; remove: () => void }) {
  const of = (loc: Loc) => (place.section < 0 ? texts[loc].preamble[place.index] : texts[loc].sections[place.section]?.clauses[place.index]);
  const zh = of("zh-CN");
  if (!zh) return null;
  const id = `c-${place.section}-${place.index}`;
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 p-3" data-testid="agreement-clause" data-clause={zh.number}>
      <legend className="px-1 text-sm font-semibold">{l.clause} {zh.number}</legend>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="h-5 w-5" checked={zh.limitsLiability} onChange={(e) => update("both", (c) => void (c.limitsLiability = e.target.checked))} />
        {l.limitsCheckbox}
      </label>
      <div className="grid gap-3 md:grid-cols-2">
        {LOCALES.map((loc) => {
          const c = of(loc);
          return (
            <div key={loc} className="space-y-1" lang={loc}>
              <label htmlFor={`${id}-${loc}`} className="block text-sm font-medium">
                <span className="sr-only">{l.clause} {zh.number} </span>
                {loc === "en" ? l.en : l.zh}
              </label>
              <textarea
                id={`${id}-${loc}`}
                value={c?.text ?? ""}
                rows={rowsFor(c?.text ?? "")}
                onChange={(e) => update(loc, (x) => void (x.text = e.target.value))}
                className={`${inputClass} text-sm`}
                data-locale={loc}
                data-section={place.section}
                data-index={place.index}
                data-clause={zh.number}
              />
              {c?.items?.map((item, i) => (
                <div key={i} className="flex items-start gap-2 pl-4">
                  <label htmlFor={`${id}-${loc}-i${i}`} className="min-w-10 pt-2 text-sm">{item.label}</label>
                  <textarea
                    id={`${id}-${loc}-i${i}`}
                    value={item.text}
                    rows={rowsFor(item.text)}
                    onChange={(e) => update(loc, (x) => void (x.items![i]!.text = e.target.value))}
                    aria-label={`${l.clause} ${zh.number} ${item.label} (${loc === "en" ? l.en : l.zh})`}
                    className={`${inputClass} text-sm`}
                  />
                </div>
              ))}
            </div>
          );
        })}
      </div>
      <button type="button" onClick={remove} className={buttonClass.smallSecondary}>{l.removeClause} {zh.number}</button>
    </fieldset>
  );
}

/**
 * The draft of a new agreement version as a form: title, notice, preamble and sections, each
 * clause in both languages side by side with its emphasis (clauses that limit liability), so the
 * two languages keep the same clause numbers. The draft travels to the preview and publish
 * actions as the structured document they check; then a preview of both languages and the
 * clause-by-clause difference with the newest version, and publishing with an effective date.
 */
export function AgreementEditor({
  initial,
  labels: l,
  preview,
  publish,
}: {
  initial: string;
  labels: AgreementEditorLabels;
  preview: (prev: ActionState<AgreementPreview>, form: FormData) => Promise<ActionState<AgreementPreview>>;
  publish: (form: FormData) => Promise<void>;
}) {
  const [state, action] = useActionState(preview, idleState);
  const previewed = state.status === "done" ? state.data : null;
  // Controlled: React resets uncontrolled fields after a form action, which would publish the
  // original text instead of the previewed draft.
  const [texts, setTexts] = useState<Texts>(() => JSON.parse(initial) as Texts);
  const edit = (change: (t: Texts) => void) =>
    setTexts((prev) => {
      const next = structuredClone(prev);
      change(next);
      return next;
    });
  const clauseList = (t: Texts, loc: Loc, section: number) => (section < 0 ? t[loc].preamble : t[loc].sections[section]?.clauses);
  const updateClause = (place: Place) => (loc: Loc | "both", change: (c: Clause) => void) =>
    edit((t) => {
      for (const x of loc === "both" ? LOCALES : [loc]) {
        const c = clauseList(t, x, place.section)?.[place.index];
        if (c) change(c);
      }
    });
  const removeClause = (place: Place) => () => edit((t) => LOCALES.forEach((x) => clauseList(t, x, place.section)?.splice(place.index, 1)));
  const addClause = (section: number) => () =>
    edit((t) => {
      const number = nextNumber(t["zh-CN"].sections[section]!);
      for (const x of LOCALES) t[x].sections[section]?.clauses.push({ number, text: "", limitsLiability: false });
    });
  const addSection = () =>
    edit((t) => {
      const number = String(Math.max(0, ...t["zh-CN"].sections.map((s) => Number.parseInt(s.number, 10) || 0)) + 1);
      for (const x of LOCALES) t[x].sections.push({ number, heading: "", clauses: [{ number: `${number}.1`, text: "", limitsLiability: false }] });
    });
  const removeSection = (section: number) => () => edit((t) => LOCALES.forEach((x) => t[x].sections.splice(section, 1)));

  const pair = (key: "title" | "notice") => (
    <div className="grid gap-3 md:grid-cols-2">
      {LOCALES.map((loc) => (
        <div key={loc} className="space-y-1" lang={loc}>
          <label htmlFor={`${key}-${loc}`} className="block text-sm font-medium">{l[key]} ({loc === "en" ? l.en : l.zh})</label>
          <textarea id={`${key}-${loc}`} value={texts[loc][key]} rows={rowsFor(texts[loc][key])} onChange={(e) => edit((t) => void (t[loc][key] = e.target.value))} className={`${inputClass} text-sm`} />
        </div>
      ))}
    </div>
  );

  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="back" value="/admin/agreements" />
      {/* What the actions parse: the same structured document the publish use case checks. */}
      <input type="hidden" name="texts" value={JSON.stringify(texts)} />
      <p className="text-sm text-slate-700">{l.textsHint}</p>
      <section aria-label={l.texts} className="space-y-4" data-testid="agreement-form">
        {pair("title")}
        {pair("notice")}
        <details open className="space-y-2 rounded border border-slate-300 p-3">
          <summary className="min-h-11 cursor-pointer py-2 font-semibold">{l.preamble}</summary>
          <div className="mt-2 space-y-3">
            {texts["zh-CN"].preamble.map((c, i) => (
              <ClauseFields key={`p-${i}-${c.number}`} place={{ section: -1, index: i }} texts={texts} l={l} update={updateClause({ section: -1, index: i })} remove={removeClause({ section: -1, index: i })} />
            ))}
          </div>
        </details>
        {texts["zh-CN"].sections.map((s, si) => (
          <details key={`s-${si}-${s.number}`} open={si === 0} className="rounded border border-slate-300 p-3" data-testid="agreement-section" data-section={s.number}>
            <summary className="min-h-11 cursor-pointer py-2 font-semibold">
              {l.section.replace("{n}", s.number)} {s.heading}
            </summary>
            <div className="mt-2 space-y-3">
              <div className="grid gap-3 md:grid-cols-2">
                {LOCALES.map((loc) => (
                  <div key={loc} className="space-y-1" lang={loc}>
                    <label htmlFor={`h-${si}-${loc}`} className="block text-sm font-medium">{l.sectionHeading} {s.number} ({loc === "en" ? l.en : l.zh})</label>
                    <input id={`h-${si}-${loc}`} value={texts[loc].sections[si]?.heading ?? ""} onChange={(e) => edit((t) => void (t[loc].sections[si]!.heading = e.target.value))} className={inputClass} />
                  </div>
                ))}
              </div>
              {s.clauses.map((c, ci) => (
                <ClauseFields key={`c-${ci}-${c.number}`} place={{ section: si, index: ci }} texts={texts} l={l} update={updateClause({ section: si, index: ci })} remove={removeClause({ section: si, index: ci })} />
              ))}
              <div className="flex flex-wrap gap-2">
                <button type="button" onClick={addClause(si)} className={buttonClass.smallSecondary}>{l.addClause}</button>
                <button type="button" onClick={removeSection(si)} className={buttonClass.smallSecondary}>{l.removeSection}</button>
              </div>
            </div>
          </details>
        ))}
        <div className="space-y-1">
          <button type="button" onClick={addSection} className={buttonClass.secondary}>{l.addSection}</button>
          <p className="text-xs text-slate-600">{l.newSectionHint}</p>
        </div>
      </section>
      <SubmitButton pendingLabel={l.previewing} variant="secondary">{l.preview}</SubmitButton>
      {state.status === "error" ? (
        <Alert tone="error" title={state.message}>
          <ul className="list-disc pl-5 text-sm">{state.items?.map((i) => <li key={i}>{i}</li>)}</ul>
        </Alert>
      ) : null}
      {previewed ? (
        <div className="space-y-4" data-testid="agreement-preview">
          <section aria-labelledby="changes-title" className="rounded border border-slate-200 p-3">
            <h3 id="changes-title" className="font-semibold">{l.changes} {previewed.against !== null ? `(${l.against} ${previewed.against})` : ""}</h3>
            {(["zh-CN", "en"] as const).map((loc) => (
              <div key={loc} className="mt-2">
                <p className="text-sm font-medium">{loc === "en" ? l.en : l.zh}</p>
                {previewed.changes[loc].length === 0 ? <p className="text-sm">{l.noChanges}</p> : null}
                <ul className="list-disc pl-5 text-sm" data-testid={`changes-${loc}`}>
                  {previewed.changes[loc].map((c, i) => <Change key={i} c={c} l={l} />)}
                </ul>
              </div>
            ))}
          </section>
          <div className="grid gap-4 lg:grid-cols-2">
            <section lang="zh-CN" aria-label={l.zh} className="rounded border border-slate-200 p-3"><Doc doc={previewed.texts["zh-CN"]} limits={l.limits} /></section>
            <section lang="en" aria-label={l.en} className="rounded border border-slate-200 p-3"><Doc doc={previewed.texts.en} limits={l.limits} /></section>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="space-y-1">
              <label htmlFor="effectiveAt" className="block font-medium">{l.effectiveAt}</label>
              <input id="effectiveAt" name="effectiveAt" type="datetime-local" required className={inputClass} />
            </div>
            <div className="space-y-1">
              <label htmlFor="changeSummary" className="block font-medium">{l.changeSummary}</label>
              <input id="changeSummary" name="changeSummary" className={inputClass} />
            </div>
          </div>
          <button type="submit" formAction={publish} className={buttonClass.primary}>{l.publish}</button>
        </div>
      ) : null}
    </form>
  );
}
