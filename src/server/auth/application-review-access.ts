import type { Application, PrismaClient } from "@/generated/prisma/client";
import { type Actor, type Tx, type UseCaseScope, domainError } from "@/server/core";
import { applicationParties, partyRelation, refuseStaffDecision, type PartyRelation } from "./party-to-case";

/*
 * The officer's case access, decided once (README: "RA scoping"). An application belongs to the RA
 * that received it; an officer attached to an RA reads and decides that RA's applications only
 * (after a merge the successor's officers get the moved work); an officer attached to none works
 * for all RAs (a central office). This covers the application's life up to issuance: review,
 * payment, cancellation by an officer, issuance by an officer. Deliveries, revocation requests,
 * hold releases, objections and letter checks are open to every officer: they concern issued
 * certificates and organisations, and a revocation's 24-hour clock (clause 1.4) must not wait for
 * one RA's officers. Nobody decides a case they are party to (party-to-case.ts), wherever it is.
 */

type Db = Tx | PrismaClient;

/** The RA the actor works for as an officer: its id, or null when not attached to one (all RAs). */
export async function officerRegistrationAuthority(db: Db, actor: Actor): Promise<string | null> {
  const officer = await db.user.findUnique({ where: { id: actor.userId }, select: { registrationAuthorityId: true } });
  return officer?.registrationAuthorityId ?? null;
}

/** The application filter of an officer's lists (queue, work queue): their RA's, or every RA's. */
export function officerApplicationFilter(officerRaId: string | null): { registrationAuthorityId?: string } {
  return officerRaId ? { registrationAuthorityId: officerRaId } : {};
}

/** Whether an application is within the officer's RA (always, for an officer attached to none). */
export function withinOfficerRa(officerRaId: string | null, app: { registrationAuthorityId: string | null }): boolean {
  return officerRaId === null || officerRaId === app.registrationAuthorityId;
}

/** What the RA pages may offer on an application an officer looks at, and why not. */
export type OfficerApplicationAnswer =
  | { ok: true }
  | { ok: false; reason: "REVIEW_NOT_ALLOWED" }
  | { ok: false; reason: "CONFLICT_OF_INTEREST"; relation: PartyRelation };

/**
 * The read models' form: may this officer decide the application (review, payment, cancel,
 * issue)? An application of another RA is not even readable: the read models answer NOT_FOUND for
 * it (`withinOfficerRa`), so this answers REVIEW_NOT_ALLOWED only to a caller that did not check.
 */
export async function officerApplicationAnswer(
  db: Db,
  actor: Actor,
  app: { applicantId: string; organisationId: string | null; registrationAuthorityId: string | null },
  now: Date,
): Promise<OfficerApplicationAnswer> {
  const relation = await partyRelation(db, actor.userId, applicationParties(app), now);
  if (relation) return { ok: false, reason: "CONFLICT_OF_INTEREST", relation };
  if (!withinOfficerRa(await officerRegistrationAuthority(db, actor), app)) return { ok: false, reason: "REVIEW_NOT_ALLOWED" };
  return { ok: true };
}

/**
 * The use cases' form, for an application already loaded (and locked): refuses, committing only
 * the refusal's audit event, when the actor is party to it (CONFLICT_OF_INTEREST) or it belongs to
 * another RA than the officer's (REVIEW_NOT_ALLOWED). Call before writing anything.
 */
export async function requireOfficerMayDecide(
  s: UseCaseScope,
  app: Pick<Application, "id" | "applicantId" | "organisationId" | "registrationAuthorityId">,
  decision: string,
): Promise<void> {
  const answer = await officerApplicationAnswer(s.tx, s.actor!, app, s.now);
  if (answer.ok) return;
  const refused = { decision, subjectType: "Application" as const, subjectId: app.id, onBehalfOfId: app.organisationId };
  refuseStaffDecision(s, refused, answer.reason === "CONFLICT_OF_INTEREST" ? { reason: answer.reason, relation: answer.relation } : { reason: answer.reason });
}

/** Loads an application for an RA officer's decision, with `requireOfficerMayDecide`. */
export async function loadApplicationForReview(s: UseCaseScope, applicationId: string, decision: string): Promise<Application> {
  const application = await s.tx.application.findUnique({ where: { id: applicationId } });
  if (!application) throw domainError("NOT_FOUND");
  await requireOfficerMayDecide(s, application, decision);
  return application;
}
