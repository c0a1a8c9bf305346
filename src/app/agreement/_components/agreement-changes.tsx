import type { AgreementChange, AgreementClause } from "@/domain/agreement";

export interface AgreementChangeLabels {
  added: (n: string) => string;
  removed: (n: string) => string;
  changed: (n: string) => string;
  heading: (n: string) => string;
  title: string;
  notice: string;
  before: string;
  after: string;
  emphasisChanged: string;
  limitsLiability: string;
}

function clauseText(c: AgreementClause): string {
  return [c.text, ...(c.items ?? []).map((i) => `${i.label} ${i.text}`)].join("\n");
}

/** What changed between two versions, clause by clause: the old wording struck, the new marked. */
export function AgreementChanges({ changes, labels }: { changes: AgreementChange[]; labels: AgreementChangeLabels }) {
  return (
    <ol className="space-y-4" data-testid="agreement-changes">
      {changes.map((c, i) => {
        let heading: string;
        let before: string | null = null;
        let after: string | null = null;
        let extra: string | null = null;
        switch (c.kind) {
          case "added":
            heading = labels.added(c.number);
            after = clauseText(c.after);
            if (c.after.limitsLiability) extra = labels.limitsLiability;
            break;
          case "removed":
            heading = labels.removed(c.number);
            before = clauseText(c.before);
            break;
          case "changed":
            heading = labels.changed(c.number);
            before = clauseText(c.before);
            after = clauseText(c.after);
            if (c.fields.includes("limitsLiability")) extra = labels.emphasisChanged;
            break;
          case "heading":
            heading = labels.heading(c.number);
            before = c.before;
            after = c.after;
            break;
          default:
            heading = c.kind === "title" ? labels.title : labels.notice;
            before = c.before;
            after = c.after;
        }
        return (
          <li key={i} className="rounded-md border border-slate-200 bg-white p-4">
            <h3 className="font-semibold text-slate-900">{heading}</h3>
            {extra ? <p className="mt-1 text-sm font-semibold text-amber-900">{extra}</p> : null}
            <div className="mt-2 grid gap-3 md:grid-cols-2">
              {before !== null ? (
                <div>
                  <p className="text-sm font-medium text-slate-600">{labels.before}</p>
                  <del className="block whitespace-pre-line rounded bg-red-50 p-2 text-red-900">{before}</del>
                </div>
              ) : null}
              {after !== null ? (
                <div>
                  <p className="text-sm font-medium text-slate-600">{labels.after}</p>
                  <ins className="block whitespace-pre-line rounded bg-green-50 p-2 text-green-900 no-underline">{after}</ins>
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
