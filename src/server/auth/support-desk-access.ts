import type { PrismaClient } from "@/generated/prisma/client";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor, Tx } from "@/server/core";
import { officerRegistrationAuthority } from "./application-review-access";
import { isCaAdmin, isRaOfficer, isSupportStaff } from "./roles";
import { activeAccountsWithRole } from "./staff-with-role";

/*
 * The support desk's reach, decided once (README: "Support desk"). A support request belongs to
 * the RA that received the application of the certificate it is about
 * (request -> certificate -> application -> registrationAuthorityId; after an RA merge the moved
 * applications take their requests with them). A request about no certificate, or about one
 * issued without an application (e.g. by the operator's command line), belongs to no RA.
 *
 * - A CA administrator's desk is every request.
 * - An RA officer attached to an RA sees that RA's requests and those of no RA (nobody else would
 *   answer them); an officer attached to none (the central office) sees every request.
 * - Officers are mailed about the requests they can see (new requests, the requester's answers)
 *   unless one of them has taken the request; then only that one.
 * - A request is assigned only to an RA officer who can see it (never to a subscriber, an auditor,
 *   or an officer of another RA) and whose account is neither disabled nor anonymised.
 * Anyone outside this reach is told a request does not exist, so ids cannot be probed.
 */

type Db = Tx | PrismaClient;

/** The desk's reach for one actor: every request (null) or one RA's and those of none. */
export type SupportDeskReach = { all: true } | { all: false; registrationAuthorityId: string };

export async function supportDeskReach(db: Db, actor: Actor): Promise<SupportDeskReach | null> {
  if (isCaAdmin(actor)) return { all: true };
  if (!isRaOfficer(actor)) return null;
  const ra = await officerRegistrationAuthority(db, actor);
  return ra === null ? { all: true } : { all: false, registrationAuthorityId: ra };
}

/** The list filter for a reach (requests of the officer's RA or of none). */
export function supportDeskFilter(reach: SupportDeskReach): Prisma.SupportRequestWhereInput {
  if (reach.all) return {};
  return {
    OR: [
      { certificateId: null },
      { certificate: { applicationId: null } },
      { certificate: { application: { registrationAuthorityId: null } } },
      { certificate: { application: { registrationAuthorityId: reach.registrationAuthorityId } } },
    ],
  };
}

/** The RA a request belongs to, or null (no certificate, or a certificate without an application). */
export async function supportRequestRegistrationAuthority(db: Db, request: { certificateId: string | null }): Promise<string | null> {
  if (!request.certificateId) return null;
  const c = await db.certificate.findUnique({ where: { id: request.certificateId }, select: { application: { select: { registrationAuthorityId: true } } } });
  return c?.application?.registrationAuthorityId ?? null;
}

function reachCovers(reach: SupportDeskReach, requestRa: string | null): boolean {
  return reach.all || requestRa === null || requestRa === reach.registrationAuthorityId;
}

/** Whether the actor handles this request as the desk (not as its requester). */
export async function mayHandleSupportRequest(db: Db, actor: Actor, request: { userId: string; certificateId: string | null }): Promise<boolean> {
  if (request.userId === actor.userId || !isSupportStaff(actor)) return false;
  const reach = await supportDeskReach(db, actor);
  return reach !== null && reachCovers(reach, await supportRequestRegistrationAuthority(db, request));
}

type Officer = { id: string; email: string; locale: string; displayName: string | null; registrationAuthorityId: string | null };

/**
 * The RA officers whose desk holds the request (active accounts, never its requester): who is
 * mailed about it while nobody has taken it, and to whom it may be assigned.
 */
export async function supportDeskOfficers(db: Db, request: { userId: string; certificateId: string | null }): Promise<Officer[]> {
  const ra = await supportRequestRegistrationAuthority(db, request);
  const users = await activeAccountsWithRole(db, "RA_OFFICER", request.userId);
  return users
    .filter(isRaOfficer)
    .filter((o) => o.registrationAuthorityId === null || reachCovers({ all: false, registrationAuthorityId: o.registrationAuthorityId }, ra))
    .map((o) => ({ id: o.id, email: o.email, locale: o.locale, displayName: o.displayName, registrationAuthorityId: o.registrationAuthorityId }));
}
