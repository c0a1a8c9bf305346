"use client";

import { useActionState, useState } from "react";
import { idleState, type ActionState } from "@/server/web/action-state";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { DEFAULT_SERVER_KEY_ALGORITHM, PKCS12_PASSWORD_MAX_LENGTH, pkcs12PasswordProblems, SERVER_KEY_ALGORITHMS } from "@/domain/certificate";

export interface ServerKeyLabels {
  intro: string;
  password: string;
  repeat: string;
  hint: string;
  short: string;
  classes: string;
  mismatch: string;
  ok: string;
  algorithm: string;
  algorithms: Record<string, string>;
  submit: string;
  working: string;
}

/**
 * The PKCS#12 password (twice) and the key algorithm for a server-made key, checked as typed; the
 * button stays off until the password is acceptable and both entries match.
 */
export function ServerKeyForm({ applicationId, action, labels }: { applicationId: string; action: (s: ActionState, f: FormData) => Promise<ActionState>; labels: ServerKeyLabels }) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const problems = pkcs12PasswordProblems(password, repeat);
  const strengthProblems = problems.filter((p) => p !== "mismatch");
  const showMismatch = repeat.length > 0 && problems.includes("mismatch");
  return (
    <form action={formAction} className="space-y-4" data-testid="server-key-form">
      <input type="hidden" name="applicationId" value={applicationId} />
      <p className="text-slate-700">{labels.intro}</p>
      {state.status === "error" ? (
        <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-2 text-red-900">
          {state.message}
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="pkcs12-password" className="block font-medium">
            {labels.password}
          </label>
          <input
            id="pkcs12-password"
            name="pkcs12Password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            maxLength={PKCS12_PASSWORD_MAX_LENGTH}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={password.length > 0 && strengthProblems.length > 0 ? true : undefined}
            aria-describedby="pkcs12-password-hint pkcs12-password-check"
            className={inputClass}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="pkcs12-repeat" className="block font-medium">
            {labels.repeat}
          </label>
          <input
            id="pkcs12-repeat"
            name="pkcs12Repeat"
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            aria-invalid={showMismatch ? true : undefined}
            aria-describedby="pkcs12-repeat-check"
            className={inputClass}
          />
        </div>
      </div>
      <p id="pkcs12-password-hint" className="text-sm text-slate-600">
        {labels.hint}
      </p>
      <div aria-live="polite" className="space-y-1 text-sm">
        <p id="pkcs12-password-check" data-testid="pkcs12-password-check" className={strengthProblems.length ? "text-red-800" : "text-green-800"}>
          {password.length === 0 ? "" : strengthProblems.includes("short") ? labels.short : strengthProblems.includes("classes") ? labels.classes : strengthProblems.length ? labels.hint : labels.ok}
        </p>
        <p id="pkcs12-repeat-check" data-testid="pkcs12-repeat-check" className="text-red-800">
          {showMismatch ? labels.mismatch : ""}
        </p>
      </div>
      <div className="max-w-xs space-y-1">
        <label htmlFor="key-algorithm" className="block font-medium">
          {labels.algorithm}
        </label>
        <select id="key-algorithm" name="keyAlgorithm" defaultValue={DEFAULT_SERVER_KEY_ALGORITHM} className={inputClass}>
          {SERVER_KEY_ALGORITHMS.map((a) => (
            <option key={a} value={a}>
              {labels.algorithms[a] ?? a}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass.primary} disabled={pending || problems.length > 0}>
        {pending ? labels.working : labels.submit}
      </button>
    </form>
  );
}
