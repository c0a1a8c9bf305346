import { CA_GROUND_REASONS, revocationDue, type CaRevocationGround } from "@/domain/revocation";
import type { BlockedKeySource, RevocationReason, RevocationRequest } from "@/generated/prisma/client";
import type { AuditInput, NotificationInput, Tx } from "@/server/core";
import type { CertificateWithObjections } from "@/server/shared";
import { revokeCertificate, type CascadeEvidence } from "../revoke-certificate";
import { notifySubscriber } from "./subscriber-recipients";

/**
 * Clause 3, one certificate: the decision recorded as a CA_INITIATED request done at once, the
 * revocation (with its key-compromise cascade), the subscriber's notice and the audit event
 * "revocation.revoked-by-ca". Shared by revokeByCa (one certificate, its own event) and the batch
 * job (each certificate's event a consequence of the chunk's, naming the batch). The caller has
 * locked the certificate, checked separation of duties and that it is not revoked yet.
 */
export async function revokeOnCaGround(
  s: { tx: Tx; now: Date; notify(n: NotificationInput): Promise<void> } & CascadeEvidence,
  args: {
    cert: CertificateWithObjections;
    ground: CaRevocationGround;
    reason: RevocationReason;
    explanation: string;
    invalidityDate: Date | null;
    /** The administrator whose decision it is (the batch's requester for a batch). */
    decidedById: string;
    source: BlockedKeySource;
    batchId?: string;
  },
): Promise<{ request: RevocationRequest; revocationId: string; publishCertificateIds: string[]; event: Extract<AuditInput, { action: "revocation.revoked-by-ca" }> }> {
  const { cert } = args;
  const request = await s.tx.revocationRequest.create({
    data: {
      certificateId: cert.id,
      requestedById: args.decidedById,
      kind: "CA_INITIATED",
      reasonCode: args.reason,
      caGround: args.ground,
      status: "COMPLIANT",
      receivedAt: s.now,
      compliantAt: s.now,
      confirmedById: args.decidedById,
      confirmationMethod: "OFFICER",
      dueAt: revocationDue(s.now),
      note: args.explanation,
    },
  });
  const result = await revokeCertificate(s.tx, {
    certificateId: cert.id,
    reason: args.reason,
    at: s.now,
    invalidityDate: args.invalidityDate,
    revokedById: args.decidedById,
    requestId: request.id,
    keyCompromise: { source: args.source, evidence: s, batchId: args.batchId ?? null },
  });
  const done = await s.tx.revocationRequest.update({ where: { id: request.id }, data: { status: "DONE", doneAt: s.now } });
  const notified = await notifySubscriber(s, {
    cert,
    template: "revocation.revoked-by-ca",
    eventKey: request.id,
    payload: {
      requestId: request.id,
      ground: args.ground,
      clauseItem: CA_GROUND_REASONS[args.ground].clauseItem,
      reason: args.reason,
      explanation: args.explanation,
      revokedAt: s.now.toISOString(),
    },
  });
  return {
    request: done,
    revocationId: result.revocation.id,
    publishCertificateIds: [cert.id, ...result.cascade.certificateIds],
    event: {
      action: "revocation.revoked-by-ca",
      subjectType: "Certificate",
      subjectId: cert.id,
      summary: {
        requestId: request.id,
        revocationId: result.revocation.id,
        serialHex: cert.serialHex,
        ground: args.ground,
        clauseItem: CA_GROUND_REASONS[args.ground].clauseItem,
        reason: args.reason,
        explanation: args.explanation,
        wasSuspended: cert.holdAt !== null,
        invalidityDate: result.revocation.invalidityDate?.toISOString() ?? null,
        notifiedUserIds: notified,
        settledRequestIds: result.settledRequestIds,
        cascadedCertificateIds: result.cascade.certificateIds,
        ...(args.batchId ? { batchId: args.batchId } : {}),
      },
    },
  };
}
