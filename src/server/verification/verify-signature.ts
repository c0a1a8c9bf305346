import { z } from "zod";
import { verifyCms } from "@/ca/verify/verify-cms";
import { defineQuery } from "@/server/core";
import { clientKey, consumeRateLimit, VERIFICATION_LIMIT } from "@/server/public";
import { buildEvidenceReport, cmsVerdictJson, describeInput } from "./internal/evidence-report";
import { atInput, bytesInput, inputBytes } from "./input-limits";
import { verificationContext } from "./verification-context";

export const verifySignatureInput = z.object({
  /** CMS / PKCS#7 SignedData, DER or PEM; detached or with the content attached. */
  signature: bytesInput,
  /** The signed file, for a detached signature (ignored by the engine when the content is attached). */
  signedData: bytesInput.optional(),
  at: atInput,
});

/**
 * Clause 2.3: does this signature verify over this data, by a certificate of ours that was valid
 * and not revoked at the signing time (proven by an embedded timestamp, else the time of checking)?
 */
export const verifySignature = defineQuery({
  name: "verification.signature",
  input: verifySignatureInput,
  authorize: "public",
  async run(ctx, input) {
    const cms = inputBytes("signature", input.signature);
    const content = input.signedData !== undefined ? inputBytes("signedData", input.signedData) : undefined;
    await consumeRateLimit(ctx.db, clientKey("verify", ctx.meta.ip), VERIFICATION_LIMIT, ctx.now);
    const at = input.at ? new Date(input.at) : ctx.now;
    const verdict = await verifyCms({ cms, content, at }, await verificationContext(ctx.db));
    const report = buildEvidenceReport({
      kind: "signature",
      checkedAt: ctx.now,
      verificationTime: at,
      inputs: [describeInput("signature", cms), ...(content ? [describeInput("signedData", content)] : [])],
      verdict: cmsVerdictJson(verdict),
    });
    return { verdict, report };
  },
});
