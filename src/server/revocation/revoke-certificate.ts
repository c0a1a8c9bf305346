import { checkCertificateAction } from "@/domain/certificate";
import type { Revocation, RevocationReason } from "@/generated/prisma/client";
import { certificateFacts, lockCertificate } from "@/server/shared";
import { type Tx, domainError } from "@/server/core";
import { lockDualPair } from "./internal/dual-pair";
import { type CascadeResult, type KeyCompromiseCascade, cascadeKeyCompromise } from "./internal/key-compromise-cascade";

export type { CascadeEvidence, KeyCompromiseCascade } from "./internal/key-compromise-cascade";

export interface RevokeCertificateArgs {
  certificateId: string;
  reason: RevocationReason;
  /** The revocation time published in OCSP and the CRL. */
  at: Date;
  /** RFC 5280 invalidityDate: when the key is known or suspected to have been compromised. */
  invalidityDate?: Date | null;
  revokedById: string | null;
  /** The request this revocation carries out (Revocation.requestId is unique). */
  requestId?: string | null;
  /**
   * Required when the reason is KEY_COMPROMISE: the evidence writers and the flow, for the
   * cascade over every other certificate on the key and the key's block (see cascadeKeyCompromise).
   */
  keyCompromise?: KeyCompromiseCascade;
}

export interface RevokeCertificateResult {
  revocation: Revocation;
  /** True when the certificate had been revoked already: nothing was written. */
  alreadyRevoked: boolean;
  /** Other open requests about this certificate that the revocation settled. */
  settledRequestIds: string[];
  /**
   * The other certificates this revocation revoked (the other half of a dual pair, then those on
   * the key a keyCompromise revocation revoked), and whether it blocked the key.
   */
  cascade: CascadeResult;
  /** The other half of a dual pair (GM/T 0034), revoked with it for the same reason; null for a single certificate. */
  pairedCertificateId: string | null;
}

const NO_CASCADE: CascadeResult = { certificateIds: [], keyBlocked: false };

/**
 * THE building block for revoking a certificate inside the caller's transaction (every flow
 * that revokes should come through here: subscriber requests, CA grounds, objections resolved by
 * revocation, supersession). It is idempotent: under the certificate's row lock a second caller
 * finds the first revocation and gets it back, and the unique Revocation.certificateId is the
 * database's last word. Revoking a suspended certificate is the hold -> revoke path: the final
 * reason replaces certificateHold in OCSP and the CRL. Other open requests are closed with it:
 * revocation requests as done (their deadline is met or missed by this revocation), hold
 * releases as rejected. Publishing (OCSP re-sign, CRL shard) is for the caller after commit.
 *
 * keyCompromise (issue 14 item 4): a key shown compromised is compromised in every certificate
 * on it, so the revocation also revokes every other live certificate on the same public key and
 * puts the key on the blocked list that issuance refuses (KEY_BLOCKED), in this transaction. The
 * caller publishes `cascade.certificateIds` too.
 *
 * Dual certificates (GM/T 0034, issue 17): revoking either half of a signing + encryption pair
 * revokes the other in this transaction, with the same reason and times; it is listed first in
 * `cascade.certificateIds` (so every caller publishes it) and named in `pairedCertificateId`.
 */
export async function revokeCertificate(tx: Tx, args: RevokeCertificateArgs): Promise<RevokeCertificateResult> {
  if (args.reason === "KEY_COMPROMISE" && !args.keyCompromise) {
    // A programming error, not a user's: a keyCompromise revocation without its cascade would leave the key certifiable.
    throw new Error("revokeCertificate: a KEY_COMPROMISE revocation needs keyCompromise (evidence and source) for its cascade");
  }
  const pair = await lockDualPair(tx, args.certificateId);
  const { certificate, ...own } = await revokeOne(tx, args);
  const paired = pair ? await revokeOne(tx, { certificateId: pair.partnerId, reason: args.reason, at: args.at, invalidityDate: own.revocation.invalidityDate, revokedById: args.revokedById }) : null;
  const pairIds = paired && !paired.alreadyRevoked ? [paired.certificate.id] : [];
  const pairedCertificateId = pair?.partnerId ?? null;
  // A certificate revoked before (superseded by its renewal on the same key, say) can still be where
  // the key is shown compromised: the other certificates on the key and the block do not depend on it.
  if (args.reason !== "KEY_COMPROMISE" || !args.keyCompromise) return { ...own, cascade: { ...NO_CASCADE, certificateIds: pairIds }, pairedCertificateId };
  // Same transaction: the other certificates on the key and the block commit with this revocation, or nothing does.
  const cascade = await cascadeKeyCompromise(
    tx,
    async (certificateId, invalidityDate) => {
      const r = await revokeOne(tx, { certificateId, reason: "KEY_COMPROMISE", at: args.at, invalidityDate, revokedById: args.revokedById });
      return { revocationId: r.revocation.id, alreadyRevoked: r.alreadyRevoked };
    },
    { ...args.keyCompromise, trigger: certificate, at: args.at, invalidityDate: own.revocation.invalidityDate },
  );
  return { ...own, cascade: { ...cascade, certificateIds: [...pairIds, ...cascade.certificateIds] }, pairedCertificateId };
}

/** One certificate: the Revocation row, the certificate's status, its other open requests settled. */
async function revokeOne(
  tx: Tx,
  args: Omit<RevokeCertificateArgs, "keyCompromise">,
): Promise<Omit<RevokeCertificateResult, "cascade" | "pairedCertificateId"> & { certificate: { id: string; serialHex: string; publicKeySha256: string } }> {
  const cert = await lockCertificate(tx, args.certificateId);
  if (cert.revokedAt) {
    const existing = await tx.revocation.findUnique({ where: { certificateId: cert.id } });
    if (existing) return { revocation: existing, alreadyRevoked: true, settledRequestIds: [], certificate: cert };
  }
  const check = checkCertificateAction("REVOKE", certificateFacts(cert), args.at);
  if (!check.ok) throw domainError(check.code, { from: check.status });
  if (args.invalidityDate && (args.invalidityDate.getTime() > args.at.getTime() || args.invalidityDate.getTime() < cert.notBefore.getTime())) {
    throw domainError("REVOCATION_INVALIDITY_DATE_INVALID");
  }

  const revocation = await tx.revocation.create({
    data: {
      certificateId: cert.id,
      reasonCode: args.reason,
      revokedAt: args.at,
      invalidityDate: args.invalidityDate ?? null,
      requestId: args.requestId ?? null,
      revokedById: args.revokedById,
    },
  });
  await tx.certificate.update({
    where: { id: cert.id },
    data: { revokedAt: args.at, revocationReason: args.reason, status: "REVOKED" },
  });

  const open = await tx.revocationRequest.findMany({
    where: { certificateId: cert.id, status: { in: ["RECEIVED", "COMPLIANT"] }, ...(args.requestId ? { id: { not: args.requestId } } : {}) },
    select: { id: true, kind: true },
  });
  for (const r of open) {
    await tx.revocationRequest.update({
      where: { id: r.id },
      data:
        r.kind === "HOLD_RELEASE"
          ? { status: "REJECTED", doneAt: args.at, rejectedReason: "certificate revoked" }
          : { status: "DONE", doneAt: args.at },
    });
  }
  return { revocation, alreadyRevoked: false, settledRequestIds: open.map((r) => r.id), certificate: cert };
}
