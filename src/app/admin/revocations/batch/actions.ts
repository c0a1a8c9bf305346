"use server";

import { APPROVAL_REQUESTED } from "@/app/admin/approval-request";
import { requestApproval } from "@/server/approval";
import { domainError } from "@/server/core/errors";
import { previewRevocationBatch } from "@/server/revocation/preview-revocation-batch";
import type { revocationBatchInput } from "@/server/revocation/start-revocation-batch";
import { defineAction, defineRedirectAction, formText as field } from "@/server/web/define-action";
import type { z } from "zod";

type BatchInput = z.input<typeof revocationBatchInput>;
type Selection = BatchInput["selection"];

/** The selection, ground and reason as the form sends them; the use cases' schemas judge the values. */
function readChoice(form: FormData): Pick<BatchInput, "selection" | "ground" | "reason"> {
  const by = field(form, "by");
  const selection = (
    by === "ISSUER" ? { by, issuer: field(form, "issuer") }
    : by === "PROFILE" ? { by, profileCode: field(form, "profileCode") }
    : by === "KEY" ? { by, spkiSha256: field(form, "spkiSha256") }
    : { by: "SERIALS", serials: field(form, "serials") }
  ) as Selection;
  // "GROUND:REASON" from the page's combined choice, as on the single CA revocation page.
  const [ground = "", reason] = field(form, "groundReason").split(":");
  return { selection, ground: ground as BatchInput["ground"], ...(reason ? { reason: reason as NonNullable<BatchInput["reason"]> } : {}) };
}

export type BatchPreview = Awaited<ReturnType<typeof previewRevocationBatch>>;

/** Issue 14 item 6: what the batch would revoke, before anything is requested (previewRevocationBatch). */
export const previewBatchAction = defineAction({
  read: readChoice,
  run: previewRevocationBatch,
  done: (preview: BatchPreview) => preview,
});

/**
 * The previewed batch goes to dual control: the count the administrator confirmed must still be
 * what the selection gives now (else REVOCATION_BATCH_CHANGED: preview again), then an approval
 * request of kind BATCH_REVOCATION carries the selection pinned to the preview's instant.
 */
export const requestBatchAction = defineRedirectAction({
  // To the approval request's page, as every dual-controlled admin form (the second administrator opens it there).
  ...APPROVAL_REQUESTED,
  back: "/admin/revocations/batch",
  read: (form) => {
    if (field(form, "confirm") !== "on") throw domainError("VALIDATION_FAILED", { issues: { confirm: ["required"] } });
    const expectedTotal = Number(field(form, "expectedTotal"));
    const asOf = new Date(field(form, "asOf"));
    if (!Number.isInteger(expectedTotal) || expectedTotal < 1 || Number.isNaN(asOf.getTime())) throw domainError("VALIDATION_FAILED", { issues: { expectedTotal: ["invalid"] } });
    return { ...readChoice(form), explanation: field(form, "explanation"), asOf: asOf.toISOString(), expectedTotal };
  },
  run: async (ctx, input) => {
    const now = await previewRevocationBatch(ctx, { selection: input.selection, ground: input.ground, reason: input.reason });
    if (now.total !== input.expectedTotal) throw domainError("REVOCATION_BATCH_CHANGED");
    return requestApproval(ctx, { kind: "BATCH_REVOCATION", payload: input });
  },
});
