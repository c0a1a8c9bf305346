"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "./styles";

/** Disabled while its form is submitting, so a double click never submits twice. */
export function SubmitButton({ children, pendingLabel, variant = "primary" }: { children: ReactNode; pendingLabel: string; variant?: "primary" | "secondary" }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={`${buttonClass[variant]} w-full sm:w-auto`}>
      {pending ? pendingLabel : children}
    </button>
  );
}
