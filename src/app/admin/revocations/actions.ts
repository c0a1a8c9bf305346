"use server";

import { defineRedirectAction, formText as field } from "@/server/web/define-action";
import { domainError } from "@/server/core/errors";
import type { revokeByCa } from "@/server/revocation/revoke-by-ca";
import { requestApproval } from "@/server/approval";
import { APPROVAL_REQUESTED } from "../approval-request";

type Input = Parameters<typeof revokeByCa>[1];

/**
 * CA-initiated revocation (clause 3) of the certificate the administrator looked up and saw: by its
 * id, not by a serial typed again, and only with the confirmation ticked. It is requested, not done:
 * once another administrator approves (dual control), revokeByCa checks the ground, revokes,
 * notifies the subscriber, audits and re-signs OCSP and the CRL.
 */
export const revokeCertificateByCaAction = defineRedirectAction({
  ...APPROVAL_REQUESTED,
  read: (form): Input => {
    if (field(form, "confirm") !== "on") throw domainError("VALIDATION_FAILED", { issues: { confirm: ["required"] } });
    // "GROUND:REASON" from the page's combined choice; revokeByCa refuses a reason the ground does not permit.
    const [ground = "", reason] = field(form, "groundReason").split(":");
    return {
      certificateId: field(form, "certificateId"),
      ground: ground as Input["ground"],
      ...(reason ? { reason: reason as NonNullable<Input["reason"]> } : {}),
      explanation: field(form, "explanation"),
    };
  },
  run: (ctx, payload) => requestApproval(ctx, { kind: "CA_REVOCATION", payload }),
});
