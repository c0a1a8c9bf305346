"use server";

import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { attachCsr } from "@/server/application/attach-csr";
import { chooseKeyGeneration } from "@/server/application/choose-key-generation";
import { createApplication } from "@/server/application/create-application";
import { discardDraft } from "@/server/application/discard-draft";
import { saveDraftProgress } from "@/server/application/draft-progress";
import { updateApplicationDetails } from "@/server/application/update-application-details";
import { submitApplication } from "@/server/application/submit-application";
import type { Declarations } from "@/server/application/submission";
import type { ActionError } from "@/server/web/action-state";
import type { DomainError } from "@/server/core/errors";
import { defineStep } from "@/server/web/define-action";
import { recordIdentity } from "@/server/subscriber/record-identity";

/** DOCUMENTS_MISSING names the kinds: the wizard shows them with their labels. */
function missingDocuments(e: DomainError, state: ActionError): ActionError {
  return Array.isArray(e.details.missing) ? { ...state, items: e.details.missing.map(String) } : state;
}

export const recordIdentityStep = defineStep({
  run: (ctx, input: { legalName: string; type: string; number: string; organisationId?: string }) =>
    recordIdentity(ctx, {
      legalName: input.legalName,
      idDocument: { type: input.type as "RESIDENT_ID_CARD", number: input.number },
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
    }),
  done: (r) => ({ identityId: r.identityId }),
});

export const acceptAgreementStep = defineStep({
  run: (ctx, input: { version: number; contentHash: string; locale: "zh-CN" | "en"; context?: "APPLY" | "DOWNLOAD" | "RENEW" | "UPDATE"; onBehalfOfOrganisationId?: string }) =>
    acceptAgreement(ctx, { ...input, context: input.context ?? "APPLY" }),
  done: () => true,
});

export const createApplicationStep = defineStep({
  run: (
    ctx,
    input: {
      profileCode: string;
      /** Absent for an organisation certificate that names no person (a seal), or when the organisation's latest holder is meant. */
      identityId?: string;
      /** Set when applying for an organisation. */
      organisationId?: string;
      province?: string;
      city?: string;
      department?: string;
      sealName?: string;
      /** Absent for a private person (not asked: subject-details.ts profileNeedsUsageScope). */
      usageScope?: { kind: "项目" | "系统" | "平台"; name: string };
    },
  ) => {
    return createApplication(ctx, {
      kind: "NEW",
      profileCode: input.profileCode,
      ...(input.identityId ? { subscriberIdentityId: input.identityId } : {}),
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
      keyGeneration: "CLIENT_CSR",
      subjectDetails: subjectDetailsOf(input),
    });
  },
  done: (r) => ({ applicationId: r.applicationId }),
});

type TypedDetails = { province?: string; city?: string; department?: string; sealName?: string; usageScope?: { kind: "项目" | "系统" | "平台"; name: string } };
/** The wizard's typed fields as the subject details the use cases validate (blank ones left out). */
function subjectDetailsOf(input: TypedDetails) {
  const optional = { province: input.province, city: input.city, department: input.department, sealName: input.sealName };
  return { country: "CN", ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v)), ...(input.usageScope ? { usageScope: input.usageScope } : {}) };
}

/** Step 2 again on a draft that exists: its typed details are saved over the stored ones. */
export const updateDraftDetailsStep = defineStep({
  run: (ctx, input: TypedDetails & { applicationId: string; version: number }) =>
    updateApplicationDetails(ctx, { applicationId: input.applicationId, version: input.version, subjectDetails: subjectDetailsOf(input) }),
  done: (r) => ({ version: r.version }),
});

/** Each move of the wizard on a draft: where it is, and the ticks not stored elsewhere before submission. */
export const saveDraftProgressStep = defineStep({
  run: (ctx, input: { applicationId: string; step: string; declarations: string[]; feeAcknowledged: boolean }) =>
    saveDraftProgress(ctx, input as Parameters<typeof saveDraftProgress>[1]),
  done: (r) => ({ version: r.version }),
});

/** "删除草稿" on the dashboard and on the draft's page (after the applicant confirmed). */
export const discardDraftStep = defineStep({
  run: (ctx, input: { applicationId: string; version?: number }) => discardDraft(ctx, input),
  done: () => true,
});

export const attachCsrStep = defineStep({ run: (ctx, input: { applicationId: string; csrPem: string; source?: "BROWSER" | "UPLOADED" }) => attachCsr(ctx, input) });

export const submitStep = defineStep({
  run: (ctx, input: { applicationId: string; declarations: Declarations }) => submitApplication(ctx, input),
  explain: missingDocuments,
});

export const chooseKeyGenerationStep = defineStep({
  run: (ctx, input: { applicationId: string; keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12" }) => chooseKeyGeneration(ctx, input),
});
