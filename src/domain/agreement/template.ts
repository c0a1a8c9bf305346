import type { AgreementDocument, AgreementVariables } from "./types";

/**
 * The placeholders the default agreement uses. Configuration must provide each of them for each
 * language (the CA's name and the CPS title differ between the Chinese and English texts).
 */
export const AGREEMENT_VARIABLE_NAMES = [
  "caName", // full legal name of the CA
  "caShortName", // the name the text uses after the first mention
  "website",
  "hotline",
  "testPageUrl", // certificate test page (clause 1.8)
  "cpsName", // title of the Certification Practice Statement
  "privacyPolicyName",
  "arbitrationInstitution", // clause 7.4
] as const;
export type AgreementVariableName = (typeof AGREEMENT_VARIABLE_NAMES)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Thrown when a text uses a placeholder for which no value was given. */
export class AgreementTemplateError extends Error {
  readonly code = "AGREEMENT_VARIABLE_MISSING";
  constructor(readonly missing: readonly string[]) {
    super(`agreement template variables missing: ${missing.join(", ")}`);
    this.name = "AgreementTemplateError";
  }
}

function allStrings(doc: AgreementDocument): string[] {
  const out = [doc.title, doc.notice];
  const clauses = [...doc.preamble, ...doc.sections.flatMap((s) => s.clauses)];
  out.push(...doc.sections.map((s) => s.heading));
  for (const c of clauses) {
    out.push(c.text);
    for (const item of c.items ?? []) out.push(item.label, item.text);
  }
  return out;
}

/** Every placeholder name used anywhere in the document, sorted. */
export function templateVariablesOf(doc: AgreementDocument): string[] {
  const names = new Set<string>();
  for (const s of allStrings(doc)) for (const m of s.matchAll(PLACEHOLDER)) names.add(m[1]!);
  return [...names].sort();
}

/** Replaces placeholders; refuses to leave any unfilled, since a blank CA name is worse than an error. */
export function fillTemplate(text: string, vars: AgreementVariables): string {
  const missing = new Set<string>();
  const result = text.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    if (value === undefined || value.trim() === "") {
      missing.add(name);
      return "";
    }
    return value;
  });
  if (missing.size > 0) throw new AgreementTemplateError([...missing].sort());
  return result;
}

/** The whole document with its placeholders filled; throws listing every missing variable at once. */
export function fillDocument(doc: AgreementDocument, vars: AgreementVariables): AgreementDocument {
  const missing = templateVariablesOf(doc).filter((n) => !(vars[n]?.trim()));
  if (missing.length > 0) throw new AgreementTemplateError(missing);
  const fillClause = (c: AgreementDocument["preamble"][number]) => ({
    ...c,
    text: fillTemplate(c.text, vars),
    ...(c.items ? { items: c.items.map((i) => ({ label: fillTemplate(i.label, vars), text: fillTemplate(i.text, vars) })) } : {}),
  });
  return {
    title: fillTemplate(doc.title, vars),
    notice: fillTemplate(doc.notice, vars),
    preamble: doc.preamble.map(fillClause),
    sections: doc.sections.map((s) => ({ ...s, heading: fillTemplate(s.heading, vars), clauses: s.clauses.map(fillClause) })),
  };
}
