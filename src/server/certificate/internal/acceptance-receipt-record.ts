import type { PrismaClient } from "@/generated/prisma/client";
import { acceptanceCoveringApplication } from "@/server/agreement";
import { requireHolder } from "@/server/auth";
import { type Actor, canonicalJson, domainError } from "@/server/core";

export const RECEIPT_TYPE = "subscriber-agreement-acceptance-receipt";

/** What an acceptance receipt says (formatVersion 2). */
export interface AcceptanceReceiptDocument {
  type: typeof RECEIPT_TYPE;
  formatVersion: 2;
  acceptance: {
    id: string;
    agreementVersion: number;
    agreementEffectiveAt: string;
    contentHash: string;
    contentHashAlgorithm: "SHA-256";
    acceptedBy: { userId: string; email: string | null; displayName: string | null };
    onBehalfOfOrganisation: { id: string; name: string; unifiedSocialCreditCode: string } | null;
    acceptedAt: string;
    method: string;
    recordedByOfficerId: string | null;
    context: string;
    locale: string | null;
    ip: string | null;
    userAgent: string | null;
    supersededAt: string | null;
  };
}

/**
 * The receipt as `viewerId` may see it, and its exact bytes (canonical JSON): one reading for the
 * signed files and the readable page. Another holder of the certificate (an organisation's
 * administrator or agent, when a colleague accepted for it) gets the record of the acceptance and
 * who made it, but not the accepter's e-mail address, network address or browser: those are the
 * accepter's personal data, theirs alone to fetch.
 */
export async function acceptanceReceiptRecord(db: PrismaClient, acceptanceId: string, viewerId: string): Promise<{ document: AcceptanceReceiptDocument; json: string }> {
  const a = await db.agreementAcceptance.findUniqueOrThrow({
    where: { id: acceptanceId },
    include: {
      version: { select: { version: true, effectiveAt: true } },
      user: { select: { id: true, email: true, displayName: true } },
      onBehalfOf: { select: { id: true, name: true, unifiedSocialCreditCode: true } },
    },
  });
  const own = a.userId === viewerId;
  const document: AcceptanceReceiptDocument = {
    type: RECEIPT_TYPE,
    formatVersion: 2,
    acceptance: {
      id: a.id,
      agreementVersion: a.version.version,
      agreementEffectiveAt: a.version.effectiveAt.toISOString(),
      contentHash: a.contentHash,
      contentHashAlgorithm: "SHA-256",
      acceptedBy: { userId: a.user.id, email: own ? a.user.email : null, displayName: a.user.displayName },
      onBehalfOfOrganisation: a.onBehalfOf ? { id: a.onBehalfOf.id, name: a.onBehalfOf.name, unifiedSocialCreditCode: a.onBehalfOf.unifiedSocialCreditCode } : null,
      acceptedAt: a.acceptedAt.toISOString(),
      method: a.method,
      recordedByOfficerId: a.recordedById,
      context: a.context,
      locale: a.locale,
      ip: own ? a.ip : null,
      userAgent: own ? a.userAgent : null,
      supersededAt: a.supersededAt?.toISOString() ?? null,
    },
  };
  return { document, json: canonicalJson(document) };
}

/** Which acceptance a certificate's receipt shows, for its holder (NOT_FOUND for anyone else); null when none. */
export async function certificateAcceptanceId(db: PrismaClient, actor: Actor, certificateId: string, now: Date): Promise<string | null> {
  const c = await db.certificate.findUnique({
    where: { id: certificateId },
    select: { subscriberUserId: true, subscriberOrganisationId: true, application: { select: { applicantId: true, organisationId: true, kind: true, submittedAt: true, createdAt: true } } },
  });
  if (!c) throw domainError("NOT_FOUND");
  await db.$transaction((tx) => requireHolder(tx, c, actor, "TEST", now));
  return c.application ? acceptanceCoveringApplication(db, c.application) : null;
}
