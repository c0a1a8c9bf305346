import type { Certificate } from "@/generated/prisma/client";
import { mayActForOrganisation } from "@/server/agreement/organisation-authority";
import type { Actor, Tx } from "@/server/core/context";
import { domainError } from "@/server/core/errors";

/**
 * What the holder is doing. A loss report only protects (it suspends, reversibly), so the person
 * named in an organisation's certificate may make it as well as the organisation; revoking and
 * releasing a hold decide for the organisation, so they need its administrator or an agent whose
 * authorisation covers REVOKE at that moment.
 */
export type HolderPurpose = "LOSS_REPORT" | "REVOCATION" | "HOLD_RELEASE" | "RECEIPT";

export interface HolderAuthority {
  /** The organisation the actor acts for (recorded on the request and in the audit event). */
  onBehalfOfOrganisationId: string | null;
}

/**
 * Whether the actor may act as the certificate's subscriber. Anyone else gets NOT_FOUND, so
 * certificate ids cannot be probed through these flows.
 */
export async function requireHolder(
  tx: Tx,
  cert: Pick<Certificate, "subscriberUserId" | "subscriberOrganisationId">,
  actor: Actor,
  purpose: HolderPurpose,
  now: Date,
): Promise<HolderAuthority> {
  if (cert.subscriberOrganisationId) {
    const orgId = cert.subscriberOrganisationId;
    if (await mayActForOrganisation(tx, { userId: actor.userId, organisationId: orgId, scope: "REVOKE", now })) {
      return { onBehalfOfOrganisationId: orgId };
    }
    const namedHolder = cert.subscriberUserId === actor.userId;
    if (namedHolder && (purpose === "LOSS_REPORT" || purpose === "RECEIPT")) return { onBehalfOfOrganisationId: orgId };
    throw domainError("NOT_FOUND");
  }
  if (cert.subscriberUserId !== actor.userId) throw domainError("NOT_FOUND");
  return { onBehalfOfOrganisationId: null };
}

/** Separation of duties: an officer never handles a request they made or one about their own certificate. */
export function assertNotOwnRequest(
  actor: Actor,
  request: { requestedById: string | null },
  cert: Pick<Certificate, "subscriberUserId">,
): void {
  if (request.requestedById === actor.userId || cert.subscriberUserId === actor.userId) throw domainError("REVOCATION_OWN_REQUEST");
}
