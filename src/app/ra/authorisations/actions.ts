"use server";

import { field, runConsoleAction } from "@/app/ra/actions/run-action";
import { revokeAgentAuthorisation } from "@/server/organisation/revoke-agent-authorisation";
import { verifyAgentAuthorisation } from "@/server/organisation/verify-agent-authorisation";

export async function verifyLetterAction(f: FormData) {
  return runConsoleAction(f, "verified", (ctx) => verifyAgentAuthorisation(ctx, { authorisationId: field(f, "authorisationId") }));
}

/** A letter that does not hold up: the authorisation is revoked with the officer's reason, which the organisation sees. */
export async function rejectLetterAction(f: FormData) {
  return runConsoleAction(f, "rejected", (ctx) => revokeAgentAuthorisation(ctx, { authorisationId: field(f, "authorisationId"), reason: field(f, "reason") }));
}
