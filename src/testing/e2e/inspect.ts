import { parseCsr } from "@/ca";
import { derToPem } from "@/ca/asn1/certificate-parts";
import type { PrismaClient } from "@/generated/prisma/client";
import { assertE2eBuild } from "./e2e-only";

/*
 * What a browser journey checks in the database after acting through the UI
 * (/api/test/console/seed, the inspect-* actions).
 */

export async function inspectApplication(db: PrismaClient, applicationId: string) {
  assertE2eBuild("inspection");
  const [app, certificates, issuedEvents] = await Promise.all([
    db.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: {
        status: true, registrationAuthorityId: true, kind: true, replacesCertificateId: true, keyGeneration: true, csrDer: true, certificate: { select: { id: true } },
        // The RA review's outcome: the reason given, the key duplicates are found by, each "more information" round.
        decisionReason: true, identityKey: true,
        // What the wizard stored (portal-wizard-resume): the typed details and the holder's name.
        subjectDetails: true, subscriberIdentity: { select: { legalName: true } },
        infoRequests: { orderBy: { askedAt: "asc" }, select: { question: true, askedAt: true, answer: true } },
      },
    }),
    db.certificate.count({ where: { applicationId } }),
    db.auditEvent.findMany({ where: { action: "certificate.issued" }, select: { summary: true } }),
  ]);
  const issuedAudit = issuedEvents.filter((e) => (e.summary as { applicationId?: string }).applicationId === applicationId).length;
  // Renewals: what it replaces, and which key its request carries (SHA-256 of the SPKI, as Certificate.publicKeySha256).
  const csrSpkiSha256 = app.csrDer ? parseCsr(Buffer.from(app.csrDer)).spkiSha256 : null;
  return {
    status: app.status,
    registrationAuthorityId: app.registrationAuthorityId,
    certificateId: app.certificate?.id ?? null,
    certificates,
    issuedAudit,
    kind: app.kind,
    replacesCertificateId: app.replacesCertificateId,
    keyGeneration: app.keyGeneration,
    csrSpkiSha256,
    decisionReason: app.decisionReason,
    identityKey: app.identityKey,
    infoRequests: app.infoRequests,
    subjectDetails: app.subjectDetails,
    legalName: app.subscriberIdentity?.legalName ?? null,
  };
}

/** A certificate as relying parties and the audit log see it: status, times, PEM of it and its issuer, its audit actions. */
export async function inspectCertificate(db: PrismaClient, certificateId: string) {
  assertE2eBuild("inspection");
  const c = await db.certificate.findUniqueOrThrow({
    where: { id: certificateId },
    select: {
      serialHex: true, status: true, revokedAt: true, revocationReason: true, receiptAt: true, deliveryMethod: true, deliveredAt: true, mailTrackingNo: true,
      testWindowDeadline: true, testWindowProvisional: true, der: true, issuer: { select: { certificateDer: true } }, publicKeySha256: true, supersededById: true,
      // GM/T 0034 dual pair (issue 17): which half, and the link between the halves.
      keyRole: true, signingCertificateId: true, encryptionCertificate: { select: { id: true } }, notBefore: true, notAfter: true,
    },
  });
  // Its own events and those of its objections (subject: the objection).
  const objectionIds = (await db.objection.findMany({ where: { certificateId }, select: { id: true } })).map((o) => o.id);
  const events = await db.auditEvent.findMany({ where: { subjectId: { in: [certificateId, ...objectionIds] } }, orderBy: { seq: "asc" }, select: { action: true, summary: true } });
  // The stored certificate-test results (clause 1.8), oldest first: what the test page's verdict rests on.
  const testResults = await db.certificateTestResult.findMany({ where: { certificateId }, orderBy: { runAt: "asc" }, select: { kind: true, passed: true, details: true } });
  const pem = (der: Uint8Array) => derToPem(der, "CERTIFICATE");
  const { der, issuer, ...rest } = c;
  return { ...rest, pem: pem(der), issuerPem: pem(issuer.certificateDer), auditActions: events.map((e) => e.action), audit: events, testResults };
}

/** The newest audit events of one action (what a journey checks the log recorded). */
export async function inspectAudit(db: PrismaClient, action: string) {
  assertE2eBuild("inspection");
  return db.auditEvent.findMany({ where: { action }, orderBy: { seq: "desc" }, take: 20, select: { seq: true, actorId: true, subjectId: true, summary: true } });
}

/** An approval request as stored (status, result, failure): what a dual-control journey left. */
export async function inspectApproval(db: PrismaClient, id: string) {
  assertE2eBuild("inspection");
  return db.approvalRequest.findUniqueOrThrow({ where: { id }, select: { id: true, kind: true, status: true, result: true, failure: true, requestedById: true } });
}
