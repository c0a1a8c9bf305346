import type { AcceptanceContext, AgentScope, ApplicationKind } from "@/generated/prisma/client";

export const APPLICATION_KINDS = ["NEW", "RENEW", "REKEY", "UPDATE", "CHANGE"] as const satisfies readonly ApplicationKind[];

/**
 * Which acceptance the agreement gate asks for (preamble: apply, renew, update). A rekey is a
 * renewal with a new key; a change of the subscriber's information is an update of the certificate.
 */
export const AGREEMENT_CONTEXT_FOR_KIND: Readonly<Record<ApplicationKind, AcceptanceContext>> = {
  NEW: "APPLY",
  RENEW: "RENEW",
  REKEY: "RENEW",
  UPDATE: "UPDATE",
  CHANGE: "UPDATE",
};

/** The agent scope an application of each kind needs. */
export const AGENT_SCOPE_FOR_KIND: Readonly<Record<ApplicationKind, AgentScope>> = {
  NEW: "APPLY",
  RENEW: "RENEW",
  REKEY: "REKEY",
  UPDATE: "UPDATE",
  CHANGE: "CHANGE",
};

