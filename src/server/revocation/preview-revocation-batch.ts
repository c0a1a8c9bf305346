import { z } from "zod";
import { CA_REVOCATION_GROUNDS, REVOCATION_REASON_CODES, reasonForCaGround, type RevocationReasonName } from "@/domain/revocation";
import { isCaAdmin, partyRelationTest } from "@/server/auth";
import { defineQuery, domainError } from "@/server/core";
import { batchSelectionSchema, resolveBatchSelection } from "./internal/batch-selection";

const REASON_NAMES = Object.keys(REVOCATION_REASON_CODES) as [RevocationReasonName, ...RevocationReasonName[]];
/** How many certificates, unknown serials and unreadable lines the preview lists (the counts are whole). */
export const BATCH_PREVIEW_SAMPLE = 20;
const LISTED_BACK = 200;

export const previewRevocationBatchInput = z.object({
  selection: batchSelectionSchema,
  ground: z.enum(CA_REVOCATION_GROUNDS),
  reason: z.enum(REASON_NAMES).optional(),
});

/**
 * Issue 14 item 6: what a batch revocation would do, before anything is requested. The count of
 * certificates it names (those already revoked are counted apart: they will be skipped), a sample,
 * the serials of a pasted list that name no valid certificate and the lines that are no serial,
 * the reason each will be published with, and the certificates the administrator may not revoke
 * (their own or their organisation's: separation of duties, as revokeByCa) which the batch will
 * list as failed. `asOf` is the instant the request pins the selection to.
 */
export const previewRevocationBatch = defineQuery({
  name: "revocation.preview-batch",
  input: previewRevocationBatchInput,
  authorize: isCaAdmin,
  async run(ctx, input) {
    const mapped = reasonForCaGround(input.ground, input.reason);
    if (!mapped.ok) throw domainError("REVOCATION_REASON_NOT_FOR_GROUND", { ground: input.ground, reason: input.reason });
    const resolved = await resolveBatchSelection(ctx.db, input.selection, ctx.now, ctx.now);
    const relationTo = await partyRelationTest(ctx.db, ctx.actor!.userId, ctx.now);
    let alreadyRevoked = 0;
    const conflictSerials: string[] = [];
    for (const c of resolved.certificates) {
      if (c.revokedAt) alreadyRevoked++;
      else if (relationTo({ people: [c.subscriberUserId], organisationId: c.subscriberOrganisationId })) conflictSerials.push(c.serialHex);
    }
    return {
      asOf: ctx.now,
      reason: mapped.reason,
      total: resolved.certificates.length,
      alreadyRevoked,
      conflicts: conflictSerials.length,
      toRevoke: resolved.certificates.length - alreadyRevoked - conflictSerials.length,
      conflictSerials: conflictSerials.slice(0, LISTED_BACK),
      sample: resolved.certificates.slice(0, BATCH_PREVIEW_SAMPLE).map((c) => ({ id: c.id, serialHex: c.serialHex, subjectDn: c.subjectDn, revoked: c.revokedAt !== null })),
      unknownSerials: resolved.unknownSerials.slice(0, LISTED_BACK),
      unknownCount: resolved.unknownSerials.length,
      invalidLines: resolved.invalidLines.slice(0, LISTED_BACK),
      invalidCount: resolved.invalidLines.length,
    };
  },
});
