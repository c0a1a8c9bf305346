"use server";

import { field, runConsoleAction } from "@/app/ra/actions/run-action";
import { resolveObjection, resolveObjectionInput } from "@/server/certificate/resolve-objection";

type Input = Parameters<typeof resolveObjection>[1];

/** Settles an objection (clause 2.2): consultation, revocation (with the reason the officer picked) or change. */
export async function resolveObjectionWithReasonAction(f: FormData) {
  const reason = resolveObjectionInput.shape.revocationReason.safeParse(field(f, "revocationReason") || undefined);
  return runConsoleAction(f, "objectionResolved", (ctx) =>
    resolveObjection(ctx, {
      objectionId: field(f, "objectionId"),
      resolution: field(f, "resolution") as Input["resolution"],
      note: field(f, "note"),
      // Only a revocation carries a reason; a bad value falls back to the schema default (unspecified).
      ...(field(f, "resolution") === "REVOCATION" && reason.success ? { revocationReason: reason.data } : {}),
    }),
  );
}
