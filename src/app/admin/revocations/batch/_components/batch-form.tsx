"use client";

import { useActionState, useState } from "react";
import type { BatchPreview } from "@/app/admin/revocations/batch/actions";
import { Field, Input, Select, TextArea } from "@/components/console/field";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type ActionState } from "@/server/web/action-state";

export type BatchFormLabels = Record<
  | "by" | "byISSUER" | "byPROFILE" | "byKEY" | "bySERIALS" | "issuer" | "profileCode" | "spkiSha256" | "serials" | "serialsHint" | "ground" | "explanation"
  | "preview" | "previewing" | "previewTitle" | "total" | "alreadyRevoked" | "conflicts" | "toRevoke" | "reason" | "sample" | "sampleSerial" | "sampleSubject" | "revoked"
  | "unknown" | "invalid" | "conflictList" | "confirm" | "request" | "requesting" | "noneToRevoke",
  string
>;

type Option = { value: string; label: string };

/**
 * Issue 14 item 6: choose the certificates and the ground, preview (nothing is requested yet), then
 * confirm the count and ask for approval. The request form carries exactly what was previewed and
 * the count the administrator confirmed; the server refuses it if the selection changed meanwhile.
 */
export function BatchForm({
  labels: l,
  grounds,
  issuers,
  profiles,
  reasons,
  preview,
  request,
}: {
  labels: BatchFormLabels;
  /** RFC 5280 reason -> its words. */
  reasons: Record<string, string>;
  grounds: { label: string; options: Option[] }[];
  issuers: Option[];
  profiles: Option[];
  preview: (prev: ActionState<BatchPreview>, form: FormData) => Promise<ActionState<BatchPreview>>;
  request: (form: FormData) => Promise<never>;
}) {
  const [state, action] = useActionState(preview, idleState);
  const [by, setBy] = useState("SERIALS");
  const [values, setValues] = useState<Record<string, string>>({ issuer: issuers[0]?.value ?? "", profileCode: profiles[0]?.value ?? "", spkiSha256: "", serials: "", groundReason: grounds[0]?.options[0]?.value ?? "" });
  const set = (k: string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const p = state.status === "done" ? state.data : null;
  // What the request repeats: the previewed choice, as the fields stand now (editing them hides the request until previewed again).
  const [previewed, setPreviewed] = useState<string | null>(null);
  const current = JSON.stringify({ by, ...values });
  const fresh = p !== null && previewed === current;

  return (
    <div className="space-y-4">
      <form action={(form) => { setPreviewed(current); action(form); }} className="space-y-3" data-testid="batch-preview-form">
        <Field id="batch-by" label={l.by}>
          <Select id="batch-by" name="by" value={by} onChange={(e) => setBy(e.target.value)}>
            {(["SERIALS", "ISSUER", "PROFILE", "KEY"] as const).map((b) => (
              <option key={b} value={b}>{l[`by${b}`]}</option>
            ))}
          </Select>
        </Field>
        {by === "SERIALS" ? (
          <Field id="batch-serials" label={l.serials}>
            <TextArea id="batch-serials" name="serials" rows={8} required value={values.serials} onChange={set("serials")} spellCheck={false} aria-describedby="batch-serials-hint" className="font-mono" />
            <p id="batch-serials-hint" className="mt-1 text-xs text-slate-600">{l.serialsHint}</p>
          </Field>
        ) : by === "ISSUER" ? (
          <Field id="batch-issuer" label={l.issuer}>
            <Select id="batch-issuer" name="issuer" value={values.issuer} onChange={set("issuer")}>
              {issuers.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </Select>
          </Field>
        ) : by === "PROFILE" ? (
          <Field id="batch-profile" label={l.profileCode}>
            <Select id="batch-profile" name="profileCode" value={values.profileCode} onChange={set("profileCode")}>
              {profiles.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </Select>
          </Field>
        ) : (
          <Field id="batch-key" label={l.spkiSha256}>
            <Input id="batch-key" name="spkiSha256" required value={values.spkiSha256} onChange={set("spkiSha256")} spellCheck={false} autoComplete="off" className="font-mono" />
          </Field>
        )}
        <Field id="batch-ground" label={l.ground}>
          <Select id="batch-ground" name="groundReason" value={values.groundReason} onChange={set("groundReason")}>
            {grounds.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </optgroup>
            ))}
          </Select>
        </Field>
        {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
        <SubmitButton pendingLabel={l.previewing} variant="secondary">{l.preview}</SubmitButton>
      </form>

      {p && fresh ? (
        <section aria-labelledby="batch-preview-title" className="space-y-3 rounded border border-slate-300 p-3" data-testid="batch-preview" data-total={p.total} data-to-revoke={p.toRevoke}>
          <h3 id="batch-preview-title" className="font-semibold">{l.previewTitle}</h3>
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-600">{l.total}</dt>
            <dd data-testid="batch-total">{p.total}</dd>
            <dt className="font-medium text-slate-600">{l.toRevoke}</dt>
            <dd data-testid="batch-to-revoke">{p.toRevoke}</dd>
            <dt className="font-medium text-slate-600">{l.alreadyRevoked}</dt>
            <dd>{p.alreadyRevoked}</dd>
            <dt className="font-medium text-slate-600">{l.conflicts}</dt>
            <dd>{p.conflicts}</dd>
            <dt className="font-medium text-slate-600">{l.reason}</dt>
            <dd>{reasons[p.reason] ?? p.reason}</dd>
          </dl>
          {p.unknownCount > 0 ? (
            <div data-testid="batch-unknown">
              <p className="text-sm font-medium">{l.unknown.replace("{count}", String(p.unknownCount))}</p>
              <ul className="break-all font-mono text-xs">{p.unknownSerials.map((s) => <li key={s}>{s}</li>)}</ul>
            </div>
          ) : null}
          {p.invalidCount > 0 ? (
            <div data-testid="batch-invalid">
              <p className="text-sm font-medium">{l.invalid.replace("{count}", String(p.invalidCount))}</p>
              <ul className="break-all font-mono text-xs">{p.invalidLines.map((s, i) => <li key={i}>{s}</li>)}</ul>
            </div>
          ) : null}
          {p.conflicts > 0 ? (
            <div>
              <p className="text-sm font-medium">{l.conflictList}</p>
              <ul className="break-all font-mono text-xs">{p.conflictSerials.map((s) => <li key={s}>{s}</li>)}</ul>
            </div>
          ) : null}
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="text-left text-sm font-medium">{l.sample}</caption>
              <thead>
                <tr><th scope="col">{l.sampleSerial}</th><th scope="col">{l.sampleSubject}</th></tr>
              </thead>
              <tbody>
                {p.sample.map((c) => (
                  <tr key={c.id}>
                    <td className="break-all pr-2 font-mono text-xs">{c.serialHex}</td>
                    <td className="break-all">{c.subjectDn}{c.revoked ? ` (${l.revoked})` : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.toRevoke === 0 ? (
            <Alert tone="info">{l.noneToRevoke}</Alert>
          ) : (
            <form action={request} className="space-y-3" data-testid="batch-request-form">
              <input type="hidden" name="by" value={by} />
              <input type="hidden" name={by === "SERIALS" ? "serials" : by === "ISSUER" ? "issuer" : by === "PROFILE" ? "profileCode" : "spkiSha256"} value={by === "SERIALS" ? values.serials : by === "ISSUER" ? values.issuer : by === "PROFILE" ? values.profileCode : values.spkiSha256} />
              <input type="hidden" name="groundReason" value={values.groundReason} />
              <input type="hidden" name="asOf" value={new Date(p.asOf).toISOString()} />
              <input type="hidden" name="expectedTotal" value={p.total} />
              <Field id="batch-explanation" label={l.explanation}>
                <TextArea id="batch-explanation" name="explanation" required minLength={10} maxLength={4000} />
              </Field>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="confirm" required className="mt-0.5 h-5 w-5 shrink-0" />
                <span>{l.confirm.replace("{count}", String(p.toRevoke))}</span>
              </label>
              <SubmitButton pendingLabel={l.requesting}>{l.request}</SubmitButton>
            </form>
          )}
        </section>
      ) : null}
    </div>
  );
}
