import { z } from "zod";
import { verifyCertificate } from "@/ca/verify/verify-certificate";
import { defineQuery } from "@/server/core";
import { clientKey, consumeRateLimit, VERIFICATION_LIMIT } from "@/server/public";
import { buildEvidenceReport, certificateVerdictJson, describeInput } from "./internal/evidence-report";
import { atInput, bytesInput, inputBytes } from "./input-limits";
import { verificationContext } from "./verification-context";

export const verifyCertificateFileInput = z.object({
  /** DER bytes or PEM text. */
  certificate: bytesInput,
  at: atInput,
});

/**
 * Clause 2.3: is this certificate one of ours, chained to our root, valid and not revoked or
 * suspended at the given time? Returns the engine's structured verdict and the evidence report.
 */
export const verifyCertificateFile = defineQuery({
  name: "verification.certificate",
  input: verifyCertificateFileInput,
  authorize: "public",
  async run(ctx, input) {
    const bytes = inputBytes("certificate", input.certificate);
    await consumeRateLimit(ctx.db, clientKey("verify", ctx.meta.ip), VERIFICATION_LIMIT, ctx.now);
    const at = input.at ? new Date(input.at) : ctx.now;
    const verdict = await verifyCertificate({ certificate: bytes, at }, await verificationContext(ctx.db));
    const report = buildEvidenceReport({
      kind: "certificate",
      checkedAt: ctx.now,
      verificationTime: at,
      inputs: [describeInput("certificate", bytes)],
      verdict: certificateVerdictJson(verdict),
    });
    return { verdict, report };
  },
});
