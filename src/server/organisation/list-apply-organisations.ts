import { z } from "zod";
import { mayActForOrganisation } from "@/server/auth";
import { defineQuery } from "@/server/core";
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
export type NotYetReason = "LETTER_NOT_CHECKED" | "NO_APPLY_SCOPE" | "NOT_ADMIN";

export interface NotYetOrganisation {
  id: string;
  name: string;
  why: NotYetReason;
}

export const listApplyOrganisations = defineQuery({
  name: "portal.organisation.list-for-apply",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx) {
    const userId = ctx.actor!.userId;
    const mine = await listMyOrganisations(ctx, {});
    // Every organisation the user has some tie to, by id (two organisations may share a name).
    const candidates = new Map<string, { id: string; name: string; unifiedSocialCreditCode: string }>();
    for (const o of [...mine.memberships, ...mine.agentFor, ...mine.awaitingCheck]) {
      if (!candidates.has(o.id)) candidates.set(o.id, { id: o.id, name: o.name, unifiedSocialCreditCode: o.unifiedSocialCreditCode });
    }
    // The decision is create-application's own rule, asked per organisation; the lists above only
    // say who to ask about and, for a refusal, why.
    const allowed = await ctx.db.$transaction(async (tx) => {
      const ids = new Set<string>();
      for (const id of candidates.keys()) {
        if (await mayActForOrganisation(tx, { userId, organisationId: id, scope: "APPLY", now: ctx.now })) ids.add(id);
      }
      return ids;
    });
    const organisations: ApplyOrganisation[] = [];
    const notYet: NotYetOrganisation[] = [];
    for (const o of candidates.values()) {
      const admin = mine.memberships.some((m) => m.id === o.id && m.role === "ADMIN");
      if (allowed.has(o.id)) {
        const ends = mine.agentFor.filter((a) => a.id === o.id && a.scope.includes("APPLY")).map((a) => a.validUntil.getTime());
        organisations.push({ ...o, via: admin ? "ADMIN" : "AGENT", validUntil: admin || ends.length === 0 ? null : new Date(ends.reduce((a, b) => Math.max(a, b))) });
        continue;
      }
      const why: NotYetReason[] = [];
      if (mine.awaitingCheck.some((a) => a.id === o.id && a.scope.includes("APPLY"))) why.push("LETTER_NOT_CHECKED");
      if (mine.agentFor.some((a) => a.id === o.id)) why.push("NO_APPLY_SCOPE");
      if (mine.memberships.some((m) => m.id === o.id && m.role !== "ADMIN")) why.push("NOT_ADMIN");
      for (const w of why) notYet.push({ id: o.id, name: o.name, why: w });
    }
    return { organisations, notYet };
  },
});
