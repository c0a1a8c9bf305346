import { createHash } from "node:crypto";
import { z } from "zod";
import { domainError, defineQuery } from "@/server/core";
import { getAcceptanceReceiptInput } from "./get-acceptance-receipt";
import { acceptanceReceiptRecord, certificateAcceptanceId, type AcceptanceReceiptDocument } from "./internal/acceptance-receipt-record";

export interface AcceptanceReceiptView {
  /** What the signed files say, as the viewer may see it (the same record the files sign for them). */
  document: AcceptanceReceiptDocument;
  /** SHA-256 of receipt.json, lower-case hex. */
  sha256: string;
}

const view = (r: { document: AcceptanceReceiptDocument; json: string }): AcceptanceReceiptView => ({
  document: r.document,
  sha256: createHash("sha256").update(r.json, "utf8").digest("hex"),
});

/**
 * The agreement acceptance receipt for people to read (issue 15 item 5), by its id: the accepter's
 * own, like its files (getAcceptanceReceipt). Signs nothing.
 */
export const getAcceptanceReceiptView = defineQuery({
  name: "agreement.get-acceptance-receipt-view",
  input: getAcceptanceReceiptInput,
  authorize: "signed-in",
  async run(ctx, input): Promise<AcceptanceReceiptView> {
    const a = await ctx.db.agreementAcceptance.findUnique({ where: { id: input.acceptanceId }, select: { userId: true } });
    if (!a || a.userId !== ctx.actor!.userId) throw domainError("NOT_FOUND");
    return view(await acceptanceReceiptRecord(ctx.db, input.acceptanceId, ctx.actor!.userId));
  },
});

/** The same, for a certificate's holder: the acceptance its application rested on (like getCertificateAcceptanceReceipt). */
export const getCertificateAcceptanceReceiptView = defineQuery({
  name: "certificate.get-acceptance-receipt-view",
  input: z.object({ certificateId: z.string().uuid() }),
  authorize: "signed-in",
  async run(ctx, input): Promise<AcceptanceReceiptView> {
    const acceptanceId = await certificateAcceptanceId(ctx.db, ctx.actor!, input.certificateId, ctx.now);
    if (!acceptanceId) throw domainError("NOT_FOUND");
    return view(await acceptanceReceiptRecord(ctx.db, acceptanceId, ctx.actor!.userId));
  },
});
