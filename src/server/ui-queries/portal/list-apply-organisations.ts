import { z } from "zod";
import { defineQuery } from "@/server/core/use-case";
import { listMyOrganisations } from "@/server/organisation/list-my-organisations";

export interface ApplyOrganisation {
  id: string;
  name: string;
  unifiedSocialCreditCode: string;
  /** How the user may apply for it: as its administrator, or as an agent whose letter was checked. */
  via: "ADMIN" | "AGENT";
  /** For an agent: the end of the authorisation. */
  validUntil: Date | null;
}

/**
 * The organisations the signed-in user may apply for now, the same rule create-application
 * enforces (mayActForOrganisation with scope APPLY): administrators, and agents whose
 * authorisation is in force, covers APPLY and was checked by an RA officer. What does not count
 * yet is returned apart, so the wizard can say why an organisation is missing.
 */
export const listApplyOrganisations = defineQuery({
  name: "portal.organisation.list-for-apply",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx) {
    const mine = await listMyOrganisations(ctx, {});
    const byId = new Map<string, ApplyOrganisation>();
    for (const m of mine.memberships) {
      if (m.role === "ADMIN") byId.set(m.id, { id: m.id, name: m.name, unifiedSocialCreditCode: m.unifiedSocialCreditCode, via: "ADMIN", validUntil: null });
    }
    for (const a of mine.agentFor) {
      if (byId.has(a.id) || !a.scope.includes("APPLY")) continue;
      byId.set(a.id, { id: a.id, name: a.name, unifiedSocialCreditCode: a.unifiedSocialCreditCode, via: "AGENT", validUntil: a.validUntil });
    }
    const notYet = [
      ...mine.awaitingCheck.filter((a) => a.scope.includes("APPLY")).map((a) => ({ name: a.name, why: "LETTER_NOT_CHECKED" as const })),
      ...mine.agentFor.filter((a) => !a.scope.includes("APPLY")).map((a) => ({ name: a.name, why: "NO_APPLY_SCOPE" as const })),
      ...mine.memberships.filter((m) => m.role !== "ADMIN").map((m) => ({ name: m.name, why: "NOT_ADMIN" as const })),
    ].filter((n) => ![...byId.values()].some((o) => o.name === n.name));
    return { organisations: [...byId.values()], notYet };
  },
});
