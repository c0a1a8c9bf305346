import type { CertificateActionFacts } from "@/domain/certificate";
import type { Certificate, Objection } from "@/generated/prisma/client";

export type CertificateWithObjections = Certificate & { objections: Objection[] };

/** The stored facts the domain derives the certificate's state, and what it allows, from. */
export function certificateFacts(c: CertificateWithObjections): CertificateActionFacts {
  return {
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    receiptAt: c.receiptAt,
    testWindowDeadline: c.testWindowDeadline,
    testWindowProvisional: c.testWindowProvisional,
    explicitAcceptedAt: c.acceptanceKind === "EXPLICIT" ? c.acceptedAt : null,
    objections: c.objections.map((o) => ({ raisedAt: o.raisedAt, resolvedAt: o.resolvedAt, resolution: o.resolution })),
    holdAt: c.holdAt,
    holdReleasedAt: null,
    revokedAt: c.revokedAt,
    revocationReason: c.revocationReason,
    supersededById: c.supersededById,
    hasApplication: c.applicationId !== null,
  };
}
