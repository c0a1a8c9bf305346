import type { AcceptanceContext } from "@/generated/prisma/client";
import { type Tx, domainError } from "@/server/core";
import { findCurrentAgreementVersion } from "./current-agreement";

/**
 * Apply, renew, update and download call this first (preamble; 7.5): the person (for the
 * organisation, when an agent acts) must hold an active acceptance of the version in force now,
 * for this context. A newer version makes the earlier acceptance insufficient even before the
 * subscriber comes back, so the check compares versions rather than trusting "has accepted".
 */
export async function requireAcceptedAgreement(
  tx: Tx,
  args: { userId: string; onBehalfOfOrganisationId?: string | null; context: AcceptanceContext; now: Date },
): Promise<{ acceptanceId: string; version: number }> {
  const current = await findCurrentAgreementVersion(tx, args.now);
  if (!current) throw domainError("INTERNAL", { reason: "no agreement version in force" });
  const acceptance = await tx.agreementAcceptance.findFirst({
    where: {
      userId: args.userId,
      onBehalfOfOrganisationId: args.onBehalfOfOrganisationId ?? null,
      context: args.context,
      supersededAt: null,
      versionId: current.id,
      acceptedAt: { lte: args.now },
    },
    select: { id: true },
  });
  if (!acceptance) throw domainError("AGREEMENT_NOT_ACCEPTED", { version: current.version });
  return { acceptanceId: acceptance.id, version: current.version };
}
