import { z } from "zod";
import { CA_REVOCATION_GROUNDS, REVOCATION_REASON_CODES, reasonForCaGround, type RevocationReasonName } from "@/domain/revocation";
import { approvedAdminAction, certificateParties, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { lockCertificate } from "@/server/shared";
import { publishStatusAfterCommit } from "@/server/ca-service";
import { requestView } from "./internal/request-view";
import { revokeOnCaGround } from "./internal/revoke-on-ca-ground";
import { revokeCertificate } from "./revoke-certificate";

const REASON_NAMES = Object.keys(REVOCATION_REASON_CODES) as [RevocationReasonName, ...RevocationReasonName[]];

export const revokeByCaInput = z.object({
  certificateId: z.string().uuid(),
  /** One of the five grounds of clause 3. */
  ground: z.enum(CA_REVOCATION_GROUNDS),
  /** Optional: another RFC 5280 reason the ground permits (e.g. cACompromise under KEY_COMPROMISED); default per ground. */
  reason: z.enum(REASON_NAMES).optional(),
  /** The facts the decision rests on: kept as evidence and told to the subscriber. */
  explanation: z.string().trim().min(10).max(4000),
  invalidityDate: z.coerce.date().optional(),
});

/**
 * Clause 3: the CA revokes on its own initiative, on one of the five grounds, each published
 * with the RFC 5280 reason the domain maps it to. Only a CA administrator decides this: the
 * grounds are the CA's own judgement about the subscriber (untrue data, misuse, breach), which is
 * not an RA officer's routine work of handling subscribers' requests; keeping it with the
 * administrator separates who handles requests from who withdraws a certificate against the
 * subscriber's will. (A person holding both roles may do both.) The decision is recorded as a
 * CA_INITIATED request, done at once, and the subscriber is notified through the outbox.
 */
export const revokeByCa = defineUseCase({
  name: "revocation.revoke-by-ca",
  input: revokeByCaInput,
  // Dual control: runs only as an approved request (src/server/approval), never on one administrator's word.
  authorize: approvedAdminAction("CA_REVOCATION"),
  async run(s, input) {
    const actor = s.actor!;
    const mapped = reasonForCaGround(input.ground, input.reason);
    if (!mapped.ok) throw domainError("REVOCATION_REASON_NOT_FOR_GROUND", { ground: input.ground, reason: input.reason });
    const cert = await lockCertificate(s.tx, input.certificateId);
    // Separation of duties: no administrator withdraws their own (or their organisation's) certificate.
    await requireNotPartyToCase(s, certificateParties(cert), { decision: "revocation.revoke-by-ca", subjectType: "Certificate", subjectId: cert.id, onBehalfOfId: cert.subscriberOrganisationId });
    if (cert.revokedAt) {
      // Already revoked (by a request or an earlier decision): nothing to do, same answer.
      const existing = await s.tx.revocation.findUniqueOrThrow({ where: { certificateId: cert.id } });
      // A key found compromised through a certificate revoked before (superseded, say) is still
      // compromised in the live certificates on it: those are revoked and the key blocked (each its own events).
      const cascade =
        mapped.reason === "KEY_COMPROMISE"
          ? (await revokeCertificate(s.tx, { certificateId: cert.id, reason: "KEY_COMPROMISE", at: s.now, revokedById: actor.userId, keyCompromise: { source: "CA_REVOCATION", evidence: s } })).cascade.certificateIds
          : [];
      s.audit({ action: "revocation.ca-revoke-repeated", subjectType: "Certificate", subjectId: cert.id, summary: { ground: input.ground, revocationId: existing.id } });
      return { request: null, revocationId: existing.id, reason: existing.reasonCode, alreadyRevoked: true, publishCertificateIds: cascade };
    }
    const done = await revokeOnCaGround(s, {
      cert,
      ground: input.ground,
      reason: mapped.reason,
      explanation: input.explanation,
      invalidityDate: input.invalidityDate ?? null,
      decidedById: actor.userId,
      source: "CA_REVOCATION",
    });
    s.audit(done.event);
    return { request: requestView(done.request, s.now), revocationId: done.revocationId, reason: mapped.reason, alreadyRevoked: false, publishCertificateIds: done.publishCertificateIds };
  },
  // After the commit: the new status reaches OCSP and the CRL within the request.
  afterCommit: publishStatusAfterCommit,
});
