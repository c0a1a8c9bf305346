import type { BlockedKeySource, Certificate } from "@/generated/prisma/client";
import type { AuditInput, NotificationInput, Tx } from "@/server/core";
import { lockPublicKey } from "@/server/core";
import { certificateRecipients } from "@/server/shared";

/**
 * What a key-compromise cascade needs from the caller besides its transaction: a place for the
 * audit event of each certificate it revokes (a consequence of the caller's own event) and the
 * outbox for the subscribers' notices. A use case passes its scope (`auditConsequence`, `notify`).
 */
export interface CascadeEvidence {
  auditConsequence(event: AuditInput): void | Promise<void>;
  notify(n: NotificationInput): Promise<void>;
}

export interface KeyCompromiseCascade {
  /** The flow whose revocation started it (BlockedKey.source). */
  source: BlockedKeySource;
  evidence: CascadeEvidence;
  /** The batch whose item started it, named in each event. */
  batchId?: string | null;
}

export interface CascadeResult {
  /** The other certificates on the key revoked now (publish their status after the commit). */
  certificateIds: string[];
  /** False when the key was on the blocked list already. */
  keyBlocked: boolean;
}

/** A certificate revoked by the cascade: one Revocation row each, the key's invalidity date, kept within the certificate's validity. */
export type RevokeOne = (certificateId: string, invalidityDate: Date | null) => Promise<{ revocationId: string; alreadyRevoked: boolean }>;

/**
 * A key shown compromised is compromised in every certificate on it: blocks the key (idempotent)
 * and revokes, in the caller's transaction, every other live certificate with the same public key
 * with keyCompromise. Each gets its own Revocation row, an audit event naming the certificate that
 * triggered it, and a notice to its subscriber. Certificates are locked in id order; expired ones
 * are left alone (they are on no CRL). The invalidity date is the trigger's, moved to a later
 * certificate's notBefore when the key was known compromised before that certificate existed
 * (RFC 5280 wants it within the certificate's validity; such a certificate was never good).
 */
export async function cascadeKeyCompromise(
  tx: Tx,
  revokeOne: RevokeOne,
  args: KeyCompromiseCascade & {
    trigger: Pick<Certificate, "id" | "serialHex" | "publicKeySha256">;
    at: Date;
    invalidityDate: Date | null;
  },
): Promise<CascadeResult> {
  const spkiSha256 = args.trigger.publicKeySha256;
  // Held to the commit: an issuance on this key waits, then sees the block (core/public-key-lock.ts).
  await lockPublicKey(tx, spkiSha256);
  const blocked = await tx.blockedKey.createMany({
    data: [{ spkiSha256, blockedAt: args.at, reason: "KEY_COMPROMISE", source: args.source, sourceCertificateId: args.trigger.id }],
    skipDuplicates: true,
  });
  if (blocked.count > 0) {
    await args.evidence.auditConsequence({
      action: "revocation.key-blocked",
      subjectType: "BlockedKey",
      subjectId: spkiSha256,
      summary: { source: args.source, sourceCertificateId: args.trigger.id, sourceSerialHex: args.trigger.serialHex, batchId: args.batchId ?? null },
    });
  }

  const others = await tx.certificate.findMany({
    where: { publicKeySha256: spkiSha256, id: { not: args.trigger.id }, revokedAt: null, notAfter: { gt: args.at } },
    select: { id: true, serialHex: true, notBefore: true, subscriberUserId: true, subscriberOrganisationId: true },
    orderBy: { id: "asc" },
  });
  const revoked: string[] = [];
  for (const c of others) {
    // RFC 5280 wants the invalidity date within the certificate's validity: moved to its start, or
    // left out for one not yet valid (a date after the revocation would refuse it and the trigger).
    const invalidityDate = !args.invalidityDate || c.notBefore > args.at ? null : args.invalidityDate < c.notBefore ? c.notBefore : args.invalidityDate;
    const r = await revokeOne(c.id, invalidityDate);
    if (r.alreadyRevoked) continue;
    revoked.push(c.id);
    const recipients = await certificateRecipients(tx, c);
    for (const u of recipients) {
      await args.evidence.notify({
        userId: u.id,
        toAddress: u.email,
        locale: u.locale,
        template: "revocation.key-compromise-cascaded",
        payload: { certificateId: c.id, serialHex: c.serialHex, triggerSerialHex: args.trigger.serialHex, revokedAt: args.at.toISOString(), path: `/certificates/${c.id}` },
        dedupeKey: `revocation.key-compromise-cascaded:${c.id}:${u.id}`,
      });
    }
    await args.evidence.auditConsequence({
      action: "revocation.key-compromise-cascaded",
      subjectType: "Certificate",
      subjectId: c.id,
      onBehalfOfId: c.subscriberOrganisationId,
      summary: {
        revocationId: r.revocationId,
        serialHex: c.serialHex,
        reason: "KEY_COMPROMISE",
        triggerCertificateId: args.trigger.id,
        triggerSerialHex: args.trigger.serialHex,
        spkiSha256,
        source: args.source,
        batchId: args.batchId ?? null,
        invalidityDate: invalidityDate?.toISOString() ?? null,
        notifiedUserIds: recipients.map((u) => u.id),
      },
    });
  }
  return { certificateIds: revoked, keyBlocked: blocked.count > 0 };
}
