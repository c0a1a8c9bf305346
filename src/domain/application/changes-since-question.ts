/**
 * What the applicant changed after the RA asked for more information, worked out from stored
 * facts only: the round's time and the subject details saved when the question was asked
 * (ApplicationInfoRequest.detailsAtQuestion), each document's createdAt, and the withdrawnAt of a
 * document the RA had seen and the applicant removed. Nothing is inferred from the audit log.
 */

export interface DocumentFact {
  id: string;
  kind: string;
  fileName: string;
  createdAt: Date;
  /** Set when the applicant removed a document the RA had already seen (kept as a record). */
  withdrawnAt: Date | null;
}

export interface DetailChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ChangesSinceQuestion {
  /** Documents uploaded after the question and still part of the application. */
  added: DocumentFact[];
  /** Documents the RA had seen when asking, withdrawn by the applicant since. */
  removed: DocumentFact[];
  /** Subject detail fields whose value differs from the one at the question, by field name. */
  details: DetailChange[];
}

export function changesSinceQuestion(
  round: { askedAt: Date; detailsAtQuestion: unknown },
  now: { subjectDetails: unknown; documents: readonly DocumentFact[] },
): ChangesSinceQuestion {
  const asked = round.askedAt.getTime();
  const added = now.documents.filter((d) => d.withdrawnAt === null && d.createdAt.getTime() > asked);
  const removed = now.documents.filter((d) => d.withdrawnAt !== null && d.withdrawnAt.getTime() > asked && d.createdAt.getTime() <= asked);
  const before = asRecord(round.detailsAtQuestion);
  const after = asRecord(now.subjectDetails);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const details = fields.filter((f) => stable(before[f]) !== stable(after[f])).map((field) => ({ field, before: before[field], after: after[field] }));
  return { added, removed, details };
}

/** True when the applicant changed nothing the officer could see (an answer alone). */
export function nothingChanged(c: ChangesSinceQuestion): boolean {
  return c.added.length === 0 && c.removed.length === 0 && c.details.length === 0;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** JSON with sorted keys: { kind, name } and { name, kind } are the same usage scope. */
function stable(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stable(o[k])}`).join(",")}}`;
}
