"use server";

import { submitApplication } from "@/server/application/submit-application";
import type { Declarations } from "@/server/application/submission";
import { defineStep } from "@/server/web/define-action";
import { requestRenewal } from "@/server/renewal/request-renewal";

/** Starts the renewal (the agreement gate is checked by the use case) with the browser-made CSR. */
export const requestRenewalStep = defineStep({
  run: (ctx, input: { certificateId: string; csrPem: string }) =>
    requestRenewal(ctx, { certificateId: input.certificateId, kind: "RENEW", keyGeneration: "CLIENT_CSR", csrPem: input.csrPem }),
  done: (r) => ({ applicationId: r.applicationId }),
});

export const submitRenewalStep = defineStep({
  run: (ctx, input: { applicationId: string; declarations: Declarations }) => submitApplication(ctx, input),
});
