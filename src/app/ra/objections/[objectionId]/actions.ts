"use server";

import { defineRedirectAction, formText as field } from "@/server/web/define-action";
import { resolveObjection, resolveObjectionInput } from "@/server/certificate/resolve-objection";

type Input = Parameters<typeof resolveObjection>[1];

/** Settles an objection (clause 2.2): consultation, revocation (with the reason the officer picked) or change. */
export const resolveObjectionWithReasonAction = defineRedirectAction({
  ok: "objectionResolved",
  read: (f): Input => {
    const reason = resolveObjectionInput.shape.revocationReason.safeParse(field(f, "revocationReason") || undefined);
    return {
      objectionId: field(f, "objectionId"),
      resolution: field(f, "resolution") as Input["resolution"],
      note: field(f, "note"),
      // Only a revocation carries a reason; a bad value falls back to the schema default (unspecified).
      ...(field(f, "resolution") === "REVOCATION" && reason.success ? { revocationReason: reason.data } : {}),
    };
  },
  run: resolveObjection,
});
