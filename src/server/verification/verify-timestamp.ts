import { z } from "zod";
import { pemToDer } from "@/ca/asn1/certificate-parts";
import { verifyTimestampToken } from "@/ca/verify/verify-timestamp";
import { defineQuery } from "@/server/core";
import { clientKey, consumeRateLimit, VERIFICATION_LIMIT } from "@/server/public";
import { buildEvidenceReport, describeInput, timestampVerdictJson } from "./internal/evidence-report";
import { bytesInput, inputBytes } from "./input-limits";
import { verificationContext } from "./verification-context";

export const verifyTimestampInput = z.object({
  /** RFC 3161 TimeStampToken or TimeStampResp, DER or PEM. */
  timestampToken: bytesInput,
  /** The data the token is claimed to cover. */
  signedData: bytesInput,
});

/**
 * Clause 2.3: does this RFC 3161 token cover this data, and was it issued by our TSA, whose
 * certificate was valid and not revoked at the token's time?
 */
export const verifyTimestamp = defineQuery({
  name: "verification.timestamp",
  input: verifyTimestampInput,
  authorize: "public",
  async run(ctx, input) {
    const token = inputBytes("timestampToken", input.timestampToken);
    const data = inputBytes("signedData", input.signedData);
    await consumeRateLimit(ctx.db, clientKey("verify", ctx.meta.ip), VERIFICATION_LIMIT, ctx.now);
    const verdict = await verifyTimestampToken(derOf(token), { data }, await verificationContext(ctx.db));
    const report = buildEvidenceReport({
      kind: "timestamp",
      checkedAt: ctx.now,
      verificationTime: verdict.genTime ?? ctx.now,
      inputs: [describeInput("timestampToken", token), describeInput("signedData", data)],
      verdict: timestampVerdictJson(verdict),
    });
    return { verdict, report };
  },
});

/** PEM is unwrapped for the engine; anything else goes through as is (the engine names what is malformed). */
function derOf(bytes: Buffer): Buffer {
  try {
    return pemToDer(bytes);
  } catch {
    return bytes;
  }
}
