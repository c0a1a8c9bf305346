import type { ReactNode } from "react";

export function Card({ title, children, headingLevel = 2, id }: { title?: ReactNode; children: ReactNode; headingLevel?: 2 | 3; id?: string }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section aria-labelledby={title ? headingId : undefined} id={id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      {title ? (
        <Heading id={headingId} className="mb-3 text-lg font-semibold text-slate-900">
          {title}
        </Heading>
      ) : null}
      {children}
    </section>
  );
}
