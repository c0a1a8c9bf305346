import { z } from "zod";
import { checkCertificateAction } from "@/domain/certificate";
import { certificateFacts } from "@/server/shared";
import { loadCaOrUnavailable } from "@/server/ca-service";
import { domainError, defineQuery } from "@/server/core";
import { requireHolder } from "@/server/auth";
import { makeRevocationChallenge } from "./internal/revocation-challenge";
import { subscriberReasonSchema } from "./internal/subscriber-reason";

export const issueRevocationChallengeInput = z.object({
  certificateId: z.string().uuid(),
  reason: subscriberReasonSchema,
});

/**
 * The challenge a subscriber signs with the certificate's private key to make a revocation
 * request compliant at once. Bound to the certificate, the requester and the reason; valid for
 * 15 minutes; nothing stored (the token carries the CA's signature).
 */
export const issueRevocationChallenge = defineQuery({
  name: "revocation.issue-challenge",
  input: issueRevocationChallengeInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const ca = await loadCaOrUnavailable(ctx);
    const cert = await ctx.db.certificate.findUnique({ where: { id: input.certificateId }, include: { objections: true } });
    if (!cert) throw domainError("NOT_FOUND");
    await requireHolder(ctx.db, cert, ctx.actor!, "REVOCATION", ctx.now);
    const check = checkCertificateAction("REVOKE", certificateFacts(cert), ctx.now);
    if (!check.ok) throw domainError(check.code, { from: check.status });
    return makeRevocationChallenge(ca, { certificateId: cert.id, userId: ctx.actor!.userId, kind: "REVOCATION", reason: input.reason }, ctx.now);
  },
});
