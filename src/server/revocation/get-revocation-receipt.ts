import { z } from "zod";
import { signReceipt, type SignedReceiptFiles } from "@/server/ca-service";
import { defineQuery } from "@/server/core";
import { loadReceiptRecord } from "./internal/receipt-record";

export const getRevocationReceiptInput = z.object({
  requestId: z.string().uuid(),
  /** When given (the certificate's own receipt routes), a request of another certificate is NOT_FOUND. */
  certificateId: z.string().uuid().optional(),
});

export interface RevocationReceipt {
  /** The exact bytes that were signed (canonical JSON, UTF-8). */
  json: string;
  /** CMS SignedData (DER, base64) with the JSON attached and a TSA token over the signature. */
  cmsBase64: string;
  /** RFC 3161 token (DER, base64) over SHA-256 of the JSON: `openssl ts -verify -data receipt.json`. */
  timestampTokenBase64: string;
  /** The published CA chain, root last (PEM-able DER, base64). */
  chainBase64: string[];
  /** The same receipt as files openssl reads as they are (.p7s, .tsr, chain): the download routes serve these. */
  files: SignedReceiptFiles;
}

/**
 * The subscriber's receipt for a loss report, revocation request or hold release (clause 1.4,
 * 5): the request with its received, compliant, due and done times, the certificate it concerns
 * and the revocation when there is one, signed by the CA (CMS) and timestamped by the TSA, so
 * the times can be proven in a dispute about liability before revocation. Signed afresh on each
 * call at the current state. The JSON is the stored record alone (version 2: no time of fetching,
 * and of the deadline's standing only the closed outcome, met or missed), so two fetches of an
 * unchanged request sign the same bytes; the signing and timestamp times say when a copy was made.
 */
export const getRevocationReceipt = defineQuery({
  name: "revocation.get-receipt",
  input: getRevocationReceiptInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const { json } = await loadReceiptRecord(ctx, input);
    const files = await signReceipt(ctx, json, ctx.now);
    const receipt: RevocationReceipt = {
      json,
      cmsBase64: files.p7s.toString("base64"),
      timestampTokenBase64: files.timestampToken.toString("base64"),
      chainBase64: files.chainDer.map((c) => c.toString("base64")),
      files,
    };
    return receipt;
  },
});
