import { z } from "zod";
import { resumeStep } from "@/domain/application";
import { mayActForOrganisation } from "@/server/auth";
import { defineQuery } from "@/server/core";
import { AGENT_SCOPE_FOR_KIND } from "@/server/shared";
import { parseWizardProgress } from "./draft-progress";

export const listMyDraftsInput = z.object({});

/**
 * The drafts the actor started in the apply wizard (for themselves or for an organisation), newest
 * first, with the step each resumes at: the dashboard offers "continue" and "delete" for each, and
 * the wizard offers to resume one of the same profile instead of starting a second. An
 * organisation's draft is listed only while the actor may still act for the organisation (the
 * check loadApplicationAsApplicant makes): an agent whose authorisation lapsed is offered no
 * "continue"/"delete" that the use cases would refuse; the organisation's administrator still can.
 */
export const listMyDrafts = defineQuery({
  name: "application.list-my-drafts",
  input: listMyDraftsInput,
  authorize: "signed-in",
  async run(ctx) {
    const actor = ctx.actor!;
    const rows = await ctx.db.application.findMany({
      where: { applicantId: actor.userId, status: "DRAFT" },
      orderBy: { updatedAt: "desc" },
      take: 50,
      select: {
        id: true,
        version: true,
        createdAt: true,
        updatedAt: true,
        wizardProgress: true,
        kind: true,
        organisationId: true,
        profile: { select: { code: true, nameZh: true, nameEn: true } },
        organisation: { select: { name: true } },
      },
    });
    const mayAct = new Map<string, boolean>();
    for (const r of rows) {
      if (!r.organisationId) continue;
      const key = `${r.organisationId}:${r.kind}`;
      if (!mayAct.has(key)) {
        mayAct.set(key, await mayActForOrganisation(ctx.db, { userId: actor.userId, organisationId: r.organisationId, scope: AGENT_SCOPE_FOR_KIND[r.kind], now: ctx.now }));
      }
    }
    const actionable = rows.filter((r) => !r.organisationId || mayAct.get(`${r.organisationId}:${r.kind}`));
    return actionable.map(({ wizardProgress, organisation, ...r }) => ({ ...r, organisationName: organisation?.name ?? null, resumeAt: resumeStep(parseWizardProgress(wizardProgress)) }));
  },
});
