import { applicationTransition, type ApplicationEvent, type ApplicationStatus, type FeeStatus } from "./application-transitions";

/** What the application's record says that decides what may happen to it next. */
export interface ApplicationFacts {
  status: ApplicationStatus;
  feeStatus: FeeStatus;
  keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12";
  /** A certificate was issued for it already (issuance happens exactly once). */
  hasCertificate: boolean;
}

/** Every action a page may offer on an application (who may take it is the authority module's business). */
export const APPLICATION_OFFERS = ["submit", "resubmit", "cancel", "approve", "reject", "requestInfo", "issue", "recordPayment", "edit", "discardDraft"] as const;
export type ApplicationOffer = (typeof APPLICATION_OFFERS)[number];

export type ApplicationRefusal =
  | "INVALID_STATE_TRANSITION" // the transition table has no such event from this status
  | "APPLICATION_FEE_UNPAID" // issue: the fee of clause 1.9 is not paid yet
  | "KEY_GENERATION_MISMATCH" // issue by an officer: a server-made key is issued when the applicant gives its password
  | "PAYMENT_NOT_DUE" // recordPayment: no fee, or paid already
  | "REVIEW_AWAITS_PAYMENT"; // approve: the profile has a fee and its payment is not recorded yet (clause 1.9)

export type AllowedApplicationAction = { ok: true } | { ok: false; reason: ApplicationRefusal };
export type AllowedApplicationActions = Record<ApplicationOffer, AllowedApplicationAction>;

const EVENT: Readonly<Partial<Record<ApplicationOffer, ApplicationEvent>>> = {
  submit: "SUBMIT",
  resubmit: "RESUBMIT",
  cancel: "CANCEL",
  approve: "APPROVE",
  reject: "REJECT",
  requestInfo: "REQUEST_INFO",
  issue: "ISSUE",
};

const NO = (reason: ApplicationRefusal): AllowedApplicationAction => ({ ok: false, reason });
const YES: AllowedApplicationAction = { ok: true };

const PAYABLE: readonly ApplicationStatus[] = ["SUBMITTED", "NEEDS_INFO", "APPROVED"];
/** A payment is recorded from submission until issuance (clause 1.9), and only while one is due. */
export function paymentRecordable(facts: Pick<ApplicationFacts, "status" | "feeStatus">): AllowedApplicationAction {
  if (!PAYABLE.includes(facts.status)) return NO("INVALID_STATE_TRANSITION");
  return facts.feeStatus === "UNPAID" ? YES : NO("PAYMENT_NOT_DUE");
}

const EDITABLE: readonly ApplicationStatus[] = ["DRAFT", "NEEDS_INFO"];
/** Documents, details, key choice and CSR change only while the applicant holds the application. */
export function applicationEditable(facts: Pick<ApplicationFacts, "status">): AllowedApplicationAction {
  return EDITABLE.includes(facts.status) ? YES : NO("INVALID_STATE_TRANSITION");
}

/**
 * The applicant deletes a draft they abandoned (dashboard, apply wizard): only while nothing was
 * submitted. A submitted application is withdrawn instead (cancel), which the RA sees.
 */
export function draftDiscardable(facts: Pick<ApplicationFacts, "status">): AllowedApplicationAction {
  return facts.status === "DRAFT" ? YES : NO("INVALID_STATE_TRANSITION");
}

/**
 * What the application's state allows, for every offer at once, from the transition table: the
 * answer the RA review and the applicant's pages render, and the reason for each no (a DomainError
 * code the use case throws for it).
 */
export function allowedApplicationActions(facts: ApplicationFacts): AllowedApplicationActions {
  const answers = {} as AllowedApplicationActions;
  for (const offer of APPLICATION_OFFERS) answers[offer] = allowedApplicationAction(offer, facts);
  return answers;
}

/** One answer of `allowedApplicationActions`. */
export function allowedApplicationAction(offer: ApplicationOffer, facts: ApplicationFacts): AllowedApplicationAction {
  switch (offer) {
    case "recordPayment":
      return paymentRecordable(facts);
    case "edit":
      return applicationEditable(facts);
    case "discardDraft":
      return draftDiscardable(facts);
    case "issue": {
      // Issued once: with a certificate on record the application is done, whatever its status says.
      if (facts.hasCertificate) return NO("INVALID_STATE_TRANSITION");
      if (!applicationTransition(facts.status, "ISSUE").ok) return NO("INVALID_STATE_TRANSITION");
      // Clause 1.3: the server makes the key only with the applicant's PKCS#12 password, so an
      // officer never issues it, paid or not (the review page says so instead of a button).
      if (facts.keyGeneration === "SERVER_PKCS12") return NO("KEY_GENERATION_MISMATCH");
      return applicationTransition(facts.status, "ISSUE", { feeStatus: facts.feeStatus }).ok ? YES : NO("APPLICATION_FEE_UNPAID");
    }
    case "approve": {
      const r = applicationTransition(facts.status, "APPROVE", { feeStatus: facts.feeStatus });
      return r.ok ? YES : NO(r.code === "REVIEW_AWAITS_PAYMENT" ? "REVIEW_AWAITS_PAYMENT" : "INVALID_STATE_TRANSITION");
    }
    default: {
      const r = applicationTransition(facts.status, EVENT[offer]!);
      return r.ok ? YES : NO("INVALID_STATE_TRANSITION");
    }
  }
}
