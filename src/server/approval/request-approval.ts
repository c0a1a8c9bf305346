import { z } from "zod";
import { settings } from "@/config/settings";
import { APPROVAL_KINDS, runsAtOnce } from "@/domain/approval";
import type { Prisma } from "@/generated/prisma/client";
import { isCaAdmin, requireNotPartyToCase } from "@/server/auth";
import { defineUseCase, DomainError } from "@/server/core";
import type { Approvable } from "./internal/approvable";
import { afterApproval, runApproved, type ApprovalOutcome } from "./internal/finish";
import { notifyApprovers } from "./internal/notify-approvers";
import { payloadSha256, storedPayload } from "./internal/payload";
import { approvableOf } from "./internal/registry";

export const requestApprovalInput = z.object({
  kind: z.enum(APPROVAL_KINDS),
  /** The gated use case's input, checked against its own schema before anything is stored. */
  payload: z.unknown(),
});

const HOUR = 3_600_000;

/**
 * Dual control (issue 14 item 5): a CA administrator asks for one of the high-impact actions. The
 * payload is validated by the action's own schema now (a malformed one is refused, nothing stored),
 * its summary is taken for the approvers, and the request waits for `required - 1` other
 * administrators (settings, per kind) until it expires. A requester who is party to the case
 * (their own certificate) is refused here, as the use case would refuse them. With a required
 * count of 1 (allowed on the embedded demo database only) the action runs at once.
 */
export const requestApproval = defineUseCase({
  name: "approval.request",
  input: requestApprovalInput,
  authorize: isCaAdmin,
  async prepare(ctx, input) {
    const entry = approvableOf(input.kind);
    const parsed = entry.input.safeParse(input.payload);
    if (!parsed.success) throw new DomainError("VALIDATION_FAILED", { issues: z.flattenError(parsed.error).fieldErrors });
    const required = settings().approvals.required[input.kind];
    if (runsAtOnce(required) && entry.needsCa) await ctx.ca();
    return { entry, parsed: parsed.data as unknown, payload: storedPayload(parsed.data), required };
  },
  async run(s, input, prepared: { entry: Approvable; parsed: unknown; payload: Prisma.InputJsonValue; required: number }): Promise<ApprovalOutcome & { id: string }> {
    const { entry, parsed, payload, required } = prepared;
    const kase = entry.parties ? await entry.parties(s.tx, parsed) : null;
    if (kase) await requireNotPartyToCase(s, kase.parties, { decision: "approval.request", ...kase.subject });
    const summary = await entry.describe(s.tx, parsed);
    const sha = payloadSha256(input.kind, payload);
    const expiresAt = new Date(s.now.getTime() + settings().approvals.ttlHours * HOUR);
    const request = await s.tx.approvalRequest.create({
      data: {
        kind: input.kind,
        payload,
        payloadSha256: sha,
        summary: summary as unknown as Prisma.InputJsonValue,
        requestedById: s.actor!.userId,
        requiredApprovals: required,
        createdAt: s.now,
        expiresAt,
      },
    });
    s.audit({
      action: "approval.requested",
      subjectType: "ApprovalRequest",
      subjectId: request.id,
      summary: { kind: input.kind, payloadSha256: sha, requestedById: s.actor!.userId, requiredApprovals: required, expiresAt: expiresAt.toISOString(), summary },
    });
    if (!runsAtOnce(required)) {
      await notifyApprovers(s, { id: request.id, kind: input.kind, requestedById: s.actor!.userId, expiresAt });
      return { id: request.id, status: "PENDING", failure: null, afterCommit: [] };
    }
    return { id: request.id, ...(await runApproved(s, entry, { ...request, payload }, [])) };
  },
  afterCommit: afterApproval,
});
