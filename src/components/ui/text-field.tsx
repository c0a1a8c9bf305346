import type { InputHTMLAttributes } from "react";
import { inputClass } from "./styles";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "className" | "id"> & {
  id: string;
  label: string;
  hint?: string;
  invalid?: boolean;
  /** id of a message elsewhere on the page (e.g. the form's error) that explains this field. */
  errorId?: string;
};

/** A labelled input; the hint and any error are tied to it for screen readers. */
export function TextField({ id, label, hint, invalid, errorId, required, ...rest }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, invalid ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <input id={id} required={required} aria-invalid={invalid || undefined} aria-describedby={describedBy} className={inputClass} {...rest} />
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
