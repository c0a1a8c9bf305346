import { parseCertificate } from "@/ca/asn1/certificate-parts";
import type { KeyGeneration } from "@/generated/prisma/client";
import { consentsToCertificateQuery, markApplicationIssued } from "@/server/application/ready-for-issuance";
import { bytes, subjectDnOf } from "@/server/ca-service/ca-records";
import type { IssueOutcome } from "@/server/ca-service/ca-service";
import type { Tx } from "@/server/core/context";
import type { ApplicationForIssuance } from "./ready-for-issuance";
import type { SubjectForIssuance } from "./verified-subject";

/**
 * Stores the issued certificate and marks the application ISSUED in the issuing transaction.
 * The unique applicationId and (issuerId, serialHex) columns are the database's guarantee of
 * one certificate per application and unique serials, whatever happened before. The certificate
 * a renewal, rekey, update or change replaces is NOT touched here: it is superseded (and revoked as
 * SUPERSEDED) only when the new one is accepted (supersedePredecessorOnAcceptance), since until
 * then the subscriber may object to the new certificate and still relies on the old one.
 */
export async function storeIssuedCertificate(
  tx: Tx,
  args: { app: ApplicationForIssuance; who: SubjectForIssuance; issued: IssueOutcome; keyGeneration: KeyGeneration; pkcs12?: Buffer; now: Date; actorId: string },
): Promise<{ certificateId: string }> {
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

  return { certificateId: cert.id };
}
