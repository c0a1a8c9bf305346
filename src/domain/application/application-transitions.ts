/** Mirrors the Prisma enum ApplicationStatus. */
export type ApplicationStatus = "DRAFT" | "SUBMITTED" | "NEEDS_INFO" | "APPROVED" | "REJECTED" | "ISSUED" | "CANCELLED";

export type ApplicationEvent =
  | "SUBMIT" // applicant, with the declarations of clauses 1.1 and 1.2
  | "REQUEST_INFO" // RA officer asks for more information
  | "RESUBMIT" // applicant, after amending
  | "APPROVE" // RA officer
  | "REJECT" // RA officer, with a reason
  | "ISSUE" // RA officer or the system, once approved and paid
  | "CANCEL"; // applicant withdraws, or an officer closes an abandoned one

/** Who performs each event; the use case still checks the actor's roles and relation. */
export const APPLICATION_EVENT_PERFORMER: Readonly<Record<ApplicationEvent, "APPLICANT" | "RA_OFFICER" | "APPLICANT_OR_RA_OFFICER">> = {
  SUBMIT: "APPLICANT",
  REQUEST_INFO: "RA_OFFICER",
  RESUBMIT: "APPLICANT",
  APPROVE: "RA_OFFICER",
  REJECT: "RA_OFFICER",
  ISSUE: "RA_OFFICER",
  CANCEL: "APPLICANT_OR_RA_OFFICER",
};

const TRANSITIONS: Readonly<Record<ApplicationStatus, Partial<Record<ApplicationEvent, ApplicationStatus>>>> = {
  DRAFT: { SUBMIT: "SUBMITTED", CANCEL: "CANCELLED" },
  SUBMITTED: { REQUEST_INFO: "NEEDS_INFO", APPROVE: "APPROVED", REJECT: "REJECTED", CANCEL: "CANCELLED" },
  NEEDS_INFO: { RESUBMIT: "SUBMITTED", REJECT: "REJECTED", CANCEL: "CANCELLED" },
  // Approved but not yet issued: waiting for the fee (clause 1.9) or for the CSR.
  APPROVED: { ISSUE: "ISSUED", CANCEL: "CANCELLED" },
  REJECTED: {},
  ISSUED: {},
  CANCELLED: {},
};

export const TERMINAL_APPLICATION_STATUSES: readonly ApplicationStatus[] = ["REJECTED", "ISSUED", "CANCELLED"];

export type FeeStatus = "NOT_REQUIRED" | "UNPAID" | "PAID";

export type ApplicationTransitionResult =
  | { ok: true; from: ApplicationStatus; to: ApplicationStatus }
  | { ok: false; code: "APPLICATION_INVALID_TRANSITION"; from: ApplicationStatus; event: ApplicationEvent }
  | { ok: false; code: "APPLICATION_FEE_UNPAID"; from: ApplicationStatus; event: ApplicationEvent }
  | { ok: false; code: "REVIEW_AWAITS_PAYMENT"; from: ApplicationStatus; event: ApplicationEvent };

/** The status an event leads to, or the reason it may not happen now. */
export function applicationTransition(
  from: ApplicationStatus,
  event: ApplicationEvent,
  guard: { feeStatus?: FeeStatus } = {},
): ApplicationTransitionResult {
  const to = TRANSITIONS[from][event];
  if (!to) return { ok: false, code: "APPLICATION_INVALID_TRANSITION", from, event };
  if (event === "ISSUE" && guard.feeStatus === "UNPAID") return { ok: false, code: "APPLICATION_FEE_UNPAID", from, event };
  // Clause 1.9 as the applicant is told it ("注册机构登记付款后审核您的申请"): where the profile has a
  // fee, the RA approves only once the payment is recorded. Rejecting or asking for more
  // information stays possible, so nobody pays for an application that cannot succeed.
  if (event === "APPROVE" && guard.feeStatus === "UNPAID") return { ok: false, code: "REVIEW_AWAITS_PAYMENT", from, event };
  return { ok: true, from, to };
}

/** The events possible from a status (for showing only the buttons that can work). */
export function applicationEventsFrom(from: ApplicationStatus): ApplicationEvent[] {
  return Object.keys(TRANSITIONS[from]) as ApplicationEvent[];
}
