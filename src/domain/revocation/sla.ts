/**
 * Clause 1.4: the CA revokes within 24 hours of receiving a compliant written request. The clock
 * runs in elapsed hours, not working hours (the clause says hours, and a lost key does not wait
 * for Monday), from the moment the request became compliant: the requester's identity confirmed
 * by an RA officer, or at once when the request is signed with the certificate's own key.
 */
export const REVOCATION_SLA_MS = 24 * 60 * 60 * 1000;
/** Officers are alerted when less than this remains. */
export const REVOCATION_DUE_SOON_MS = 4 * 60 * 60 * 1000;

export type ComplianceConfirmation =
  | { method: "KEY_SIGNATURE"; receivedAt: Date } // the signature proves control of the key
  | { method: "OFFICER"; confirmedAt: Date };

/** The instant a request became compliant, which starts the clock. */
export function compliantAt(confirmation: ComplianceConfirmation): Date {
  return confirmation.method === "KEY_SIGNATURE" ? confirmation.receivedAt : confirmation.confirmedAt;
}

export function revocationDue(compliantAtInstant: Date): Date {
  return new Date(compliantAtInstant.getTime() + REVOCATION_SLA_MS);
}

export type SlaState = "ok" | "dueSoon" | "overdue";

/**
 * For a request not yet carried out. Revoking at the due instant itself is still "within 24
 * hours", so the request becomes overdue only after it.
 */
export function slaState(now: Date, dueAt: Date): SlaState {
  const remaining = dueAt.getTime() - now.getTime();
  if (remaining < 0) return "overdue";
  if (remaining < REVOCATION_DUE_SOON_MS) return "dueSoon";
  return "ok";
}

/** For a request carried out: was the deadline met? (history of met and missed deadlines). */
export function slaOutcome(dueAt: Date, doneAt: Date): "met" | "missed" {
  return doneAt.getTime() <= dueAt.getTime() ? "met" : "missed";
}
