"use client";

import { useActionState, useState } from "react";
import { checkUscc } from "@/domain/identity/uscc";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputClass } from "@/components/ui/styles";
import { registerOrganisationAction } from "../actions";
import { idleState } from "@/server/web/action-state";

export type RegisterLabels = {
  name: string;
  nameEn: string;
  uscc: string;
  usccHint: string;
  usccOk: string;
  usccErrors: Record<string, string>;
  legalRepresentative: string;
  address: string;
  phone: string;
  submit: string;
  pending: string;
};

/**
 * The organisation registration form. The unified social credit code is checked as it is typed
 * with the same rule the server applies (GB 32100 check character), so a typo shows at once;
 * the server checks again.
 */
export function RegisterOrganisationForm({ labels }: { labels: RegisterLabels }) {
  const [state, action] = useActionState(registerOrganisationAction, idleState);
  // Keyed by the answer, so the fields are re-created with the values typed before a refusal.
  const formKey = state.status === "error" ? JSON.stringify(state.values) : "new";
  const [code, setCode] = useState("");
  const [touched, setTouched] = useState(false);
  const check = code.trim() ? checkUscc(code) : null;
  // Complain while typing only once 18 characters are there (or the field was left): earlier it is just unfinished.
  const compact = code.replace(/\s/g, "");
  const show = check && (touched || compact.length >= 18);
  const usccInvalid = Boolean(show && !check.ok) || (state.status === "error" && state.fields.includes("unifiedSocialCreditCode"));
  const invalid = (f: string) => (state.status === "error" && state.fields.includes(f)) || undefined;
  const typed = (f: string) => (state.status === "error" ? state.values?.[f] : undefined);
  return (
    <form key={formKey} action={action} className="space-y-4">
      {state.status === "error" ? (
        <div id="register-error" role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {state.message}
        </div>
      ) : null}
      <Text id="org-name" name="name" label={labels.name} defaultValue={typed("name")} required minLength={2} maxLength={200} invalid={invalid("name")} autoComplete="organization" />
      <Text id="org-name-en" name="nameEn" label={labels.nameEn} defaultValue={typed("nameEn")} maxLength={200} invalid={invalid("nameEn")} lang="en" />
      <div className="space-y-1">
        <label htmlFor="org-uscc" className="block font-medium text-slate-800">
          {labels.uscc}
        </label>
        <input
          id="org-uscc"
          name="unifiedSocialCreditCode"
          required
          maxLength={24}
          autoCapitalize="characters"
          spellCheck={false}
          className={`${inputClass} font-mono uppercase`}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onBlur={() => setTouched(true)}
          aria-invalid={usccInvalid || undefined}
          aria-describedby="org-uscc-hint org-uscc-check"
        />
        <p id="org-uscc-hint" className="text-sm text-slate-600">
          {labels.usccHint}
        </p>
        <p id="org-uscc-check" aria-live="polite" className={`text-sm ${show && !check.ok ? "text-red-800" : "text-green-800"}`} data-testid="uscc-check" data-ok={show ? String(check.ok) : undefined}>
          {show ? (check.ok ? labels.usccOk : (labels.usccErrors[check.code] ?? labels.usccErrors.USCC_FORMAT)) : ""}
        </p>
      </div>
      <Text id="org-legal-rep" name="legalRepresentative" label={labels.legalRepresentative} defaultValue={typed("legalRepresentative")} required maxLength={100} invalid={invalid("legalRepresentative")} />
      <Text id="org-address" name="address" label={labels.address} defaultValue={typed("address")} maxLength={300} invalid={invalid("address")} autoComplete="street-address" />
      <Text id="org-phone" name="phone" label={labels.phone} defaultValue={typed("phone")} maxLength={40} invalid={invalid("phone")} type="tel" autoComplete="tel" />
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}

function Text({ id, label, invalid, ...rest }: React.InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; invalid?: boolean }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <input id={id} className={inputClass} aria-invalid={invalid} aria-describedby={invalid ? "register-error" : undefined} {...rest} />
    </div>
  );
}
