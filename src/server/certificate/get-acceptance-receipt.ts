import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { receiptBaseName, signReceipt, type SignedReceiptFiles } from "@/server/ca-service";
import { domainError, defineQuery } from "@/server/core";
import { acceptanceReceiptRecord, certificateAcceptanceId, RECEIPT_TYPE } from "./internal/acceptance-receipt-record";

export const getAcceptanceReceiptInput = z.object({ acceptanceId: z.string().uuid() });

export { RECEIPT_TYPE };

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

/** The receipt as `viewerId` may see it (acceptanceReceiptRecord), signed now by the CA and the TSA. */
async function acceptanceReceipt(ctx: Parameters<typeof signReceipt>[0] & { db: PrismaClient }, acceptanceId: string, now: Date, viewerId: string): Promise<AcceptanceReceipt> {
  const { json } = await acceptanceReceiptRecord(ctx.db, acceptanceId, viewerId);
  const files = await signReceipt(ctx, json, now);
  return { ...files, acceptanceId, fileBaseName: receiptBaseName("acceptance", acceptanceId) };
}
