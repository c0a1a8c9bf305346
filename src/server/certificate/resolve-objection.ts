import { z } from "zod";
import { allowedObjectionActions } from "@/domain/certificate";
import { certificateParties, isRaOfficer, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { publishCertificateStatus } from "@/server/ca-service";
import { revokeCertificate } from "@/server/revocation";
import { lockCertificate } from "@/server/shared";

/** Reasons an officer may give when an objection ends in revocation (the subscriber's side of RFC 5280). */
const OBJECTION_REVOCATION_REASONS = ["UNSPECIFIED", "KEY_COMPROMISE", "AFFILIATION_CHANGED", "CESSATION_OF_OPERATION", "PRIVILEGE_WITHDRAWN"] as const;

export const resolveObjectionInput = z.object({
  objectionId: z.string().uuid(),
  /** Clause 2.2: consultation (no change), revocation, or change (reissue through a change application). */
  resolution: z.enum(["CONSULTATION", "REVOCATION", "CHANGE"]),
  note: z.string().trim().min(1).max(2_000),
  revocationReason: z.enum(OBJECTION_REVOCATION_REASONS).default("UNSPECIFIED"),
});

/**
 * An RA officer settles an open objection. REVOCATION revokes the certificate at once (and, after
 * the commit, re-signs its OCSP responses and CRL shard). CHANGE calls for a change
 * application: the mail leads the subscriber to the certificate page's change card (requestChange,
 * replacesCertificateId), and accepting the new certificate revokes this one as superseded. CONSULTATION changes nothing; the subscriber then
 * accepts explicitly (no deemed acceptance after an objection in time).
 */
export const resolveObjection = defineUseCase({
  name: "certificate.resolve-objection",
  input: resolveObjectionInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const found = await s.tx.objection.findUnique({ where: { id: input.objectionId }, select: { certificateId: true } });
    if (!found) throw domainError("NOT_FOUND");
    // Certificate first, then the objection: the same lock order as raising one.
    const cert = await lockCertificate(s.tx, found.certificateId);
    await s.tx.$queryRaw`SELECT "id" FROM "Objection" WHERE "id" = ${input.objectionId} FOR UPDATE`;
    const objection = await s.tx.objection.findUniqueOrThrow({ where: { id: input.objectionId } });
    // Separation of duties: not the one who objected, the subscriber, nor a member or agent of its organisation.
    await requireNotPartyToCase(s, certificateParties(cert, objection.raisedById), {
      decision: "certificate.resolve-objection",
      subjectType: "Objection",
      subjectId: objection.id,
      onBehalfOfId: cert.subscriberOrganisationId,
    });
    const allowed = allowedObjectionActions(objection).resolve;
    if (!allowed.ok) throw domainError(allowed.reason);
    let revoked = false;
    let cascaded: string[] = [];
    if (input.resolution === "REVOCATION") {
      if (cert.revokedAt) throw domainError("CERT_REVOKED");
      const r = await revokeCertificate(s.tx, {
        certificateId: cert.id,
        reason: input.revocationReason,
        at: s.now,
        revokedById: s.actor!.userId,
        keyCompromise: { source: "OBJECTION", evidence: s },
      });
      revoked = true;
      cascaded = r.cascade.certificateIds;
    }
    await s.tx.objection.update({
      where: { id: objection.id },
      data: { status: "RESOLVED", resolution: input.resolution, resolvedById: s.actor!.userId, resolvedAt: s.now, note: input.note },
    });
    const raiser = await s.tx.user.findUnique({ where: { id: objection.raisedById }, select: { id: true, email: true, locale: true } });
    if (raiser) {
      await s.notify({
        userId: raiser.id,
        toAddress: raiser.email,
        locale: raiser.locale,
        template: "certificate.objection-resolved",
        // A CHANGE leads straight to the certificate page's change card, where the change application starts.
        payload: { objectionId: objection.id, certificateId: cert.id, resolution: input.resolution, path: input.resolution === "CHANGE" ? `/certificates/${cert.id}#change` : `/certificates/${cert.id}` },
        dedupeKey: `objection-resolved:${objection.id}`,
      });
    }
    s.audit({
      action: "certificate.objection-resolved",
      subjectType: "Objection",
      subjectId: objection.id,
      onBehalfOfId: cert.subscriberOrganisationId,
      summary: {
        certificateId: cert.id,
        resolution: input.resolution,
        late: objection.late,
        revocationReason: revoked ? input.revocationReason : null,
        changeApplicationExpected: input.resolution === "CHANGE",
      },
    });
    return { objectionId: objection.id, resolution: input.resolution, revokedCertificateId: revoked ? cert.id : null, cascadedCertificateIds: cascaded };
  },
  // A revocation is published (OCSP, CRL) after the commit, with the other certificates a keyCompromise revoked on the same key.
  async afterCommit(ctx, { cascadedCertificateIds, ...r }) {
    for (const id of r.revokedCertificateId ? [r.revokedCertificateId, ...cascadedCertificateIds] : []) await publishCertificateStatus(ctx, id);
    return r;
  },
});
