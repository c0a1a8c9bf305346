import { parseCertificate } from "@/ca/asn1/certificate-parts";
import type { KeyGeneration } from "@/generated/prisma/client";
import { consentsToCertificateQuery, markApplicationIssued } from "@/server/application";
import { bytes, subjectDnOf, type CaService, type IssueOutcome } from "@/server/ca-service";
import type { AuditInput, Tx } from "@/server/core";
import type { ApplicationForIssuance } from "./internal/ready-for-issuance";
import type { SubjectForIssuance } from "./internal/verified-subject";
import { tellWaitingParty } from "./internal/waiting-party";

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
  const { app, who } = args;
  const cert = await insertCertificateRow(tx, {
    issued: args.issued,
    applicationId: app.id,
    subscriberUserId: who.subscriberUserId,
    subscriberOrganisationId: who.subscriberOrganisationId,
    profileId: app.profileId,
    keyGeneration: args.keyGeneration,
    pkcs12: args.pkcs12,
    publishConsent: consentsToCertificateQuery(app.declarations),
  });
  await markApplicationIssued(tx, app);
  // Issue 15: nobody waited in silence for this; the subscriber (or the agent) is told to download it (clause 1.7).
  await tellWaitingParty(tx, args.now, { id: cert.id, subscriberUserId: who.subscriberUserId, applicationId: app.id }, {
    template: "waiting.issued",
    payload: { certificateId: cert.id, applicationId: app.id, path: `/certificates/${cert.id}` },
    dedupeKey: `certificate.issued:${cert.id}`,
  });

  return { certificateId: cert.id };
}

/**
 * The Certificate row of an issued certificate, shared by application issuance (above) and the
 * operator's out-of-band issuance (scripts/ca-cli.ts, applicationId null): one place decides
 * what is stored about an issued certificate.
 */
export async function insertCertificateRow(
  tx: Tx,
  args: {
    issued: IssueOutcome;
    applicationId: string | null;
    subscriberUserId: string | null;
    subscriberOrganisationId: string | null;
    profileId: string;
    keyGeneration: KeyGeneration;
    pkcs12?: Buffer;
    publishConsent: boolean;
  },
): Promise<{ id: string }> {
  const { issued } = args;
  return tx.certificate.create({
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
      applicationId: args.applicationId,
      subscriberUserId: args.subscriberUserId,
      subscriberOrganisationId: args.subscriberOrganisationId,
      profileId: args.profileId,
      crlShard: issued.crlShard,
      keyGeneration: args.keyGeneration,
      pkcs12: args.pkcs12 ? bytes(args.pkcs12) : null,
      publishConsent: args.publishConsent,
    },
    select: { id: true },
  });
}

/** The audit event of an issuance, the same whichever way the key was made. */
export function issuedCertificateAuditEvent(args: {
  certificateId: string;
  app: ApplicationForIssuance;
  who: SubjectForIssuance;
  issued: IssueOutcome;
  ca: Pick<CaService, "entityIdOf">;
  keyGeneration: KeyGeneration;
  extra?: { keyAlgorithm: string };
}): AuditInput & { action: "certificate.issued" } {
  const { app, issued } = args;
  return {
    action: "certificate.issued",
    subjectType: "Certificate",
    subjectId: args.certificateId,
    onBehalfOfId: args.who.subscriberOrganisationId,
    summary: {
      applicationId: app.id,
      issuer: args.ca.entityIdOf(issued.issuerRowId),
      serialHex: issued.serialHex,
      profile: app.profile.code,
      keyGeneration: args.keyGeneration,
      ...args.extra,
      notBefore: issued.notBefore.toISOString(),
      notAfter: issued.notAfter.toISOString(),
      spkiSha256: issued.spkiSha256,
    },
  };
}
