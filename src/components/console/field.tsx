import type { ReactNode } from "react";
import { inputClass } from "@/components/ui/styles";

/** A labelled form control for the console forms (input, select or textarea). */
export function Field({ id, label, children }: { id: string; label: string; children?: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
    </div>
  );
}

export function Input(props: React.InputHTMLAttributes<HTMLInputElement> & { id: string }) {
  return <input className={inputClass} {...props} />;
}

export function TextArea(props: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string }) {
  return <textarea className={`${inputClass} min-h-20`} {...props} />;
}

export function Select(props: React.SelectHTMLAttributes<HTMLSelectElement> & { id: string }) {
  return <select className={inputClass} {...props} />;
}
