import { z } from "zod";
import { derToPem } from "@/ca/asn1/certificate-parts";
import { canonicalJson, domainError, defineQuery } from "@/server/core";
import { loadCaOrUnavailable } from "@/server/ca-service";

export const getAcceptanceReceiptInput = z.object({ acceptanceId: z.string().uuid() });

export const RECEIPT_TYPE = "subscriber-agreement-acceptance-receipt";

/**
 * The receipt of an agreement acceptance (preamble, 7.5): the record as canonical JSON, signed
 * by the CA (CMS SignedData, content attached, with a TSA token over the signature) and, as a
 * separate RFC 3161 token, timestamped over the JSON itself. Anyone can check it later with
 * `openssl cms -verify` and `openssl ts -verify -data` against the CA's root certificate. Only
 * the person who accepted may fetch it. Each fetch signs anew (the record does not change; the
 * timestamp says when this copy was made, the JSON says when the acceptance was made).
 */
export const getAcceptanceReceipt = defineQuery({
  name: "agreement.get-acceptance-receipt",
  input: getAcceptanceReceiptInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const a = await ctx.db.agreementAcceptance.findUnique({
      where: { id: input.acceptanceId },
      include: {
        version: { select: { version: true, effectiveAt: true } },
        user: { select: { id: true, email: true, displayName: true } },
        onBehalfOf: { select: { id: true, name: true, unifiedSocialCreditCode: true } },
      },
    });
    if (!a || a.userId !== ctx.actor!.userId) throw domainError("NOT_FOUND");
    const ca = await loadCaOrUnavailable(ctx);
    const document = {
      type: RECEIPT_TYPE,
      formatVersion: 1,
      issuedAt: ctx.now.toISOString(),
      acceptance: {
        id: a.id,
        agreementVersion: a.version.version,
        agreementEffectiveAt: a.version.effectiveAt.toISOString(),
        contentHash: a.contentHash,
        contentHashAlgorithm: "SHA-256",
        acceptedBy: { userId: a.user.id, email: a.user.email, displayName: a.user.displayName },
        onBehalfOfOrganisation: a.onBehalfOf ? { id: a.onBehalfOf.id, name: a.onBehalfOf.name, unifiedSocialCreditCode: a.onBehalfOf.unifiedSocialCreditCode } : null,
        acceptedAt: a.acceptedAt.toISOString(),
        method: a.method,
        recordedByOfficerId: a.recordedById,
        context: a.context,
        locale: a.locale,
        ip: a.ip,
        userAgent: a.userAgent,
        supersededAt: a.supersededAt?.toISOString() ?? null,
      },
    };
    const json = canonicalJson(document);
    const signed = await ca.signEvidence(Buffer.from(json, "utf8"), ctx.now);
    return {
      json,
      cms: signed.cms,
      timestampToken: signed.timestampToken,
      /** Signer and intermediates, root last: what a verifier needs besides the root it trusts. */
      chainPem: signed.chain.map((c) => derToPem(c, "CERTIFICATE")).join(""),
      rootPem: derToPem(signed.chain[signed.chain.length - 1]!, "CERTIFICATE"),
      fileBaseName: `acceptance-receipt-${a.id}`,
    };
  },
});
