import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { acceptanceCoveringApplication } from "@/server/agreement";
import { requireHolder } from "@/server/auth";
import { receiptBaseName, signReceipt, type SignedReceiptFiles } from "@/server/ca-service";
import { type Actor, canonicalJson, domainError, defineQuery } from "@/server/core";

export const getAcceptanceReceiptInput = z.object({ acceptanceId: z.string().uuid() });

export const RECEIPT_TYPE = "subscriber-agreement-acceptance-receipt";

export type AcceptanceReceipt = SignedReceiptFiles & { acceptanceId: string; fileBaseName: string };

/**
 * The receipt of an agreement acceptance (preamble, 7.5): the record as canonical JSON, signed
 * by the CA (CMS SignedData, content attached, with a TSA token over the signature) and, as a
 * separate RFC 3161 response, timestamped over the JSON itself. Anyone can check it later with
 * `openssl cms -verify` and `openssl ts -verify -data` against the CA's published chain. Only
 * the person who accepted may fetch it by its id. Each fetch signs anew; the JSON is the record
 * alone (formatVersion 2: no time of fetching inside), so copies of an unchanged record carry the
 * same bytes, and the signing and timestamp times say when a copy was made.
 */
export const getAcceptanceReceipt = defineQuery({
  name: "agreement.get-acceptance-receipt",
  input: getAcceptanceReceiptInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const a = await ctx.db.agreementAcceptance.findUnique({ where: { id: input.acceptanceId }, select: { userId: true } });
    if (!a || a.userId !== ctx.actor!.userId) throw domainError("NOT_FOUND");
    return acceptanceReceipt(ctx, input.acceptanceId, ctx.now, ctx.actor!.userId);
  },
});

/**
 * The acceptance receipt of a certificate, for its holder (who sees the certificate page): the
 * acceptance its application's submission rested on (acceptanceCoveringApplication), which may be
 * an agent's for the organisation. NOT_FOUND for anyone else, and when no acceptance is recorded.
 */
export const getCertificateAcceptanceReceipt = defineQuery({
  name: "certificate.get-acceptance-receipt",
  input: z.object({ certificateId: z.string().uuid() }),
  authorize: "signed-in",
  async run(ctx, input) {
    const acceptanceId = await certificateAcceptanceId(ctx.db, ctx.actor!, input.certificateId, ctx.now);
    if (!acceptanceId) throw domainError("NOT_FOUND");
    return acceptanceReceipt(ctx, acceptanceId, ctx.now, ctx.actor!.userId);
  },
});

/**
 * Which acceptance the certificate page offers a receipt for: its id, version, context and time,
 * or null when none is recorded. The holder's only (NOT_FOUND for anyone else).
 */
export const getCertificateAcceptance = defineQuery({
  name: "certificate.get-acceptance",
  input: z.object({ certificateId: z.string().uuid() }),
  authorize: "signed-in",
  async run(ctx, input) {
    const id = await certificateAcceptanceId(ctx.db, ctx.actor!, input.certificateId, ctx.now);
    if (!id) return null;
    const a = await ctx.db.agreementAcceptance.findUniqueOrThrow({ where: { id }, select: { id: true, acceptedAt: true, context: true, version: { select: { version: true } } } });
    return { acceptanceId: a.id, acceptedAt: a.acceptedAt, context: a.context, agreementVersion: a.version.version, fileBaseName: receiptBaseName("acceptance", a.id) };
  },
});

/** Which acceptance a certificate's receipt shows, for its holder (NOT_FOUND for anyone else); null when none. */
async function certificateAcceptanceId(db: PrismaClient, actor: Actor, certificateId: string, now: Date): Promise<string | null> {
  const c = await db.certificate.findUnique({
    where: { id: certificateId },
    select: { subscriberUserId: true, subscriberOrganisationId: true, application: { select: { applicantId: true, organisationId: true, kind: true, submittedAt: true, createdAt: true } } },
  });
  if (!c) throw domainError("NOT_FOUND");
  await db.$transaction((tx) => requireHolder(tx, c, actor, "TEST", now));
  return c.application ? acceptanceCoveringApplication(db, c.application) : null;
}

/**
 * The receipt as `viewerId` may see it. Another holder of the certificate (an organisation's
 * administrator or agent, when a colleague accepted for it) gets the record of the acceptance and
 * who made it, but not the accepter's e-mail address, network address or browser: those are the
 * accepter's personal data, theirs alone to fetch.
 */
async function acceptanceReceipt(ctx: Parameters<typeof signReceipt>[0] & { db: PrismaClient }, acceptanceId: string, now: Date, viewerId: string): Promise<AcceptanceReceipt> {
  const a = await ctx.db.agreementAcceptance.findUniqueOrThrow({
    where: { id: acceptanceId },
    include: {
      version: { select: { version: true, effectiveAt: true } },
      user: { select: { id: true, email: true, displayName: true } },
      onBehalfOf: { select: { id: true, name: true, unifiedSocialCreditCode: true } },
    },
  });
  const own = a.userId === viewerId;
  const document = {
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
  const files = await signReceipt(ctx, canonicalJson(document), now);
  return { ...files, acceptanceId: a.id, fileBaseName: receiptBaseName("acceptance", a.id) };
}
