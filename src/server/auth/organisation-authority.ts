import { authorisationState } from "@/domain/organisation/authorisation-state";
import type { AgentScope } from "@/generated/prisma/client";
import { type Tx, domainError, type DomainError } from "@/server/core";
import { isRaOfficer, type RoleHolder } from "./roles";

export type OrganisationAuthority = { ok: true; via: "ADMIN" } | { ok: true; via: "AGENT"; authorisationId: string };

/** Why a user may not act for an organisation: the DomainError code (and details) the caller throws. */
export type OrganisationAuthorityRefusal =
  | { ok: false; reason: "FORBIDDEN" | "AGENT_AUTHORISATION_NOT_VERIFIED" | "AGENT_AUTHORISATION_REVOKED" }
  | { ok: false; reason: "AGENT_SCOPE_INSUFFICIENT"; details: { action: AgentScope } }
  | { ok: false; reason: "AGENT_AUTHORISATION_NOT_YET_VALID"; details: { validFrom: string } }
  | { ok: false; reason: "AGENT_AUTHORISATION_EXPIRED"; details: { validUntil: string } };

export type OrganisationAuthorityAnswer = OrganisationAuthority | OrganisationAuthorityRefusal;

export interface OrganisationAuthorityQuestion {
  userId: string;
  organisationId: string;
  /** What the agent wants to do; an organisation's administrator may do everything. */
  scope: AgentScope;
  now: Date;
}

export async function isOrganisationAdmin(tx: Tx, userId: string, organisationId: string): Promise<boolean> {
  const m = await tx.organisationMember.findFirst({
    where: { userId, organisationId, role: "ADMIN", removedAt: null },
    select: { id: true },
  });
  return m !== null;
}

/**
 * Whether a user may act for an organisation at an instant: as one of its administrators, or as
 * an agent (经办人) holding an authorisation that is IN_FORCE then (domain/organisation/
 * authorisation-state.ts: not revoked, not expired, its letter checked by an RA officer, its
 * window begun) and covers the scope. Otherwise the reason: an agent whose letter expired, was
 * revoked or still waits for the RA's check learns that (they can ask the organisation for a new
 * one); someone with no relation to the organisation gets FORBIDDEN and learns nothing more.
 */
export async function organisationAuthority(tx: Tx, q: OrganisationAuthorityQuestion): Promise<OrganisationAuthorityAnswer> {
  if (await isOrganisationAdmin(tx, q.userId, q.organisationId)) return { ok: true, via: "ADMIN" };
  const all = await tx.agentAuthorisation.findMany({
    where: { agentUserId: q.userId, organisationId: q.organisationId },
    select: { id: true, scope: true, validFrom: true, validUntil: true, revokedAt: true, verifiedAt: true },
    // Newest end first: when nothing is in force, the reason given is that of the authorisation
    // the agent most likely relies on.
    orderBy: { validUntil: "desc" },
  });
  if (all.length === 0) return { ok: false, reason: "FORBIDDEN" };
  const t = q.now.getTime();
  const rows = all.map((a) => ({ ...a, state: authorisationState(a, q.now), begun: a.validFrom.getTime() <= t }));
  // The scope is matched here, not with Prisma's `has`: the PGlite adapter sends an enum-array
  // filter value as a plain string and PostgreSQL rejects it ("malformed array literal").
  const covers = (a: { scope: AgentScope[] }) => a.scope.includes(q.scope);

  const inForce = rows.find((a) => a.state === "IN_FORCE" && covers(a));
  if (inForce) return { ok: true, via: "AGENT", authorisationId: inForce.id };
  // AWAITING_CHECK says nothing about the window; an unchecked letter whose window has begun is
  // "not verified", one whose window has not begun is reported as not yet valid (with its date).
  const current = rows.filter((a) => a.state === "IN_FORCE" || (a.state === "AWAITING_CHECK" && a.begun));
  if (current.some(covers)) return { ok: false, reason: "AGENT_AUTHORISATION_NOT_VERIFIED" };
  if (current.length > 0) return { ok: false, reason: "AGENT_SCOPE_INSUFFICIENT", details: { action: q.scope } };
  if (rows.some((a) => a.state === "REVOKED" && a.begun && t < a.validUntil.getTime())) {
    return { ok: false, reason: "AGENT_AUTHORISATION_REVOKED" };
  }
  const future = rows.find((a) => a.state === "NOT_YET_VALID" || (a.state === "AWAITING_CHECK" && !a.begun));
  if (future) return { ok: false, reason: "AGENT_AUTHORISATION_NOT_YET_VALID", details: { validFrom: future.validFrom.toISOString() } };
  const latest = rows[0]!;
  // Revoked before it would have ended: the revocation, not the end date, is what stopped it.
  if (latest.state === "REVOKED" && latest.revokedAt!.getTime() <= latest.validUntil.getTime()) {
    return { ok: false, reason: "AGENT_AUTHORISATION_REVOKED" };
  }
  return { ok: false, reason: "AGENT_AUTHORISATION_EXPIRED", details: { validUntil: latest.validUntil.toISOString() } };
}

export function refusalError(refusal: OrganisationAuthorityRefusal): DomainError {
  return "details" in refusal ? domainError(refusal.reason, refusal.details) : domainError(refusal.reason);
}

/** The yes/no form, for callers that turn "no" into their own answer (NOT_FOUND, a hidden option). */
export async function mayActForOrganisation(tx: Tx, q: OrganisationAuthorityQuestion): Promise<boolean> {
  return (await organisationAuthority(tx, q)).ok;
}

/** The throwing form: the authority, or the DomainError of the reason. */
export async function requireOrganisationAuthority(tx: Tx, q: OrganisationAuthorityQuestion): Promise<OrganisationAuthority> {
  const answer = await organisationAuthority(tx, q);
  if (!answer.ok) throw refusalError(answer);
  return answer;
}

/** Org admins manage members and agents; RA officers may too (e.g. when the letter came on paper). */
export async function requireOrganisationManager(
  tx: Tx,
  args: { userId: string; roles: RoleHolder["roles"]; organisationId: string },
): Promise<"ADMIN" | "RA_OFFICER"> {
  const org = await tx.organisation.findUnique({ where: { id: args.organisationId }, select: { id: true, anonymisedAt: true } });
  if (!org) throw domainError("NOT_FOUND");
  if (await isOrganisationAdmin(tx, args.userId, args.organisationId)) return "ADMIN";
  if (isRaOfficer(args)) return "RA_OFFICER";
  throw domainError("FORBIDDEN");
}
