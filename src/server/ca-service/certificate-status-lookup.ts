import type { RevocationReason as EngineReason } from "@/ca/crl/revocation-reasons";
import type { StatusLookup } from "@/ca/ocsp/ocsp-responder";
import type { PrismaClient, RevocationReason } from "@/generated/prisma/client";

/** Prisma's RFC 5280 reason names -> the engine's. */
export const ENGINE_REASON: Record<RevocationReason, EngineReason> = {
  UNSPECIFIED: "unspecified",
  KEY_COMPROMISE: "keyCompromise",
  CA_COMPROMISE: "cACompromise",
  AFFILIATION_CHANGED: "affiliationChanged",
  SUPERSEDED: "superseded",
  CESSATION_OF_OPERATION: "cessationOfOperation",
  CERTIFICATE_HOLD: "certificateHold",
  REMOVE_FROM_CRL: "removeFromCRL",
  PRIVILEGE_WITHDRAWN: "privilegeWithdrawn",
  AA_COMPROMISE: "aACompromise",
};

/** What OCSP answers for a serial: from the Certificate row (revocation, then hold), "unknown" if none. */
export function certificateStatusLookup(db: PrismaClient, rowIdOf: (entityId: string) => string): StatusLookup {
  return {
    async statusOf(issuerEntityId, serialHex) {
      let issuerId: string;
      try {
        issuerId = rowIdOf(issuerEntityId);
      } catch {
        return { status: "unknown" };
      }
      const c = await db.certificate.findUnique({
        where: { issuerId_serialHex: { issuerId, serialHex: serialHex.toLowerCase() } },
        select: { revokedAt: true, revocationReason: true, holdAt: true },
      });
      if (!c) return { status: "unknown" };
      if (c.revokedAt) return { status: "revoked", revokedAt: c.revokedAt, reason: ENGINE_REASON[c.revocationReason ?? "UNSPECIFIED"] };
      if (c.holdAt) return { status: "revoked", revokedAt: c.holdAt, reason: "certificateHold" };
      return { status: "good" };
    },
  };
}
