import type { Actor } from "@/server/core/context";

/** RA officers handle subscribers' requests (confirm identity, carry out, reject). */
export const isRaOfficer = (actor: Actor) => actor.roles.includes("RA_OFFICER");

/** Who may see the SLA view and any receipt: officers, administrators, auditors. */
export const isRevocationStaff = (actor: Actor) => actor.roles.some((r) => r === "RA_OFFICER" || r === "CA_ADMIN" || r === "AUDITOR");
