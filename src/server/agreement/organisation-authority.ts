import type { AgentScope } from "@/generated/prisma/client";
import type { Tx } from "@/server/core/context";

/**
 * Whether a user may act for an organisation at an instant: as one of its administrators, or as
 * an agent (经办人) whose authorisation is in force then, covers the action and whose letter an
 * RA officer has checked (verifiedAt). An expired, revoked or unchecked authorisation answers
 * false; the caller turns that into FORBIDDEN.
 */
export async function mayActForOrganisation(
  tx: Tx,
  args: { userId: string; organisationId: string; scope: AgentScope; now: Date },
): Promise<boolean> {
  const admin = await tx.organisationMember.findFirst({
    where: { userId: args.userId, organisationId: args.organisationId, role: "ADMIN", removedAt: null },
    select: { id: true },
  });
  if (admin) return true;
  const authorisations = await tx.agentAuthorisation.findMany({
    where: {
      agentUserId: args.userId,
      organisationId: args.organisationId,
      revokedAt: null,
      // An organisation admin can name anyone an agent; only the RA's check of the signed and
      // stamped letter makes that claim count.
      verifiedAt: { not: null },
      validFrom: { lte: args.now },
      validUntil: { gt: args.now },
    },
    select: { scope: true },
  });
  // The scope is matched here, not with Prisma's `has`: the PGlite adapter sends an enum-array
  // filter value as a plain string and PostgreSQL rejects it ("malformed array literal").
  return authorisations.some((a) => a.scope.includes(args.scope));
}
