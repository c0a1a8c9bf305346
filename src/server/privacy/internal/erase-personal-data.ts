import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";

/** Application statuses after which the application's papers are no longer worked on. */
export const FINAL_APPLICATION_STATUSES = ["REJECTED", "ISSUED", "CANCELLED"] as const;

/** Marker written over erased free text, so readers see that something was there. */
export const ERASED_TEXT = "[已删除 erased]";

/**
 * Clears the encrypted bytes of the user's uploaded documents (their metadata and SHA-256 stay:
 * they prove what was submitted without holding it). Documents of applications still being worked
 * on are left alone (the caller refuses deletion while there are any). Agent authorisation letters
 * are evidence of who might act for whom, part of the certification record: they are kept until
 * the retention period ends unless `includeAuthorisations`.
 */
export async function eraseDocumentBytes(tx: Tx, userId: string, now: Date, opts: { includeAuthorisations?: boolean } = {}): Promise<number> {
  const r = await tx.document.updateMany({
    where: {
      ownerUserId: userId,
      erasedAt: null,
      OR: [{ applicationId: null }, { application: { status: { in: [...FINAL_APPLICATION_STATUSES] } } }],
      ...(opts.includeAuthorisations ? {} : { agentAuthorisationId: null, letterOf: { is: null } }),
    },
    data: { encrypted: null, iv: null, tag: null, erasedAt: now },
  });
  return r.count;
}

/** Profile data and conversation texts nothing obliges the CA to keep. */
export async function eraseProfileAndConversations(tx: Tx, userId: string): Promise<{ supportMessages: number; emailTokens: number; notifications: number }> {
  await tx.user.update({ where: { id: userId }, data: { displayName: null, phone: null } });
  const requests = await tx.supportRequest.findMany({ where: { userId }, select: { id: true } });
  const ids = requests.map((r) => r.id);
  await tx.supportRequest.updateMany({ where: { id: { in: ids } }, data: { subject: ERASED_TEXT } });
  const messages = await tx.supportMessage.updateMany({ where: { requestId: { in: ids }, body: { not: ERASED_TEXT } }, data: { body: ERASED_TEXT } });
  const tokens = await tx.emailToken.deleteMany({ where: { userId } });
  // Delivered or given-up mails hold the address and their text; pending ones are still to be sent.
  const notifications = await tx.notification.deleteMany({ where: { userId, status: { not: "PENDING" } } });
  return { supportMessages: messages.count, emailTokens: tokens.count, notifications: notifications.count };
}

/** The address the CA no longer needs: replaced by a unique, undeliverable placeholder. */
export function erasedEmailOf(userId: string): string {
  return `erased-${userId}@erased.invalid`;
}

/**
 * Ends the account's contact data: address, password, sign-in history under the address, and its
 * second factors (the sealed TOTP secret, passkeys, recovery codes): with no password left they
 * guard nothing, and the CA has no duty to keep them.
 */
export async function eraseContactData(tx: Tx, user: { id: string; email: string }, now: Date, signInKey: string): Promise<void> {
  await tx.user.update({
    where: { id: user.id },
    data: { email: erasedEmailOf(user.id), passwordHash: "!", displayName: null, phone: null, disabledAt: now, anonymisedAt: now },
  });
  await tx.signInAttempt.deleteMany({ where: { emailKey: signInKey } });
  await tx.notification.deleteMany({ where: { userId: user.id } });
  await tx.emailToken.deleteMany({ where: { userId: user.id } });
  await tx.totpFactor.deleteMany({ where: { userId: user.id } });
  await tx.passkey.deleteMany({ where: { userId: user.id } });
  await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
  await tx.webAuthnChallenge.deleteMany({ where: { userId: user.id } });
}

/**
 * The archive's time has come: what was kept for the CA's legal duty is anonymised. The rows stay
 * (other records and the audit chain refer to them by id), their personal content goes: names and
 * identity numbers, certificate contents (which name the subscriber), application details, IP
 * addresses of acceptances, free texts of requests and objections.
 */
/** How many records of each kind were anonymised (the retention-ended audit summary carries them). */
export interface AnonymisedCounts {
  documents: number;
  identities: number;
  applications: number;
  certificates: number;
  acceptances: number;
  revocationRequests: number;
  objections: number;
}

export async function anonymiseRetainedRecords(tx: Tx, userId: string, now: Date): Promise<AnonymisedCounts> {
  const documents = await eraseDocumentBytes(tx, userId, now, { includeAuthorisations: true });
  const identities = await tx.subscriberIdentity.updateMany({
    where: { userId, anonymisedAt: null },
    data: { legalName: ERASED_TEXT, idDocumentNumber: ERASED_TEXT, anonymisedAt: now },
  });
  const applications = await tx.application.updateMany({
    where: { applicantId: userId },
    // identityKey holds the identity number in normalised form: erased with it.
    data: { subjectDetails: {}, csrDer: null, decisionReason: null, paymentReference: null, identityKey: null, publicKeySha256: null },
  });
  // Each "more information" round keeps the details as they were asked about and the applicant's answer: personal data too.
  await tx.applicationInfoRequest.updateMany({ where: { application: { applicantId: userId } }, data: { detailsAtQuestion: {}, question: ERASED_TEXT } });
  await tx.applicationInfoRequest.updateMany({ where: { application: { applicantId: userId }, answer: { not: null } }, data: { answer: ERASED_TEXT } });
  const certWhere: Prisma.CertificateWhereInput = { OR: [{ subscriberUserId: userId }, { application: { applicantId: userId } }], subjectDn: { not: ERASED_TEXT } };
  const certIds = (await tx.certificate.findMany({ where: certWhere, select: { id: true } })).map((c) => c.id);
  const certificates = await tx.certificate.updateMany({
    where: { id: { in: certIds } },
    data: { subjectDn: ERASED_TEXT, subjectDer: new Uint8Array(0), der: new Uint8Array(0), pkcs12: null, mailTrackingNo: null },
  });
  const acceptances = await tx.agreementAcceptance.updateMany({ where: { userId, OR: [{ ip: { not: null } }, { userAgent: { not: null } }] }, data: { ip: null, userAgent: null } });
  const revocationRequests = await tx.revocationRequest.updateMany({
    where: { requestedById: userId, OR: [{ note: { not: null } }, { rejectedReason: { not: null } }] },
    data: { note: null, rejectedReason: null },
  });
  const objections = await tx.objection.updateMany({ where: { raisedById: userId, reason: { not: ERASED_TEXT } }, data: { reason: ERASED_TEXT, note: null } });
  await tx.certificateTestResult.updateMany({ where: { certificateId: { in: certIds } }, data: { details: {} } });
  return {
    documents,
    identities: identities.count,
    applications: applications.count,
    certificates: certificates.count,
    acceptances: acceptances.count,
    revocationRequests: revocationRequests.count,
    objections: objections.count,
  };
}
