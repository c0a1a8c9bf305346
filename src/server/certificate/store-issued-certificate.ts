import { parseCertificate } from "@/ca/asn1/certificate-parts";
import type { KeyGeneration } from "@/generated/prisma/client";
import { consentsToCertificateQuery, markApplicationIssued, replacementFor } from "@/server/application/ready-for-issuance";
import { bytes, subjectDnOf } from "@/server/ca-service/ca-records";
import type { IssueOutcome } from "@/server/ca-service/ca-service";
import type { Tx } from "@/server/core/context";
import { revokeCertificate } from "@/server/revocation/revoke-certificate";
import type { ApplicationForIssuance } from "./ready-for-issuance";
import type { SubjectForIssuance } from "./verified-subject";

/**
 * Stores the issued certificate and marks the application ISSUED in the issuing transaction.
 * The unique applicationId and (issuerId, serialHex) columns are the database's guarantee of
 * one certificate per application and unique serials, whatever happened before. A change, rekey
 * or ordered update revokes the certificate it replaces as superseded (renewals leave it to run out).
 */
export async function storeIssuedCertificate(
  tx: Tx,
  args: { app: ApplicationForIssuance; who: SubjectForIssuance; issued: IssueOutcome; keyGeneration: KeyGeneration; pkcs12?: Buffer; now: Date; actorId: string },
): Promise<{ certificateId: string; supersededId: string | null }> {
  const { app, who, issued } = args;
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
      publishConsent: consentsToCertificateQuery(app.declarations),
    },
    select: { id: true },
  });
  await markApplicationIssued(tx, app);

  let supersededId: string | null = null;
  const replaced = await replacementFor(tx, app.id);
  if (replaced) {
    const old = await tx.certificate.findUnique({ where: { id: replaced.certificateId }, select: { id: true, revokedAt: true, supersededById: true } });
    if (old && !old.supersededById) {
      await tx.certificate.update({ where: { id: old.id }, data: { supersededById: cert.id } });
      if (replaced.revokeAsSuperseded && !old.revokedAt) {
        await revokeCertificate(tx, { certificateId: old.id, reason: "SUPERSEDED", at: args.now, revokedById: args.actorId });
        supersededId = old.id;
      }
    }
  }
  return { certificateId: cert.id, supersededId };
}
