import { AGREEMENT_LOCALES, type AgreementClause, type AgreementDocument, type AgreementTexts } from "./types";

export type AgreementStructureProblem =
  | { code: "AGREEMENT_DUPLICATE_CLAUSE"; locale: string; number: string }
  | { code: "AGREEMENT_EMPTY_TEXT"; locale: string; number: string }
  | { code: "AGREEMENT_CLAUSES_DIFFER"; locale: string; missing: string[]; extra: string[] }
  | { code: "AGREEMENT_EMPHASIS_DIFFERS"; locale: string; number: string }
  | { code: "AGREEMENT_ITEMS_DIFFER"; locale: string; number: string };

function clauses(doc: AgreementDocument): AgreementClause[] {
  return [...doc.preamble, ...doc.sections.flatMap((s) => s.clauses)];
}

/**
 * Checks a version before it is published: every language has the same clauses in the same order,
 * the same emphasis and the same number of enumerated items, so that "clause 1.8" and "the bold
 * clauses" mean the same thing whichever language the subscriber read. Empty list = fine.
 */
export function checkAgreementStructure(texts: AgreementTexts): AgreementStructureProblem[] {
  const problems: AgreementStructureProblem[] = [];
  const [reference, ...others] = AGREEMENT_LOCALES;
  const refClauses = clauses(texts[reference]);

  for (const locale of AGREEMENT_LOCALES) {
    const seen = new Set<string>();
    for (const c of clauses(texts[locale])) {
      if (seen.has(c.number)) problems.push({ code: "AGREEMENT_DUPLICATE_CLAUSE", locale, number: c.number });
      seen.add(c.number);
      if (c.text.trim() === "" || (c.items ?? []).some((i) => i.text.trim() === "")) {
        problems.push({ code: "AGREEMENT_EMPTY_TEXT", locale, number: c.number });
      }
    }
  }

  for (const locale of others) {
    const mine = clauses(texts[locale]);
    const refNumbers = refClauses.map((c) => c.number);
    const myNumbers = mine.map((c) => c.number);
    if (refNumbers.join("|") !== myNumbers.join("|")) {
      problems.push({
        code: "AGREEMENT_CLAUSES_DIFFER",
        locale,
        missing: refNumbers.filter((n) => !myNumbers.includes(n)),
        extra: myNumbers.filter((n) => !refNumbers.includes(n)),
      });
    }
    const byNumber = new Map(mine.map((c) => [c.number, c]));
    for (const ref of refClauses) {
      const other = byNumber.get(ref.number);
      if (!other) continue;
      if (other.limitsLiability !== ref.limitsLiability) {
        problems.push({ code: "AGREEMENT_EMPHASIS_DIFFERS", locale, number: ref.number });
      }
      if ((other.items ?? []).length !== (ref.items ?? []).length) {
        problems.push({ code: "AGREEMENT_ITEMS_DIFFER", locale, number: ref.number });
      }
    }
  }
  return problems;
}
