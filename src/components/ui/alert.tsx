import type { ReactNode } from "react";

const tones = {
  error: "border-red-300 bg-red-50 text-red-900",
  success: "border-green-300 bg-green-50 text-green-900",
  info: "border-brand-100 bg-brand-50 text-brand-900",
} as const;

/**
 * A message box. Errors are announced (role="alert"); marked with data-alert so tests can tell
 * them from Next's own route announcer, which is also an alert.
 */
export function Alert({ tone, title, children, id }: { tone: keyof typeof tones; title?: ReactNode; children?: ReactNode; id?: string }) {
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} data-alert={tone} className={`rounded-md border px-4 py-3 ${tones[tone]}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
