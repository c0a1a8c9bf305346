/** Shared class lists, so every button and field looks and focuses the same. */
export const buttonClass = {
  primary:
    "inline-flex min-h-11 items-center justify-center gap-2 rounded-md bg-brand-700 px-4 py-2 text-base font-medium text-white shadow-sm hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-60",
  secondary:
    "inline-flex min-h-11 items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-base font-medium text-slate-800 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60",
  /** Compact variants for the header, still at least 36 px high for touch. */
  smallPrimary:
    "inline-flex min-h-9 items-center justify-center rounded-md bg-brand-700 px-3 py-1 text-sm font-medium text-white shadow-sm hover:bg-brand-800",
  smallSecondary:
    "inline-flex min-h-9 items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50",
  link: "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900",
} as const;

export const inputClass =
  "block w-full min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 aria-[invalid=true]:border-red-700";
