import { z } from "zod";
import { recoveredKeyAvailable, type ApprovalStatusName } from "@/domain/approval";
import { isCaAdmin } from "@/server/auth";
import { defineUseCase, domainError } from "@/server/core";
import type { RecoveredKey } from "@/server/kmc";

/**
 * The requester takes the recovered key's SM2EnvelopedKey (DER) off an executed KEY_RECOVERY
 * request, to hand to the court or authority whose key opens it. Every download is audited.
 * Anyone else, or before execution: KEY_RECOVERY_NOT_AVAILABLE (the rule the approval page reads).
 */
export const getRecoveredKeyEnvelope = defineUseCase({
  name: "approval.get-recovered-key",
  input: z.object({ id: z.string().uuid() }),
  authorize: isCaAdmin,
  async run(s, input) {
    const row = await s.tx.approvalRequest.findUnique({ where: { id: input.id }, select: { id: true, kind: true, status: true, requestedById: true, result: true } });
    if (!row) throw domainError("NOT_FOUND");
    if (!recoveredKeyAvailable({ ...row, status: row.status as ApprovalStatusName }, s.actor!.userId) || !row.result) throw domainError("KEY_RECOVERY_NOT_AVAILABLE");
    const result = row.result as unknown as RecoveredKey;
    s.audit({
      action: "kmc.recovered-envelope-downloaded",
      subjectType: "ApprovalRequest",
      subjectId: row.id,
      summary: { certificateId: result.encryptionCertificateId, recipientKeySha256: result.recipientKeySha256 },
    });
    return { der: Buffer.from(result.envelopeBase64, "base64"), fileName: `sm2-enveloped-key-${result.encryptionCertificateId}.der` };
  },
});
