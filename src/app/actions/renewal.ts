"use server";

import { submitApplication } from "@/server/application/submit-application";
import type { Declarations } from "@/server/application/submission";
import { defineStep } from "@/server/web/define-action";
import { requestRenewal } from "@/server/renewal/request-renewal";

/**
 * The renewal form's two steps, shared by the subscriber's page (/certificates/[id]/renew) and the
 * agent's (/agent/renew/[certificateId]). First the renewal or rekey is requested (the use case
 * checks who may, the agreement gate, the state and the profile's renewal window), with the
 * browser-made or pasted CSR, or a server-made key to come.
 */
export const requestRenewalStep = defineStep({
  run: (ctx, input: { certificateId: string; kind: "RENEW" | "REKEY"; keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12"; csrPem?: string; csrSource?: "BROWSER" | "UPLOADED" }) =>
    requestRenewal(ctx, {
      certificateId: input.certificateId,
      kind: input.kind,
      keyGeneration: input.keyGeneration,
      ...(input.csrPem ? { csrPem: input.csrPem, ...(input.csrSource ? { csrSource: input.csrSource } : {}) } : {}),
    }),
  done: (r) => ({ applicationId: r.applicationId }),
});

/** Then the declarations are made again and the application is submitted to the RA. */
export const submitRenewalStep = defineStep({
  run: (ctx, input: { applicationId: string; declarations: Declarations }) => submitApplication(ctx, input),
});
