import { parseCertificate } from "@/ca/asn1/certificate-parts";
import type { KeyGeneration } from "@/generated/prisma/client";
import { bytes, subjectDnOf } from "@/server/ca-service/ca-records";
import type { IssueOutcome } from "@/server/ca-service/ca-service";
import type { Tx } from "@/server/core/context";
import type { ApplicationForIssuance } from "./ready-for-issuance";
import { revokeInTransaction } from "./revoke-in-transaction";
import type { SubjectForIssuance } from "./verified-subject";

/** Kinds whose new certificate replaces the old one at once (the old is revoked as superseded). */
const REVOKES_REPLACED = new Set(["CHANGE", "REKEY", "UPDATE"]);

/**
 * Stores the issued certificate and marks the application ISSUED in the issuing transaction.
 * The unique applicationId and (issuerId, serialHex) columns are the database's guarantee of
 * one certificate per application and unique serials, whatever happened before.
 */
export async function storeIssuedCertificate(
  tx: Tx,
  args: { app: ApplicationForIssuance; who: SubjectForIssuance; issued: IssueOutcome; keyGeneration: KeyGeneration; pkcs12?: Buffer; now: Date; actorId: string },
): Promise<{ certificateId: string; supersededId: string | null }> {
  const { app, who, issued } = args;
  const declarations = (app.declarations ?? {}) as Record<string, unknown>;
  const cert = await tx.certificate.create({
    data: {
      issuerId: issued.issuerRowId,
      serialHex: issued.serialHex,
      subjectDn: subjectDnOf(issued.certificate),
      subjectDer: bytes(parseCertificate(issued.certificate).subjectName),
      publicKeySha256: issued.spkiSha256,
      notBefore: issued.notBefore,
      notAfter: issued.notAfter,
      der: bytes(issued.certificate),
      status: "ISSUED",
      applicationId: app.id,
      subscriberUserId: who.subscriberUserId,
      subscriberOrganisationId: who.subscriberOrganisationId,
      profileId: app.profileId,
      crlShard: issued.crlShard,
      keyGeneration: args.keyGeneration,
      pkcs12: args.pkcs12 ? bytes(args.pkcs12) : null,
      publishConsent: declarations.consentToCertificateQuery === true,
    },
    select: { id: true },
  });
  await tx.application.update({ where: { id: app.id }, data: { status: "ISSUED", version: { increment: 1 } } });

  let supersededId: string | null = null;
  if (app.replacesCertificateId) {
    const old = await tx.certificate.findUnique({ where: { id: app.replacesCertificateId }, select: { id: true, revokedAt: true, supersededById: true } });
    if (old && !old.supersededById) {
      await tx.certificate.update({ where: { id: old.id }, data: { supersededById: cert.id } });
      if (REVOKES_REPLACED.has(app.kind) && !old.revokedAt) {
        await revokeInTransaction(tx, { certificateId: old.id, reason: "SUPERSEDED", at: args.now, revokedById: args.actorId });
        supersededId = old.id;
      }
    }
  }
  return { certificateId: cert.id, supersededId };
}
