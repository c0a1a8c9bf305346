import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { domainError, defineUseCase } from "@/server/core";
import { BASIS, type DeletionOutcome } from "./deletion-outcome";
import { eraseDocumentBytes, eraseProfileAndConversations, FINAL_APPLICATION_STATUSES } from "./internal/erase-personal-data";
import { loadRetentionPolicy, retentionEndFor } from "./internal/retention-policy";

export const requestDeletionInput = z.object({
  /** The subscriber confirms they understand the account is closed. */
  confirm: z.literal(true),
});

/**
 * Clause 6: the subscriber asks for their personal information to be deleted. At once, what no law
 * obliges the CA to keep is erased (document bytes, profile, support texts, sign-in tokens, sent
 * mails) and the account is closed; what the CA must keep (certificate, revocation, identity
 * verification and acceptance records) is listed with its legal basis and keep-until date, and the
 * e-mail address is kept while a certificate is still valid. The retention sweep erases the rest
 * when its time comes. The subscriber is told all of this (outcome JSON + a mail).
 */
export const requestDeletion = defineUseCase({
  name: "privacy.request-deletion",
  input: requestDeletionInput,
  authorize: "signed-in",
  async run(s) {
    const userId = s.actor!.userId;
    await s.tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
    const pending = await s.tx.privacyRequest.findFirst({ where: { userId, kind: "DELETION", status: { in: ["RECEIVED", "IN_PROGRESS"] } }, select: { id: true } });
    if (pending) throw domainError("PRIVACY_REQUEST_PENDING");
    const open = await s.tx.application.count({ where: { applicantId: userId, status: { notIn: [...FINAL_APPLICATION_STATUSES] } } });
    if (open > 0) throw domainError("DELETION_BLOCKED_BY_OPEN_APPLICATION");

    const user = await s.tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, locale: true } });
    const request = await s.tx.privacyRequest.create({ data: { userId, kind: "DELETION", status: "IN_PROGRESS", requestedAt: s.now } });
    const documents = await eraseDocumentBytes(s.tx, userId, s.now);
    const erasedMore = await eraseProfileAndConversations(s.tx, userId);
    await s.tx.user.update({ where: { id: userId }, data: { disabledAt: s.now } });

    const policy = await loadRetentionPolicy(s.tx);
    const { keepUntil, certificateIds } = await retentionEndFor(s.tx, userId, policy);
    const stillValid = await s.tx.certificate.findMany({
      where: { id: { in: certificateIds }, revokedAt: null, notAfter: { gt: s.now } },
      select: { notAfter: true },
    });
    const contactUntil = stillValid.length > 0 ? new Date(stillValid.reduce((m, c) => Math.max(m, c.notAfter.getTime()), 0)) : null;
    const until = keepUntil?.toISOString() ?? null;
    const revocationIds = (await s.tx.revocation.findMany({ where: { certificateId: { in: certificateIds } }, select: { id: true } })).map((r) => r.id);

    const outcome: DeletionOutcome = {
      requestId: request.id,
      decidedAt: s.now.toISOString(),
      retentionYears: policy.certificateYearsAfterExpiry,
      erased: [
        { category: "documentContents", count: documents },
        { category: "displayNameAndPhone" },
        { category: "supportMessages", count: erasedMore.supportMessages },
        { category: "sentNotifications", count: erasedMore.notifications },
        { category: "emailTokens", count: erasedMore.emailTokens },
      ],
      kept: [
        { category: "certificates", ids: certificateIds, basis: BASIS.certificates, until },
        { category: "revocations", ids: revocationIds, basis: BASIS.certificates, until },
        { category: "identityVerificationRecords", basis: BASIS.certificates, until },
        { category: "applicationRecords", basis: BASIS.certificates, until },
        { category: "agreementAcceptances", basis: BASIS.certificates, until },
        { category: "agentAuthorisationLetters", basis: BASIS.certificates, until },
        { category: "emailAddress", basis: BASIS.contact, until: contactUntil?.toISOString() ?? null },
        { category: "auditLog", basis: BASIS.auditLog, until: null },
      ],
      keepUntil: until,
      contactKeptUntil: contactUntil?.toISOString() ?? null,
    };
    await s.tx.privacyRequest.update({ where: { id: request.id }, data: { outcome: outcome as unknown as Prisma.InputJsonValue } });
    await s.notify({
      userId,
      toAddress: user.email,
      locale: user.locale,
      template: "privacy.deletion-processed",
      payload: { keepUntil: until ?? "-", contactKeptUntil: outcome.contactKeptUntil ?? "-", documents, certificates: certificateIds.length, path: "/my-data" },
      dedupeKey: `privacy-deletion:${request.id}`,
    });
    s.audit({
      action: "privacy.deletion-requested",
      subjectType: "PrivacyRequest",
      subjectId: request.id,
      summary: { documentsErased: documents, supportMessagesErased: erasedMore.supportMessages, certificatesKept: certificateIds.length, keepUntil: until, contactKeptUntil: outcome.contactKeptUntil },
    });
    return outcome;
  },
});
