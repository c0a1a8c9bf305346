import { workingDayPeriod, type LocalDate, type WorkCalendar } from "@/domain/calendar";
import type { CertificateStatus } from "@/domain/certificate";
import { applicationTransition, type ApplicationStatus, type FeeStatus } from "./application-transitions";

/**
 * Issue 15, item 3: every step a subscriber waits on says what happens next and who acts. One
 * answer, decided here, for the dashboard, the application page and the mails; pages only word it.
 *
 * Who acts: the applicant (for an organisation, the agent who applied), the registration
 * authority, or the CA (an unconfirmed statutory calendar holds a deemed acceptance back).
 */
export type NextStepActor = "APPLICANT" | "RA" | "CA";

export type NextStep =
  | { step: "CONTINUE_DRAFT"; actor: "APPLICANT" }
  | { step: "ANSWER_RA"; actor: "APPLICANT" }
  /** The profile has a fee and review follows its recorded payment (clause 1.9). */
  | { step: "PAY_FEE"; actor: "APPLICANT"; feeCents: number }
  /** The RA reviews, expected within `workingDays` working days (to the end of `expectedBy`). */
  | { step: "RA_REVIEW"; actor: "RA"; workingDays: number; expectedBy: LocalDate; overdue: boolean; provisional: boolean }
  /** Approved, server-made key: the certificate is made when the applicant sets the PKCS#12 password (clause 1.3). */
  | { step: "SET_PKCS12_PASSWORD"; actor: "APPLICANT" }
  /** Approved with the applicant's own key: an RA officer issues the certificate. */
  | { step: "RA_ISSUE"; actor: "RA" }
  /** Issued, not received yet: the subscriber downloads it (clause 1.7). */
  | { step: "DOWNLOAD"; actor: "APPLICANT"; certificateId: string }
  /** Received: test within the window, accept or object (clause 1.8); silence is acceptance at `until`. */
  | { step: "TEST"; actor: "APPLICANT"; certificateId: string; until: Date; provisional: boolean }
  /** An objection raised in time is with the RA (clause 2.2). */
  | { step: "RA_OBJECTION"; actor: "RA"; certificateId: string }
  /** The objection was settled by consultation: the subscriber accepts explicitly. */
  | { step: "ACCEPT"; actor: "APPLICANT"; certificateId: string }
  /** The window closed on a provisional deadline: acceptance waits for the CA to confirm the calendar year. */
  | { step: "CALENDAR_CONFIRMATION"; actor: "CA"; certificateId: string };

export type NextStepName = NextStep["step"];

/** What the application's record and its certificate (if issued) say, as the read models load them. */
export interface NextStepFacts {
  status: ApplicationStatus;
  feeStatus: FeeStatus;
  feeCents: number;
  keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12";
  /** Submission (or the latest resubmission) time. */
  submittedAt: Date | null;
  /** When the RA recorded the payment; review of a paid application starts then. */
  paymentRecordedAt: Date | null;
  certificate: {
    id: string;
    status: CertificateStatus;
    testWindowDeadline: Date | null;
    testWindowProvisional: boolean;
    awaiting: "CALENDAR_CONFIRMATION" | "EXPLICIT_ACCEPTANCE_AFTER_OBJECTION" | null;
  } | null;
}

/** The RA's review promise: a setting (REVIEW_WORKING_DAYS), counted on the statutory calendar. */
export interface ReviewPromise {
  workingDays: number;
  calendar: WorkCalendar;
}

/**
 * When the RA's review is expected to end: `workingDays` working days after review could start,
 * that is after submission, or after the payment was recorded when it came later.
 */
export function reviewExpectation(startedAt: Date, promise: ReviewPromise) {
  const period = workingDayPeriod(startedAt, promise.workingDays, promise.calendar);
  return { workingDays: promise.workingDays, expectedBy: period.lastWorkingDay, endsAt: period.endsAt, provisional: period.provisional };
}

/** When the RA's review of an application started: its submission, or the recorded payment if that came later. */
export function reviewStartedAt(facts: Pick<NextStepFacts, "submittedAt" | "paymentRecordedAt">): Date | null {
  if (!facts.submittedAt) return null;
  if (facts.paymentRecordedAt && facts.paymentRecordedAt.getTime() > facts.submittedAt.getTime()) return facts.paymentRecordedAt;
  return facts.submittedAt;
}

/** Whether the answer for these facts is RA_REVIEW, the one step that reads the review promise (and so the calendar). */
export function awaitsReview(facts: Pick<NextStepFacts, "status" | "feeStatus">): boolean {
  return facts.status === "SUBMITTED" && !waitsForPayment(facts, "APPROVE");
}

/**
 * Whether the transition table holds the RA's next move back for the fee (APPROVE before review,
 * ISSUE after approval): the rule that refuses the officer is the one that tells the applicant to pay.
 */
function waitsForPayment(facts: Pick<NextStepFacts, "status" | "feeStatus">, event: "APPROVE" | "ISSUE"): boolean {
  const t = applicationTransition(facts.status, event, { feeStatus: facts.feeStatus });
  return !t.ok && (t.code === "REVIEW_AWAITS_PAYMENT" || t.code === "APPLICATION_FEE_UNPAID");
}

/**
 * The next step of an application, or null when nobody is waiting on anything (rejected,
 * cancelled, or its certificate accepted, revoked or expired). `now` decides only whether an
 * expected review date has passed. `promise` is needed only when awaitsReview(facts).
 */
export function applicationNextStep(facts: NextStepFacts, now: Date, promise?: ReviewPromise): NextStep | null {
  switch (facts.status) {
    case "DRAFT":
      return { step: "CONTINUE_DRAFT", actor: "APPLICANT" };
    case "NEEDS_INFO":
      return { step: "ANSWER_RA", actor: "APPLICANT" };
    case "SUBMITTED": {
      if (waitsForPayment(facts, "APPROVE")) return { step: "PAY_FEE", actor: "APPLICANT", feeCents: facts.feeCents };
      if (!promise) throw new Error("applicationNextStep: an application under review needs the review promise");
      const started = reviewStartedAt(facts) ?? now;
      const r = reviewExpectation(started, promise);
      return { step: "RA_REVIEW", actor: "RA", workingDays: r.workingDays, expectedBy: r.expectedBy, overdue: now.getTime() >= r.endsAt.getTime(), provisional: r.provisional };
    }
    case "APPROVED":
      // An application approved before review waited for payment still owes it before issuance.
      if (waitsForPayment(facts, "ISSUE")) return { step: "PAY_FEE", actor: "APPLICANT", feeCents: facts.feeCents };
      return facts.keyGeneration === "SERVER_PKCS12" ? { step: "SET_PKCS12_PASSWORD", actor: "APPLICANT" } : { step: "RA_ISSUE", actor: "RA" };
    case "ISSUED":
      return facts.certificate ? certificateNextStep(facts.certificate) : null;
    default:
      return null;
  }
}

/** The next step of an issued certificate, from its derived state (deriveCertificateState), or null when none is pending. */
export function certificateNextStep(c: NonNullable<NextStepFacts["certificate"]>): NextStep | null {
  switch (c.status) {
    case "PENDING_DELIVERY":
      return { step: "DOWNLOAD", actor: "APPLICANT", certificateId: c.id };
    case "IN_TEST_WINDOW":
      return c.testWindowDeadline ? { step: "TEST", actor: "APPLICANT", certificateId: c.id, until: c.testWindowDeadline, provisional: c.testWindowProvisional } : null;
    case "OBJECTED":
      return { step: "RA_OBJECTION", actor: "RA", certificateId: c.id };
    case "AWAITING_ACCEPTANCE":
      return c.awaiting === "EXPLICIT_ACCEPTANCE_AFTER_OBJECTION"
        ? { step: "ACCEPT", actor: "APPLICANT", certificateId: c.id }
        : { step: "CALENDAR_CONFIRMATION", actor: "CA", certificateId: c.id };
    default:
      return null;
  }
}
