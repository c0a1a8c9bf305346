"use server";

import { getTranslations } from "next-intl/server";
import { defineRedirectAction, formText as field } from "@/server/web/define-action";
import { requestApproval } from "@/server/approval";
import { APPROVAL_REQUESTED } from "../approval-request";

/**
 * Asks for the judicial recovery of a dual pair's escrowed encryption key. Dual control: another
 * administrator's approval runs the recovery; until then nothing leaves the escrow.
 */
export const requestKeyRecoveryAction = defineRedirectAction({
  ...APPROVAL_REQUESTED,
  back: "/admin/key-recovery",
  read: async (form) => ({ certificateId: field(form, "certificateId"), legalBasis: field(form, "legalBasis"), recipientPublicKey: field(form, "recipientPublicKey") }),
  run: (ctx, payload) => requestApproval(ctx, { kind: "KEY_RECOVERY", payload }),
  explain: async (e, state) => {
    if (e.code === "VALIDATION_FAILED") return { ...state, message: `${state.message} ${(await getTranslations("console.keyRecovery"))("checkFields")}` };
    return state;
  },
});
