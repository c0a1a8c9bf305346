import type { AgreementClause, AgreementDocument } from "@/domain/agreement";

/**
 * The agreement text as published. Clauses that limit the CA's liability are emphasised (bold,
 * marked at the side, and named for screen readers), as the reference agreement prints them.
 */
export function AgreementDocumentView({ doc, liabilityLabel }: { doc: AgreementDocument; liabilityLabel: string }) {
  return (
    <article className="space-y-5 leading-relaxed text-slate-800" data-testid="agreement-text">
      <h2 className="text-xl font-semibold text-slate-900">{doc.title}</h2>
      <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 font-semibold text-amber-950">{doc.notice}</p>
      {doc.preamble.map((c) => (
        <ClauseView key={c.number} clause={c} liabilityLabel={liabilityLabel} showNumber={false} />
      ))}
      {doc.sections.map((s) => (
        <section key={s.number} aria-labelledby={`sec-${s.number}`} className="space-y-3">
          <h3 id={`sec-${s.number}`} className="text-lg font-semibold text-slate-900">
            {s.heading}
          </h3>
          {s.clauses.map((c) => (
            <ClauseView key={c.number} clause={c} liabilityLabel={liabilityLabel} showNumber />
          ))}
        </section>
      ))}
    </article>
  );
}

export function ClauseView({ clause, liabilityLabel, showNumber }: { clause: AgreementClause; liabilityLabel: string; showNumber: boolean }) {
  const emphasis = clause.limitsLiability;
  return (
    <div
      id={`clause-${clause.number}`}
      data-limits-liability={emphasis ? "true" : undefined}
      className={emphasis ? "border-l-4 border-amber-600 bg-amber-50/60 py-1 pl-3 font-semibold text-slate-950" : undefined}
    >
      {emphasis ? <span className="mb-1 block text-xs font-bold uppercase tracking-wide text-amber-900">{liabilityLabel}</span> : null}
      <p>
        {showNumber && !/^P\d+$/.test(clause.number) ? <span className="mr-1">{clause.number}</span> : null}
        {clause.text}
      </p>
      {clause.items?.length ? (
        <ul className="mt-1 space-y-1 pl-4">
          {clause.items.map((i) => (
            <li key={i.label}>
              <span className="mr-1">{i.label}</span>
              {i.text}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
