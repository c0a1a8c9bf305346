import type { Role } from "@/generated/prisma/client";
import { type UseCaseScope, domainError } from "@/server/core";
import { isOrganisationAdmin } from "./organisation-authority";
import { partyRelation, refuseStaffDecision } from "./party-to-case";
import { isCaAdmin, isRaOfficer, isStaffAccount } from "./roles";

/**
 * In what capacity the actor changes someone's standing in an organisation (a membership, an agent
 * authorisation and with it the AGENT role).
 */
export type StandingGrantor = "ADMIN" | "RA_OFFICER" | "CA_ADMIN";

/**
 * Who may make a user a member or an agent of an organisation. For an ordinary account: the
 * organisation's administrator, or an RA officer (the letter came on paper). For a staff account
 * (RA_OFFICER, CA_ADMIN, AUDITOR): a CA administrator only, never the organisation itself. A
 * staff member who is also an organisation's member or agent is party to its cases, and an
 * organisation that could make staff its members or agents could pick who is barred from its
 * cases, or give a staff member an organisation's standing nobody at the CA decided: so the CA
 * decides it, at the level that answers for the staff. And nobody in a staff capacity changes
 * their own standing, or acts for an organisation they belong to (party-to-case.ts).
 * Refusals are committed as evidence ("authority.staff-decision-refused"), nothing else written:
 * call before the use case writes anything.
 */
export async function requireStandingGrantor(
  s: UseCaseScope,
  /** target: the account whose standing changes; null when there is none (the caller then answers USER_NOT_FOUND to whoever may manage). */
  args: { organisationId: string; target: { id: string; roles: readonly Role[] } | null; decision: string },
): Promise<StandingGrantor> {
  const actor = s.actor!;
  const org = await s.tx.organisation.findUnique({ where: { id: args.organisationId }, select: { id: true } });
  if (!org) throw domainError("NOT_FOUND");
  const refused = { decision: args.decision, subjectType: "Organisation" as const, subjectId: org.id, onBehalfOfId: org.id };
  const asAdmin = await isOrganisationAdmin(s.tx, actor.userId, org.id);
  const target = args.target;
  if (target && isStaffAccount(target)) {
    if (target.id === actor.userId) refuseStaffDecision(s, refused, { reason: "CONFLICT_OF_INTEREST", relation: "SELF" });
    if (!isCaAdmin(actor)) {
      // Only someone who could manage the organisation learns more than FORBIDDEN.
      if (!asAdmin && !isRaOfficer(actor)) throw domainError("FORBIDDEN");
      refuseStaffDecision(s, refused, { reason: "STAFF_ACCOUNT_ADMIN_ONLY", targetUserId: target.id });
    }
    await requireNotParty(s, org.id, target.id, refused);
    return "CA_ADMIN";
  }
  if (asAdmin) return "ADMIN";
  if (isRaOfficer(actor)) {
    if (target) await requireNotParty(s, org.id, target.id, refused);
    return "RA_OFFICER";
  }
  throw domainError("FORBIDDEN");
}

/** A staff grantor is neither the person whose standing changes nor a member or agent of the organisation. */
async function requireNotParty(s: UseCaseScope, organisationId: string, targetId: string, refused: Parameters<typeof refuseStaffDecision>[1]): Promise<void> {
  const relation = await partyRelation(s.tx, s.actor!.userId, { people: [targetId], organisationId }, s.now);
  if (relation) refuseStaffDecision(s, refused, { reason: "CONFLICT_OF_INTEREST", relation });
}
