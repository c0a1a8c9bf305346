"use server";

import { defineRedirectAction, formText as field } from "@/server/web/define-action";
import { revokeAgentAuthorisation } from "@/server/organisation/revoke-agent-authorisation";
import { verifyAgentAuthorisation } from "@/server/organisation/verify-agent-authorisation";

export const verifyLetterAction = defineRedirectAction({ ok: "verified", run: (ctx, f) => verifyAgentAuthorisation(ctx, { authorisationId: field(f, "authorisationId") }) });

/** A letter that does not hold up: the authorisation is revoked with the officer's reason, which the organisation sees. */
export const rejectLetterAction = defineRedirectAction({
  ok: "rejected",
  run: (ctx, f) => revokeAgentAuthorisation(ctx, { authorisationId: field(f, "authorisationId"), reason: field(f, "reason") }),
});
