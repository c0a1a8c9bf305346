import { z } from "zod";
import { resumeStep, type WizardProgress } from "@/domain/application";
import { defineQuery } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { parseWizardProgress } from "./draft-progress";

export const getDraftForWizardInput = z.object({ applicationId: z.string().uuid() });

export interface DraftForWizard {
  id: string;
  version: number;
  profileCode: string;
  organisationId: string | null;
  subjectDetails: Record<string, unknown>;
  /** The holder's identity as the applicant typed it; null when someone else recorded it (an organisation's administrator). */
  identity: { legalName: string; idDocumentType: string; idDocumentNumber: string } | null;
  /** Kinds of the documents uploaded (not withdrawn). */
  documentKinds: string[];
  keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12";
  hasCsr: boolean;
  progress: WizardProgress | null;
  /** Where the wizard opens when no step is asked for (resumeStep). */
  resumeAt: WizardProgress["step"];
}

/**
 * A draft as the apply wizard resumes it (refresh, reopened tab, dashboard): null when the
 * application is no longer a draft (the page then shows the application instead). Only for those
 * who may act on it (loadApplicationAsApplicant): anyone else gets NOT_FOUND.
 */
export const getDraftForWizard = defineQuery({
  name: "application.get-draft-for-wizard",
  input: getDraftForWizardInput,
  authorize: "signed-in",
  async run(ctx, input): Promise<DraftForWizard | null> {
    const actor = ctx.actor!;
    return ctx.db.$transaction(async (tx) => {
      const { application: app } = await loadApplicationAsApplicant(tx, actor, input.applicationId, ctx.now);
      if (app.status !== "DRAFT") return null;
      const [profile, identity, documents] = await Promise.all([
        tx.certificateProfile.findUniqueOrThrow({ where: { id: app.profileId }, select: { code: true } }),
        app.subscriberIdentityId
          ? tx.subscriberIdentity.findUnique({ where: { id: app.subscriberIdentityId }, select: { legalName: true, idDocumentType: true, idDocumentNumber: true, userId: true } })
          : null,
        tx.document.findMany({ where: { applicationId: app.id, withdrawnAt: null, erasedAt: null }, select: { kind: true } }),
      ]);
      const progress = parseWizardProgress(app.wizardProgress);
      return {
        id: app.id,
        version: app.version,
        profileCode: profile.code,
        organisationId: app.organisationId,
        subjectDetails: (typeof app.subjectDetails === "object" && app.subjectDetails !== null ? app.subjectDetails : {}) as Record<string, unknown>,
        identity:
          identity && app.applicantId === actor.userId
            ? { legalName: identity.legalName, idDocumentType: identity.idDocumentType, idDocumentNumber: identity.idDocumentNumber }
            : null,
        documentKinds: [...new Set(documents.map((d) => d.kind as string))],
        keyGeneration: app.keyGeneration,
        hasCsr: app.csrDer !== null,
        progress,
        resumeAt: resumeStep(progress),
      };
    });
  },
});
