import { z } from "zod";
import { checkCertificateAction } from "@/domain/certificate";
import { isCustomer, requireHolder } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";
import { certificateFacts, makeChallenge } from "@/server/shared";
import { loadCaOrUnavailable } from "@/server/ca-service";

export const issueTestChallengeInput = z.object({ certificateId: z.string().uuid() });

/**
 * Starts the certificate test (clause 1.8): a random challenge bound to this certificate,
 * valid for ten minutes, which the subscriber signs with the certificate's private key.
 * Nothing is stored: the token carries its own CA signature.
 */
export const issueTestChallenge = defineQuery({
  name: "certificate.issue-test-challenge",
  input: issueTestChallengeInput,
  authorize: isCustomer,
  async run(ctx, input) {
    const ca = await loadCaOrUnavailable(ctx);
    return ctx.db.$transaction(async (tx) => {
      const cert = await tx.certificate.findUnique({ where: { id: input.certificateId }, include: { objections: true } });
      if (!cert) throw domainError("NOT_FOUND");
      await requireHolder(tx, cert, ctx.actor!, "TEST", ctx.now);
      const check = checkCertificateAction("OBJECT", certificateFacts(cert), ctx.now);
      if (!check.ok) throw domainError(check.code, { from: check.status });
      return makeChallenge(ca, cert.id, ctx.now);
    });
  },
});
