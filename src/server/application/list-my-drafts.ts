import { z } from "zod";
import { resumeStep } from "@/domain/application";
import { defineQuery } from "@/server/core";
import { parseWizardProgress } from "./draft-progress";

export const listMyDraftsInput = z.object({});

/**
 * The drafts the actor started in the apply wizard (for themselves or for an organisation), newest
 * first, with the step each resumes at: the dashboard offers "continue" and "delete" for each, and
 * the wizard offers to resume one of the same profile instead of starting a second.
 */
export const listMyDrafts = defineQuery({
  name: "application.list-my-drafts",
  input: listMyDraftsInput,
  authorize: "signed-in",
  async run(ctx) {
    const rows = await ctx.db.application.findMany({
      where: { applicantId: ctx.actor!.userId, status: "DRAFT" },
      orderBy: { updatedAt: "desc" },
      take: 50,
      select: {
        id: true,
        version: true,
        createdAt: true,
        updatedAt: true,
        wizardProgress: true,
        organisationId: true,
        profile: { select: { code: true, nameZh: true, nameEn: true } },
        organisation: { select: { name: true } },
      },
    });
    return rows.map(({ wizardProgress, organisation, ...r }) => ({ ...r, organisationName: organisation?.name ?? null, resumeAt: resumeStep(parseWizardProgress(wizardProgress)) }));
  },
});
