"use server";

import { defineStep } from "@/server/web/define-action";
import { verifySealTest } from "@/server/certificate/verify-seal-test";

/** Sends the signed sample document of the seal test; the server decides pass or fail. */
export const sealTestStep = defineStep({
  run: (ctx, input: { certificateId: string; document: string; signature: string }) => verifySealTest(ctx, input),
});
