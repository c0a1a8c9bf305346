"use server";

import { defineRedirectAction, formText as field } from "@/server/web/define-action";
import { resetSecondFactors } from "@/server/second-factor/reset-second-factors";

export const resetSecondFactorsAction = defineRedirectAction({
  ok: "reset",
  back: "/admin/staff",
  run: (ctx, form) => resetSecondFactors(ctx, { userId: field(form, "userId") }),
});
