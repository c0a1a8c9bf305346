/** Mirrors the Prisma enum ProblemReportStatus. */
export type ProblemReportStatusName = "RECEIVED" | "PRELIMINARY_SENT" | "CLOSED";

export type ProblemReportRefusal =
  | "PROBLEM_REPORT_PRELIMINARY_SENT" // the preliminary report went out already
  | "PROBLEM_REPORT_PRELIMINARY_FIRST" // an outcome comes after the preliminary report (BR 4.9.5)
  | "PROBLEM_REPORT_CLOSED" // an outcome was decided
  | "PROBLEM_REPORT_REVOCATION_BY_CA"; // no key compromise the system verified: revoking is the CA administrators' decision, under dual control

export type ProblemReportAnswer = { ok: true } | { ok: false; reason: ProblemReportRefusal };
export interface AllowedProblemReportActions {
  sendPreliminary: ProblemReportAnswer;
  /** Close the report with no action (after the preliminary report). */
  decide: ProblemReportAnswer;
  /** Close it by revoking: decide's answer, narrowed by who may revoke on this report. */
  revoke: ProblemReportAnswer;
}

/**
 * What a report's state allows: the staff page renders it, the use cases enforce it (each reason
 * is the DomainError code they throw). The preliminary report comes first, once: it is what the
 * 24-hour clock measures; the outcome (revoke or no action) closes the report.
 */
export function allowedProblemReportActions(r: { status: ProblemReportStatusName; keyProof: string | null; certificateRevoked: boolean }): AllowedProblemReportActions {
  if (r.status === "CLOSED") {
    const closed = { ok: false, reason: "PROBLEM_REPORT_CLOSED" } as const;
    return { sendPreliminary: closed, decide: closed, revoke: closed };
  }
  if (r.status === "RECEIVED") {
    const first = { ok: false, reason: "PROBLEM_REPORT_PRELIMINARY_FIRST" } as const;
    return { sendPreliminary: { ok: true }, decide: first, revoke: first };
  }
  return { sendPreliminary: { ok: false, reason: "PROBLEM_REPORT_PRELIMINARY_SENT" }, decide: { ok: true }, revoke: officerMayRevoke(r) };
}

/**
 * Who revokes on a report. A key compromise the system verified (a signature by the key, or the
 * key itself) is a fact, not a judgement: the officer revokes at once, inside the Baseline
 * Requirements' 24 hours. Anything else (misuse, fraud, content, an unproven compromise) is the
 * CA's judgement against the subscriber's will, which one person must not make alone: reports are
 * anonymous, so an officer could otherwise file one and decide it. The CA administrators revoke
 * through a CA revocation under dual control; once it is done, the officer closes the report as
 * revoked (recording the revocation that was made, revoking nothing new).
 */
function officerMayRevoke(r: { keyProof: string | null; certificateRevoked: boolean }): ProblemReportAnswer {
  return r.keyProof !== null || r.certificateRevoked ? { ok: true } : { ok: false, reason: "PROBLEM_REPORT_REVOCATION_BY_CA" };
}
