import { z } from "zod";
import { CA_GROUND_REASONS, CA_REVOCATION_GROUNDS, REVOCATION_REASON_CODES, reasonForCaGround, type RevocationReasonName } from "@/domain/revocation";
import type { RevocationBatchItemStatus } from "@/generated/prisma/client";
import { approvedAdminAction, partyRelationTest } from "@/server/auth";
import { defineUseCase, domainError, logger } from "@/server/core";
import { batchSelectionSchema, resolveBatchSelection } from "./internal/batch-selection";
import { sweepRevocationBatches } from "./sweep-revocation-batches";

const log = logger.child({ area: "revocation" });

const REASON_NAMES = Object.keys(REVOCATION_REASON_CODES) as [RevocationReasonName, ...RevocationReasonName[]];

/** What the administrator asks for and the approvers approve (the approval request's payload). */
export const revocationBatchInput = z.object({
  selection: batchSelectionSchema,
  /** One of the five grounds of clause 3, for every certificate of the batch (revokeByCa's rules). */
  ground: z.enum(CA_REVOCATION_GROUNDS),
  reason: z.enum(REASON_NAMES).optional(),
  /** The facts the decision rests on: told to every subscriber and kept as evidence. */
  explanation: z.string().trim().min(10).max(4000),
  invalidityDate: z.coerce.date().optional(),
  /** The preview's instant: certificates issued later are not in the batch. */
  asOf: z.coerce.date(),
  /** The count the administrator saw in the preview and confirmed. */
  expectedTotal: z.number().int().min(1),
});

/**
 * Issue 14 item 6: an approved batch revocation starts. Runs only as an approved BATCH_REVOCATION
 * request (dual control; the approval executor runs it as the requester). The selection is resolved
 * as of the preview into one item per certificate: those already revoked are skipped at once, those
 * the requester is party to (their own or their organisation's, as revokeByCa refuses) fail with
 * CONFLICT_OF_INTEREST, the others wait for the "revocation.batches" job, which revokes them chunk
 * by chunk and publishes CRLs and OCSP at the end.
 */
export const startRevocationBatch = defineUseCase({
  name: "revocation.start-batch",
  input: revocationBatchInput,
  authorize: approvedAdminAction("BATCH_REVOCATION"),
  async run(s, input) {
    const actor = s.actor!;
    const mapped = reasonForCaGround(input.ground, input.reason);
    if (!mapped.ok) throw domainError("REVOCATION_REASON_NOT_FOR_GROUND", { ground: input.ground, reason: input.reason });
    if (input.invalidityDate && input.invalidityDate.getTime() > s.now.getTime()) throw domainError("REVOCATION_INVALIDITY_DATE_INVALID");
    // The approvers approved what the requester previewed: `asOf` and `expectedTotal` come from the
    // requester's form, so a selection pinned after the request (certificates issued while it waited)
    // or larger than the confirmed count is not what was approved.
    const asked = actor.approved ? await s.tx.approvalRequest.findUnique({ where: { id: actor.approved.requestId }, select: { createdAt: true } }) : null;
    if (input.asOf.getTime() > (asked?.createdAt ?? s.now).getTime()) throw domainError("REVOCATION_BATCH_CHANGED");
    const resolved = await resolveBatchSelection(s.tx, input.selection, input.asOf, s.now);
    if (resolved.certificates.length === 0) throw domainError("REVOCATION_BATCH_EMPTY");
    if (resolved.certificates.length > input.expectedTotal) throw domainError("REVOCATION_BATCH_CHANGED");
    const relationTo = await partyRelationTest(s.tx, actor.userId, s.now);
    const items = resolved.certificates.map((c) => {
      const status: RevocationBatchItemStatus = c.revokedAt
        ? "SKIPPED"
        : relationTo({ people: [c.subscriberUserId], organisationId: c.subscriberOrganisationId })
          ? "FAILED"
          : "PENDING";
      return { certificateId: c.id, serialHex: c.serialHex, status, failure: status === "FAILED" ? "CONFLICT_OF_INTEREST" : null, handledAt: status === "PENDING" ? null : s.now };
    });
    const skipped = items.filter((i) => i.status === "SKIPPED").length;
    const failed = items.filter((i) => i.status === "FAILED").length;
    const pending = items.length - skipped - failed;
    const batch = await s.tx.revocationBatch.create({
      data: {
        selection: resolved.recorded,
        ground: input.ground,
        reason: mapped.reason,
        explanation: input.explanation,
        invalidityDate: input.invalidityDate ?? null,
        status: pending > 0 ? "RUNNING" : "DONE",
        total: items.length,
        skipped,
        failed,
        requestedById: actor.userId,
        requestedAt: input.asOf,
        approvalId: actor.approved?.requestId ?? null,
        startedAt: s.now,
        finishedAt: pending > 0 ? null : s.now,
      },
      select: { id: true },
    });
    for (let i = 0; i < items.length; i += 5000) {
      await s.tx.revocationBatchItem.createMany({ data: items.slice(i, i + 5000).map((it) => ({ ...it, batchId: batch.id })) });
    }
    s.audit({
      action: "revocation.batch-started",
      subjectType: "RevocationBatch",
      subjectId: batch.id,
      summary: {
        approvalId: actor.approved?.requestId ?? null,
        selection: resolved.recorded,
        total: items.length,
        expectedTotal: input.expectedTotal,
        pending,
        skipped,
        failed,
        ground: input.ground,
        clauseItem: CA_GROUND_REASONS[input.ground].clauseItem,
        reason: mapped.reason,
        explanation: input.explanation,
        asOf: input.asOf.toISOString(),
      },
    });
    return { batchId: batch.id, total: items.length, pending, skipped, failed };
  },
  // Work starts at once after the commit instead of at the job's next tick; the job (its lease)
  // still decides who works the batch, and picks it up if this process stops.
  async afterCommit(ctx, result) {
    if (result.pending > 0) {
      setTimeout(() => {
        sweepRevocationBatches(ctx.db, ctx.clock).catch((err: unknown) => log.error({ err: err instanceof Error ? err.message : "unknown", batchId: result.batchId }, "batch revocation run failed"));
      }, 0).unref();
    }
    return result;
  },
});
