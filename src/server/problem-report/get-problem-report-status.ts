import { createHash } from "node:crypto";
import { z } from "zod";
import { domainError, defineQuery } from "@/server/core";
import { clientKey, consumeRateLimit, PUBLIC_QUERY_LIMIT } from "@/server/public";

export const getProblemReportStatusInput = z.object({ token: z.string().max(100) });

/**
 * The reporter's view through the capability link of the receipt: the report's state, the
 * preliminary report and the outcome. Never the subscriber's personal data (no subject name, no
 * contact): the serial is what the reporter gave. An unknown token is NOT_FOUND, like a wrong one.
 */
export const getProblemReportStatus = defineQuery({
  name: "problem-report.status",
  input: getProblemReportStatusInput,
  authorize: "public",
  async run(ctx, input) {
    await consumeRateLimit(ctx.db, clientKey("public-query", ctx.meta.ip), PUBLIC_QUERY_LIMIT, ctx.now);
    if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) throw domainError("NOT_FOUND");
    const hash = createHash("sha256").update(input.token, "utf8").digest("hex");
    const r = await ctx.db.problemReport.findUnique({ where: { statusTokenHash: hash }, include: { certificate: { select: { serialHex: true } } } });
    if (!r) throw domainError("NOT_FOUND");
    return {
      reference: r.reference,
      serialHex: r.certificate.serialHex,
      category: r.category,
      keyCompromiseDemonstrated: r.keyProof !== null,
      status: r.status,
      receivedAt: r.receivedAt.toISOString(),
      preliminaryDueAt: r.preliminaryDueAt.toISOString(),
      preliminary: r.preliminaryAt ? { at: r.preliminaryAt.toISOString(), text: r.preliminaryReport ?? "" } : null,
      outcome: r.outcome ? { outcome: r.outcome, at: r.decidedAt!.toISOString(), reason: r.outcomeReason ?? "", ground: r.caGround, revocationReason: r.revocationReason } : null,
    };
  },
});
