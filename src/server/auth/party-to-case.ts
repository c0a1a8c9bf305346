import type { PrismaClient } from "@/generated/prisma/client";
import { type Actor, type AuditInput, type Tx, type UseCaseScope, domainError } from "@/server/core";

/*
 * Separation of duties: staff never decide a case they are party to. One rule for every staff
 * decision (review, payment, issuance, delivery, revocation requests and hold releases, objections,
 * CA-initiated revocation, letter checks, paper acceptances): the use case names the case's
 * parties, asks `requireNotPartyToCase` before it writes anything, and a refusal is committed as
 * evidence (an "authority.staff-decision-refused" audit event, nothing else). Read models ask
 * `staffDecisionAnswer` with the same parties, so a page never offers what the use case refuses.
 */

/** Who a case is about: the people it names and the organisation it is for. */
export interface CaseParties {
  /** The applicant, the subscriber, the requester, whoever raised the objection or sent the letter... */
  people: readonly (string | null | undefined)[];
  /** The organisation the application or certificate is for, if any. */
  organisationId?: string | null;
}

/**
 * How someone is party to a case: named in it (SELF), a current member of its organisation (any
 * organisation role), or its agent (an authorisation not revoked and not yet ended, checked or not:
 * someone the organisation chose to act for it has its interest whatever the RA has checked).
 */
export type PartyRelation = "SELF" | "ORGANISATION_MEMBER" | "ORGANISATION_AGENT";

/** What a staff decision page may offer: yes, or the reason the use case would refuse. */
export type StaffDecisionAnswer = { ok: true } | { ok: false; reason: "CONFLICT_OF_INTEREST"; relation: PartyRelation };

type Db = Tx | PrismaClient;

/** The parties of an application: its applicant (a person, or the agent or admin who applied for an organisation) and its organisation. */
export function applicationParties(app: { applicantId: string; organisationId: string | null }): CaseParties {
  return { people: [app.applicantId], organisationId: app.organisationId };
}

/** The parties of a certificate, plus the people of the request about it (requester, objector). */
export function certificateParties(
  cert: { subscriberUserId: string | null; subscriberOrganisationId: string | null },
  ...alsoNamed: (string | null | undefined)[]
): CaseParties {
  return { people: [cert.subscriberUserId, ...alsoNamed], organisationId: cert.subscriberOrganisationId };
}

/** How the user is party to the case at `now`, or null when they are not. */
export async function partyRelation(db: Db, userId: string, parties: CaseParties, now: Date): Promise<PartyRelation | null> {
  if (parties.people.some((p) => p === userId)) return "SELF";
  const orgId = parties.organisationId;
  if (!orgId) return null;
  const member = await db.organisationMember.findFirst({ where: { organisationId: orgId, userId, removedAt: null }, select: { id: true } });
  if (member) return "ORGANISATION_MEMBER";
  const agent = await db.agentAuthorisation.findFirst({
    where: { organisationId: orgId, agentUserId: userId, revokedAt: null, validUntil: { gt: now } },
    select: { id: true },
  });
  return agent ? "ORGANISATION_AGENT" : null;
}

/**
 * partyRelation for many cases at once (a batch revocation's thousands of certificates): the
 * user's organisations are read once, then each case is judged in memory by the same rule.
 */
export async function partyRelationTest(db: Db, userId: string, now: Date): Promise<(parties: CaseParties) => PartyRelation | null> {
  const [members, agents] = await Promise.all([
    db.organisationMember.findMany({ where: { userId, removedAt: null }, select: { organisationId: true } }),
    db.agentAuthorisation.findMany({ where: { agentUserId: userId, revokedAt: null, validUntil: { gt: now } }, select: { organisationId: true } }),
  ]);
  const memberOf = new Set(members.map((m) => m.organisationId));
  const agentOf = new Set(agents.map((a) => a.organisationId));
  return (parties) => {
    if (parties.people.some((p) => p === userId)) return "SELF";
    const orgId = parties.organisationId;
    if (!orgId) return null;
    return memberOf.has(orgId) ? "ORGANISATION_MEMBER" : agentOf.has(orgId) ? "ORGANISATION_AGENT" : null;
  };
}

/** The read models' form: may this staff member decide the case (what the page offers, with the reason for no). */
export async function staffDecisionAnswer(db: Db, actor: Actor, parties: CaseParties, now: Date): Promise<StaffDecisionAnswer> {
  const relation = await partyRelation(db, actor.userId, parties, now);
  return relation ? { ok: false, reason: "CONFLICT_OF_INTEREST", relation } : { ok: true };
}

/** What a refused staff decision records: the use case's name and the case it was about. */
export interface RefusedDecision {
  /** The use case's name ("ra.record-payment"). */
  decision: string;
  subjectType: Extract<AuditInput, { action: "authority.staff-decision-refused" }>["subjectType"];
  subjectId: string;
  onBehalfOfId?: string | null;
}

/**
 * Ends a staff decision with `code`, committing only its evidence: the refusal's audit event. Call
 * it before the use case writes anything (locks are fine), or what was written would be committed too.
 */
export function refuseStaffDecision(
  s: UseCaseScope,
  refused: RefusedDecision,
  why:
    | { reason: "CONFLICT_OF_INTEREST"; relation: PartyRelation }
    | { reason: "REVIEW_NOT_ALLOWED" }
    | { reason: "STAFF_ACCOUNT_ADMIN_ONLY"; targetUserId: string },
): never {
  s.audit({
    action: "authority.staff-decision-refused",
    subjectType: refused.subjectType,
    subjectId: refused.subjectId,
    onBehalfOfId: refused.onBehalfOfId ?? null,
    summary: {
      decision: refused.decision,
      reason: why.reason,
      relation: why.reason === "CONFLICT_OF_INTEREST" ? why.relation : null,
      ...(why.reason === "STAFF_ACCOUNT_ADMIN_ONLY" ? { targetUserId: why.targetUserId } : {}),
    },
  });
  return s.rejectAfterCommit(
    why.reason === "CONFLICT_OF_INTEREST" ? domainError("CONFLICT_OF_INTEREST", { relation: why.relation }) : domainError(why.reason),
  );
}

/** The use cases' form: refuses (with its audit event, nothing else written) when the actor is party to the case. */
export async function requireNotPartyToCase(s: UseCaseScope, parties: CaseParties, refused: RefusedDecision): Promise<void> {
  const relation = await partyRelation(s.tx, s.actor!.userId, parties, s.now);
  if (relation) refuseStaffDecision(s, refused, { reason: "CONFLICT_OF_INTEREST", relation });
}

/** Every offer of a read model's `can`, refused with CONFLICT_OF_INTEREST when the staff member may not decide the case. */
export function withStaffDecision<C extends { [K in keyof C]: { ok: boolean } }>(
  can: C,
  answer: StaffDecisionAnswer,
): { [K in keyof C]: C[K] | { ok: false; reason: "CONFLICT_OF_INTEREST" } } {
  if (answer.ok) return can;
  return Object.fromEntries(Object.keys(can).map((k) => [k, { ok: false, reason: "CONFLICT_OF_INTEREST" }])) as {
    [K in keyof C]: { ok: false; reason: "CONFLICT_OF_INTEREST" };
  };
}
