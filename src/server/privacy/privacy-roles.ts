import type { Actor } from "@/server/core/context";

/** Keeps the processor register, records disclosures, runs cessation: CA administrators. */
export const isCaAdmin = (actor: Actor) => actor.roles.includes("CA_ADMIN");

/** May read the register and the disclosures: administrators and auditors. */
export const mayReadRegister = (actor: Actor) => actor.roles.includes("CA_ADMIN") || actor.roles.includes("AUDITOR");
