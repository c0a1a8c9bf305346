import type { ErrorEntry } from "./entry";

/**
 * Errors of organisations and their agents (经办人). Each code: one line of doc saying when it is
 * thrown. (The older organisation codes live in application.ts, where they were first needed.)
 */
export const organisationErrors = {
  /** The agent's authorisation is in force by its dates, but no RA officer has checked the letter yet. */
  AGENT_AUTHORISATION_NOT_VERIFIED: {
    http: 403,
    zh: "您对该机构的经办人授权尚待注册机构审核授权委托书，审核通过后方可办理。",
    en: "Your authorisation to act for this organisation is waiting for the registration authority to check the authorisation letter.",
  },
  /** The authorisation's validity has ended: there is nothing left to check. */
  AGENT_AUTHORISATION_EXPIRED: { http: 409, zh: "该授权已过有效期。", en: "This authorisation has expired." },
} as const satisfies Record<string, ErrorEntry>;
