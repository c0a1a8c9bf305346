"use server";

import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { defineStep } from "@/server/web/define-action";

/**
 * The reader's accept button outside the apply wizard (download, renewal and change gates, and
 * /agreement itself): records the acceptance with the page's context as evidence; under the one
 * acceptance rule it then covers every action of the subject.
 */
export const acceptAgreementAction = defineStep({
  run: (ctx, input: { version: number; contentHash: string; locale: "zh-CN" | "en"; context: "DOWNLOAD" | "RENEW" | "UPDATE" | "USE"; onBehalfOfOrganisationId?: string }) =>
    acceptAgreement(ctx, input),
  done: (r) => ({ version: r.version }),
});
