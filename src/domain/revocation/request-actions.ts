/** Mirror the Prisma enums RevocationRequestKind and RevocationRequestStatus. */
export type RevocationRequestKindName = "LOSS_REPORT" | "REVOCATION" | "HOLD_RELEASE" | "CA_INITIATED";
export type RevocationRequestStatusName = "RECEIVED" | "COMPLIANT" | "DONE" | "REJECTED";

/** What an RA officer may do with a subscriber's request (who may is the authority module's business). */
export const REVOCATION_REQUEST_OFFERS = ["confirm", "reject", "carryOut"] as const;
export type RevocationRequestOffer = (typeof REVOCATION_REQUEST_OFFERS)[number];

export type RevocationRequestRefusal =
  | "REVOCATION_REQUEST_ALREADY_CONFIRMED" // confirm/reject: confirmed compliant already, the 24-hour clock runs
  | "REVOCATION_REQUEST_CLOSED" // done or rejected
  | "REVOCATION_REQUEST_NOT_COMPLIANT" // carryOut: the request must be confirmed compliant first (clause 1.4)
  | "REVOCATION_REQUEST_DONE" // carryOut: carried out already (the use case answers the repeat as before)
  | "INVALID_STATE_TRANSITION"; // carryOut: only a revocation request is carried out as a revocation

export type AllowedRequestAction<R extends RevocationRequestRefusal = RevocationRequestRefusal> = { ok: true } | { ok: false; reason: R };
type DecisionRefusal = "REVOCATION_REQUEST_ALREADY_CONFIRMED" | "REVOCATION_REQUEST_CLOSED";
export interface AllowedRevocationRequestActions {
  confirm: AllowedRequestAction<DecisionRefusal>;
  reject: AllowedRequestAction<DecisionRefusal>;
  carryOut: AllowedRequestAction;
}

const NO = <R extends RevocationRequestRefusal>(reason: R): AllowedRequestAction<R> => ({ ok: false, reason });

/** Confirming (identity checked: the clock of clause 1.4 starts) and rejecting both close the RECEIVED step. */
function decidable(status: RevocationRequestStatusName): AllowedRequestAction<DecisionRefusal> {
  if (status === "RECEIVED") return { ok: true };
  return NO(status === "COMPLIANT" ? "REVOCATION_REQUEST_ALREADY_CONFIRMED" : "REVOCATION_REQUEST_CLOSED");
}

/**
 * What a revocation request's state allows: the answer the RA case page renders and the confirm,
 * reject and carry-out use cases enforce (each reason is the DomainError code they throw).
 */
export function allowedRevocationRequestActions(facts: { kind: RevocationRequestKindName; status: RevocationRequestStatusName }): AllowedRevocationRequestActions {
  return { confirm: decidable(facts.status), reject: decidable(facts.status), carryOut: carryOut(facts) };
}

function carryOut({ kind, status }: { kind: RevocationRequestKindName; status: RevocationRequestStatusName }): AllowedRequestAction {
  // A loss report is carried out by the hold it set at once, a hold release by its confirmation.
  if (kind !== "REVOCATION") return NO("INVALID_STATE_TRANSITION");
  if (status === "RECEIVED") return NO("REVOCATION_REQUEST_NOT_COMPLIANT");
  if (status === "REJECTED") return NO("REVOCATION_REQUEST_CLOSED");
  if (status === "DONE") return NO("REVOCATION_REQUEST_DONE");
  return { ok: true };
}
