import type { AgentScope } from "@/generated/prisma/client";
import type { Tx } from "@/server/core/context";
import { domainError } from "@/server/core/errors";

export type OrganisationAuthority = { via: "ADMIN" } | { via: "AGENT"; authorisationId: string };

export async function isOrganisationAdmin(tx: Tx, userId: string, organisationId: string): Promise<boolean> {
  const m = await tx.organisationMember.findFirst({
    where: { userId, organisationId, role: "ADMIN", removedAt: null },
    select: { id: true },
  });
  return m !== null;
}

/**
 * Like `mayActForOrganisation`, but says why not: an agent whose letter expired, was revoked or
 * still waits for the RA's check gets that reason (they can ask the organisation for a new one),
 * someone with no relation to the organisation gets FORBIDDEN and learns nothing more.
 */
export async function requireOrganisationAuthority(
  tx: Tx,
  args: { userId: string; organisationId: string; scope: AgentScope; now: Date },
): Promise<OrganisationAuthority> {
  if (await isOrganisationAdmin(tx, args.userId, args.organisationId)) return { via: "ADMIN" };
  const all = await tx.agentAuthorisation.findMany({
    where: { agentUserId: args.userId, organisationId: args.organisationId },
    select: { id: true, scope: true, validFrom: true, validUntil: true, revokedAt: true, verifiedAt: true },
    orderBy: { validUntil: "desc" },
  });
  if (all.length === 0) throw domainError("FORBIDDEN");
  const t = args.now.getTime();
  const inForce = all.filter((a) => a.revokedAt === null && a.validFrom.getTime() <= t && t < a.validUntil.getTime());
  // Scope matched in JS: enum-array filters fail on the PGlite adapter (see CONTRACTS.md).
  const covering = inForce.filter((a) => a.scope.includes(args.scope));
  // Only an authorisation whose letter an RA officer checked counts (as in mayActForOrganisation).
  const checked = covering.find((a) => a.verifiedAt !== null);
  if (checked) return { via: "AGENT", authorisationId: checked.id };
  if (covering.length > 0) throw domainError("AGENT_AUTHORISATION_NOT_VERIFIED");
  if (inForce.length > 0) throw domainError("AGENT_SCOPE_INSUFFICIENT", { action: args.scope });
  // Nothing in force: report the reason of the authorisation the agent most likely relies on.
  const revokedWhileCurrent = all.find((a) => a.revokedAt !== null && a.validFrom.getTime() <= t && t < a.validUntil.getTime());
  if (revokedWhileCurrent) throw domainError("AGENT_AUTHORISATION_REVOKED");
  const future = all.find((a) => a.revokedAt === null && a.validFrom.getTime() > t);
  if (future) throw domainError("AGENT_AUTHORISATION_NOT_YET_VALID", { validFrom: future.validFrom.toISOString() });
  const latest = all[0]!;
  if (latest.revokedAt !== null && latest.revokedAt.getTime() <= latest.validUntil.getTime()) {
    throw domainError("AGENT_AUTHORISATION_REVOKED");
  }
  throw domainError("AGENT_AUTHORISATION_EXPIRED", { validUntil: latest.validUntil.toISOString() });
}

/** Org admins manage members and agents; RA officers may too (e.g. when the letter came on paper). */
export async function requireOrganisationManager(tx: Tx, args: { userId: string; roles: readonly string[]; organisationId: string }): Promise<"ADMIN" | "RA_OFFICER"> {
  const org = await tx.organisation.findUnique({ where: { id: args.organisationId }, select: { id: true, anonymisedAt: true } });
  if (!org) throw domainError("NOT_FOUND");
  if (await isOrganisationAdmin(tx, args.userId, args.organisationId)) return "ADMIN";
  if (args.roles.includes("RA_OFFICER")) return "RA_OFFICER";
  throw domainError("FORBIDDEN");
}
