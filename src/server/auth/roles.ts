import type { Role } from "@/generated/prisma/client";

export type { Role };

export const ALL_ROLES = ["SUBSCRIBER", "AGENT", "RA_OFFICER", "CA_ADMIN", "AUDITOR"] as const satisfies readonly Role[];

/** Anyone whose roles we ask about: a use case's actor, a session user, a user row. */
export interface RoleHolder {
  roles: readonly Role[];
}

/** One question about who may act, answered from the roles alone. */
export type RolePredicate = (who: RoleHolder) => boolean;

/** Every predicate below is "holds one of these roles"; written once so none can drift. */
function holdsAnyOf(...roles: Role[]): RolePredicate {
  return (who) => who.roles.some((r) => roles.includes(r));
}

// One function per question. Deliberately no hierarchy: a CA administrator is not an RA officer
// and an auditor sees nothing but what auditors check (separation of duties for a CA's trusted
// roles). A person who needs two areas holds two roles. Two questions with the same answer today
// stay two functions, so changing one does not silently change the other.

/** The CA's customers, in person or as an organisation's agent: they test, accept, download, renew and ask for support. */
export const isCustomer = holdsAnyOf("SUBSCRIBER", "AGENT");
/** Acts for organisations under a checked authorisation letter; enters the agent area. */
export const isAgent = holdsAnyOf("AGENT");
/** Reviews applications, checks letters, delivers certificates, handles subscribers' revocation requests. */
export const isRaOfficer = holdsAnyOf("RA_OFFICER");
/** Runs the CA: profiles, agreements, registration authorities, privacy register, cessation, CRLs. */
export const isCaAdmin = holdsAnyOf("CA_ADMIN");
/** Checks the audit log and exports audit evidence. */
export const isAuditor = holdsAnyOf("AUDITOR");
/** Administrators look at the audit log too (they answer for the CA); auditors are the ones who check it. */
export const mayReadAuditLog = holdsAnyOf("AUDITOR", "CA_ADMIN");
/** May see the revocation SLA view and any revocation receipt: officers, administrators, auditors. */
export const isRevocationStaff = holdsAnyOf("RA_OFFICER", "CA_ADMIN", "AUDITOR");
/** May read any certificate's state without holding it: officers, administrators, auditors. */
export const mayReadAnyCertificate = holdsAnyOf("RA_OFFICER", "CA_ADMIN", "AUDITOR");
/** May read the privacy register (processors, disclosures, requests): administrators and auditors. */
export const mayReadPrivacyRegister = holdsAnyOf("CA_ADMIN", "AUDITOR");
/** May follow who has updated after a CA-ordered update notice: administrators and auditors. */
export const mayFollowUpdateNotices = holdsAnyOf("CA_ADMIN", "AUDITOR");
/** May see the background jobs' status: administrators and auditors. */
export const mayReadJobStatus = holdsAnyOf("CA_ADMIN", "AUDITOR");
/** May issue an approved application's certificate: officers and administrators. */
export const mayIssueCertificate = holdsAnyOf("RA_OFFICER", "CA_ADMIN");
/**
 * Handles certificate problem reports (preliminary report, revoke or no action): RA officers, as
 * they handle subscribers' revocation requests under the same kind of clock, and CA
 * administrators, who answer for every report. Not under dual control: the Baseline Requirements'
 * 24-hour and 5-day deadlines run from the report.
 */
export const mayHandleProblemReports = holdsAnyOf("RA_OFFICER", "CA_ADMIN");
/** Answers support requests (clause 2.4): RA officers and CA administrators. */
export const isSupportStaff = holdsAnyOf("RA_OFFICER", "CA_ADMIN");
/**
 * The CA's trusted roles (separation of duties): a staff account is made an organisation's member
 * or agent by a CA administrator only (staff-standing.ts), and never decides a case it is party to
 * (party-to-case.ts).
 */
export const STAFF_ROLES = ["RA_OFFICER", "CA_ADMIN", "AUDITOR"] as const satisfies readonly Role[];
export const isStaffAccount = holdsAnyOf(...STAFF_ROLES);

/**
 * Who may enter each staff area (its layout, its pages, its navigation link): the same predicate
 * the area's use cases authorise with.
 */
export const STAFF_AREAS = {
  agent: isAgent,
  ra: isRaOfficer,
  admin: isCaAdmin,
  audit: isAuditor,
} as const satisfies Record<string, RolePredicate>;

export type Area = keyof typeof STAFF_AREAS;

export function mayEnterArea(who: RoleHolder, area: Area): boolean {
  return STAFF_AREAS[area](who);
}

/** The areas a user may enter, in navigation order. */
export function areasFor(who: RoleHolder): Area[] {
  return (Object.keys(STAFF_AREAS) as Area[]).filter((a) => mayEnterArea(who, a));
}
