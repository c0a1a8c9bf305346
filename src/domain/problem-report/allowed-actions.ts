/** Mirrors the Prisma enum ProblemReportStatus. */
export type ProblemReportStatusName = "RECEIVED" | "PRELIMINARY_SENT" | "CLOSED";

export type ProblemReportRefusal =
  | "PROBLEM_REPORT_PRELIMINARY_SENT" // the preliminary report went out already
  | "PROBLEM_REPORT_PRELIMINARY_FIRST" // an outcome comes after the preliminary report (BR 4.9.5)
  | "PROBLEM_REPORT_CLOSED"; // an outcome was decided

export type ProblemReportAnswer = { ok: true } | { ok: false; reason: ProblemReportRefusal };
export interface AllowedProblemReportActions {
  sendPreliminary: ProblemReportAnswer;
  decide: ProblemReportAnswer;
}

/**
 * What a report's state allows: the staff page renders it, the use cases enforce it (each reason
 * is the DomainError code they throw). The preliminary report comes first, once: it is what the
 * 24-hour clock measures; the outcome (revoke or no action) closes the report.
 */
export function allowedProblemReportActions(r: { status: ProblemReportStatusName }): AllowedProblemReportActions {
  if (r.status === "CLOSED") return { sendPreliminary: { ok: false, reason: "PROBLEM_REPORT_CLOSED" }, decide: { ok: false, reason: "PROBLEM_REPORT_CLOSED" } };
  if (r.status === "PRELIMINARY_SENT") return { sendPreliminary: { ok: false, reason: "PROBLEM_REPORT_PRELIMINARY_SENT" }, decide: { ok: true } };
  return { sendPreliminary: { ok: true }, decide: { ok: false, reason: "PROBLEM_REPORT_PRELIMINARY_FIRST" } };
}
