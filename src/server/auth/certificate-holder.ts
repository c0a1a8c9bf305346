import type { AgentScope, Certificate } from "@/generated/prisma/client";
import { type Actor, type Tx, domainError } from "@/server/core";
import { mayActForOrganisation } from "./organisation-authority";

/**
 * What the holder is doing, and what that asks of someone acting for a subscribing organisation:
 * the agent scope their authorisation must cover, and whether the person named in the
 * organisation's certificate may do it too. Testing, accepting, objecting, seeing the certificate
 * and asking for support (TEST) and a loss report (it only protects: it suspends, reversibly) or
 * its receipt are open to the named holder; downloading, revoking and releasing a hold decide for
 * the organisation, so they need its administrator or an agent whose authorisation covers them.
 */
export const HOLDER_PURPOSES = {
  TEST: { scope: "TEST", namedHolderMay: true },
  DOWNLOAD: { scope: "DOWNLOAD", namedHolderMay: false },
  LOSS_REPORT: { scope: "REVOKE", namedHolderMay: true },
  RECEIPT: { scope: "REVOKE", namedHolderMay: true },
  REVOCATION: { scope: "REVOKE", namedHolderMay: false },
  HOLD_RELEASE: { scope: "REVOKE", namedHolderMay: false },
} as const satisfies Record<string, { scope: AgentScope; namedHolderMay: boolean }>;

export type HolderPurpose = keyof typeof HOLDER_PURPOSES;

export interface HolderAuthority {
  /** The organisation the actor acts for (recorded on the request and in the audit event). */
  onBehalfOfOrganisationId: string | null;
}

/**
 * Whether the actor may act as the certificate's subscriber for this purpose: the subscriber in
 * person, or, for an organisation's certificate, someone who may act for the organisation with
 * the purpose's scope now (or its named holder where the purpose allows). Anyone else gets
 * NOT_FOUND, so certificate ids cannot be probed.
 */
export async function requireHolder(
  tx: Tx,
  cert: Pick<Certificate, "subscriberUserId" | "subscriberOrganisationId">,
  actor: Actor,
  purpose: HolderPurpose,
  now: Date,
): Promise<HolderAuthority> {
  const { scope, namedHolderMay } = HOLDER_PURPOSES[purpose];
  if (cert.subscriberOrganisationId) {
    const orgId = cert.subscriberOrganisationId;
    if (await mayActForOrganisation(tx, { userId: actor.userId, organisationId: orgId, scope, now })) {
      return { onBehalfOfOrganisationId: orgId };
    }
    if (namedHolderMay && cert.subscriberUserId === actor.userId) return { onBehalfOfOrganisationId: orgId };
    throw domainError("NOT_FOUND");
  }
  if (cert.subscriberUserId !== actor.userId) throw domainError("NOT_FOUND");
  return { onBehalfOfOrganisationId: null };
}
