import type { Actor } from "@/server/core/context";

/** The console reads check the role again, whatever page calls them. */
export const isAuditor = (actor: Actor) => actor.roles.includes("AUDITOR");
export const isCaAdmin = (actor: Actor) => actor.roles.includes("CA_ADMIN");
export const isOfficer = (actor: Actor) => actor.roles.includes("RA_OFFICER");
/** Administrators look at the log too (they answer for the CA); auditors are the ones who check it. */
export const mayReadAuditLog = (actor: Actor) => isAuditor(actor) || isCaAdmin(actor);
