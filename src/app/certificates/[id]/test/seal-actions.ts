"use server";

import { getTranslations } from "next-intl/server";
import { defineStep } from "@/server/web/define-action";
import { SEAL_PDF_REFUSALS, verifySealTest } from "@/server/certificate/verify-seal-test";

/**
 * Sends the signed sample PDF of the seal test; the server decides pass or fail. A refused file
 * (nothing recorded) gets the catalog's sentence and the page's words for the reason.
 */
export const sealTestStep = defineStep({
  run: (ctx, input: { certificateId: string; pdf: string }) => verifySealTest(ctx, input),
  async explain(e, state) {
    const rule = e.details.rule;
    if (e.code !== "SEAL_PDF_REFUSED" || !(SEAL_PDF_REFUSALS as readonly unknown[]).includes(rule)) return state;
    const t = await getTranslations("portalTestPage.seal.refused");
    return { ...state, message: `${state.message} ${t(rule as (typeof SEAL_PDF_REFUSALS)[number])}` };
  },
});
