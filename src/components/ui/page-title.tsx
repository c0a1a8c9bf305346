import type { ReactNode } from "react";

export function PageTitle({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{children}</h1>
      {intro ? <p className="mt-2 max-w-prose text-slate-700">{intro}</p> : null}
    </div>
  );
}
