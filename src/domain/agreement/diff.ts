import type { AgreementClause, AgreementDocument, AgreementLocale, AgreementTexts } from "./types";

export type AgreementChange =
  | { kind: "added"; number: string; after: AgreementClause }
  | { kind: "removed"; number: string; before: AgreementClause }
  | {
      kind: "changed";
      number: string;
      before: AgreementClause;
      after: AgreementClause;
      /** Which parts differ: the wording, the enumerated items, or the emphasis. */
      fields: readonly ("text" | "items" | "limitsLiability")[];
    }
  | { kind: "heading"; number: string; before: string; after: string }
  | { kind: "title" | "notice"; before: string; after: string };

function clausesOf(doc: AgreementDocument): AgreementClause[] {
  return [...doc.preamble, ...doc.sections.flatMap((s) => s.clauses)];
}

function sameItems(a: AgreementClause, b: AgreementClause): boolean {
  const x = a.items ?? [];
  const y = b.items ?? [];
  return x.length === y.length && x.every((item, i) => item.label === y[i]!.label && item.text === y[i]!.text);
}

/**
 * What changed between two versions of one language, clause by clause (matched by clause number).
 * Order: title and notice, then clauses in the order of the newer version, removed clauses last.
 */
export function diffAgreements(a: AgreementDocument, b: AgreementDocument): AgreementChange[] {
  const changes: AgreementChange[] = [];
  if (a.title !== b.title) changes.push({ kind: "title", before: a.title, after: b.title });
  if (a.notice !== b.notice) changes.push({ kind: "notice", before: a.notice, after: b.notice });

  const oldHeadings = new Map(a.sections.map((s) => [s.number, s.heading]));
  for (const s of b.sections) {
    const before = oldHeadings.get(s.number);
    if (before !== undefined && before !== s.heading) changes.push({ kind: "heading", number: s.number, before, after: s.heading });
  }

  const oldClauses = new Map(clausesOf(a).map((c) => [c.number, c]));
  const newNumbers = new Set<string>();
  for (const after of clausesOf(b)) {
    newNumbers.add(after.number);
    const before = oldClauses.get(after.number);
    if (!before) {
      changes.push({ kind: "added", number: after.number, after });
      continue;
    }
    const fields: ("text" | "items" | "limitsLiability")[] = [];
    if (before.text !== after.text) fields.push("text");
    if (!sameItems(before, after)) fields.push("items");
    if (before.limitsLiability !== after.limitsLiability) fields.push("limitsLiability");
    if (fields.length > 0) changes.push({ kind: "changed", number: after.number, before, after, fields });
  }
  for (const before of clausesOf(a)) {
    if (!newNumbers.has(before.number)) changes.push({ kind: "removed", number: before.number, before });
  }
  return changes;
}

/** The same comparison for every language of two versions. */
export function diffAgreementTexts(a: AgreementTexts, b: AgreementTexts): Record<AgreementLocale, AgreementChange[]> {
  return { "zh-CN": diffAgreements(a["zh-CN"], b["zh-CN"]), en: diffAgreements(a.en, b.en) };
}
