import { fillDocument } from "./template";
import type { AgreementClause, AgreementDocument, AgreementSection, AgreementVariables } from "./types";

const CHINESE_NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** Chinese texts number their parts 一、二、…; the document's own language decides. */
function looksChinese(doc: AgreementDocument): boolean {
  return /[\u4e00-\u9fff]/.test(doc.title + doc.notice);
}

function sectionHeading(section: AgreementSection, chinese: boolean): string {
  const n = Number(section.number);
  if (chinese && Number.isInteger(n) && n >= 0 && n < CHINESE_NUMERALS.length) {
    return `${CHINESE_NUMERALS[n]}、${section.heading}`;
  }
  return `${section.number}. ${section.heading}`;
}

function clauseLines(clause: AgreementClause, section: AgreementSection | null): string[] {
  // A section made of one clause carries the section's own number: do not print it twice.
  const numbered = section !== null && clause.number !== section.number;
  const lines = [numbered ? `${clause.number} ${clause.text}` : clause.text];
  for (const item of clause.items ?? []) {
    // Full-width labels such as "（一）" carry their own spacing; "(1)" needs a space.
    const sep = /[\u3000-\u303f\uff00-\uffef]$/.test(item.label) ? "" : " ";
    lines.push(`${item.label}${sep}${item.text}`);
  }
  return lines;
}

/**
 * The canonical plain-text rendering: what a subscriber reads when no styling is available, what
 * goes into a paper form, and what a receipt quotes. Paragraphs are separated by one blank line.
 */
export function renderAgreementPlain(doc: AgreementDocument, vars: AgreementVariables): string {
  const filled = fillDocument(doc, vars);
  const chinese = looksChinese(filled);
  const blocks: string[] = [filled.title, filled.notice];
  for (const c of filled.preamble) blocks.push(clauseLines(c, null).join("\n"));
  for (const s of filled.sections) {
    blocks.push(sectionHeading(s, chinese));
    for (const c of s.clauses) blocks.push(clauseLines(c, s).join("\n"));
  }
  return blocks.join("\n\n") + "\n";
}
