import type { RevocationRequestStatusName } from "./request-actions";

/**
 * A request is open while it is being handled: received (identity not yet confirmed) or compliant
 * (confirmed, the revocation still to be carried out). One open request per kind and certificate;
 * the holder's page shows an open one instead of offering the form again.
 */
export const OPEN_REQUEST_STATUSES = ["RECEIVED", "COMPLIANT"] as const satisfies readonly RevocationRequestStatusName[];

export function isOpenRequest(r: { status: RevocationRequestStatusName }): boolean {
  return (OPEN_REQUEST_STATUSES as readonly string[]).includes(r.status);
}
